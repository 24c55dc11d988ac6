import { qaPublished, qaWithdrawn } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { AppError } from '../../shared/http/errors.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import * as letters from '../letters/letters.repository.ts';
import type { CurrentStaff } from '../session.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import * as repo from './qa.repository.ts';
import { checkedTexts } from './qa.service.ts';
import type { QaPublicationRow } from './qa.tables.ts';
import { qaStore, qaWorkflow } from './qa.workflow.ts';

// The second pair of eyes on public Q&A: another network spokesperson than the one who wrote the draft
// publishes it (it crosses to the portal in the same transaction) or returns it with a comment saying what to
// change. The workflow refuses the writer himself, and accounts he recently created or empowered.

export const QA_COMMENT_LIMIT = 500;

const refuse = (field: string, message: string): never => {
  throw new AppError('VALIDATION', { fields: [{ field, message }] });
};

export async function review(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  row: QaPublicationRow,
  input: { decision?: string | undefined; comment?: string | undefined },
): Promise<'published' | 'returned'> {
  const comment = (input.comment ?? '').trim();
  if (input.decision !== 'approve' && input.decision !== 'return') refuse('decision', 'qa.decision');
  if (input.decision === 'return' && !comment) refuse('comment', 'qa.comment');
  if ([...comment].length > QA_COMMENT_LIMIT) refuse('comment', 'qa.comment');
  const now = services.now();
  const common = {
    versions: qaWorkflow,
    store: qaStore,
    ports: workbenchPorts(by, services.calendar),
    key: { id: row.id },
    actor: staffActor(me, row.unitPath),
    now,
  };
  if (input.decision === 'return') {
    await services.db.transaction(async (tx) => {
      await transition(tx, { ...common, action: 'return', data: { comment } });
      await repo.updatePublication(tx, row.id, { reviewComment: comment });
    });
    return 'returned';
  }
  // The texts are checked once more: the rules may have learnt something since the draft was written.
  const letter = await letters.findLetter(services.db, row.letterNumber);
  const texts = checkedTexts(services, letter, row);
  await services.db.transaction(async (tx) => {
    await transition(tx, { ...common, action: 'approve', data: {} });
    await repo.updatePublication(tx, row.id, {
      question: texts.question,
      answer: texts.answer,
      reviewComment: comment || null,
      publishedBy: me.badgeNo,
      publishedAt: now,
    });
    const unit = row.unitCode ? await letters.unitOf(tx, row.unitCode) : undefined;
    await send(
      tx,
      qaPublished,
      {
        id: row.id,
        topic: row.topic,
        question: texts.question,
        answer: texts.answer,
        unitName: (unit?.name ?? '示范市公安局').slice(0, 100),
        ...(unit ? { unitCode: unit.code } : {}),
        askedOn: todayInShanghai(letter?.receivedAt ?? row.updatedAt),
        publishedAt: now.toISOString(),
      },
      { stream: `qa:${row.id}` },
    );
  });
  return 'published';
}

export async function withdraw(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  row: QaPublicationRow,
) {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await transition(tx, {
      versions: qaWorkflow,
      store: qaStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id: row.id },
      action: 'withdraw',
      actor: staffActor(me, row.unitPath),
      data: {},
      now,
    });
    await repo.updatePublication(tx, row.id, { withdrawnAt: now });
    await send(tx, qaWithdrawn, { id: row.id, withdrawnAt: now.toISOString() }, { stream: `qa:${row.id}` });
  });
}
