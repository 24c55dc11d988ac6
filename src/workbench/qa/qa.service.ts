import { qaPublished, qaWithdrawn } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import {
  checkPublication,
  redactPersonalData,
  type HitCategory,
} from '../../shared/content/publication-check.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import * as letters from '../letters/letters.repository.ts';
import type { LetterRow } from '../letters/letters.tables.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import * as repo from './qa.repository.ts';
import type { QaPublicationRow } from './qa.tables.ts';

// Public Q&A: the network spokesperson publishes an answered letter whose writer allowed it. The question and
// the answer go through the publication check, which removes personal data (names of private persons, ID
// numbers, phone numbers, plates, addresses, and the writer's own name and mobile wherever they appear);
// anything it cannot remove (a secrecy marking) blocks. Tips are never published, whatever the writer chose.

export const QA_LIMITS = { question: 6000, answer: 4400 };

export function overviewOf(services: ZoneServices, me: CurrentStaff) {
  const reach = reachOf(me, 'qa.publish');
  return Promise.all([repo.candidates(services.db, reach), repo.publishedIn(services.db, reach)]);
}

/** A letter the spokesperson may publish: in his reach (else missing), answered, allowed, and not a tip. */
export async function loadPublishable(services: ZoneServices, me: CurrentStaff, letterNumber: string) {
  const letter = await letters.findLetter(services.db, letterNumber);
  if (!letter) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'qa.publish', { unitPath: letter.unitPath ?? '' });
  if (letter.kind === 'tip' || !letter.publishAllowed || letter.state !== 'replied' || !letter.reply)
    throw new AppError('CONFLICT', { detail: 'not publishable' });
  return letter;
}

function writerOf(services: ZoneServices, letter: LetterRow) {
  if (!letter.writerSealed) return [];
  const writer = JSON.parse(services.sealer.open(letter.writerSealed)) as { name: string; mobile: string };
  return [
    { text: writer.name, category: 'name' as const },
    { text: writer.mobile, category: 'phone' as const },
  ];
}

export interface Preview {
  question: string;
  answer: string;
  removed: HitCategory[];
}

/** The letter's question and reply with personal data removed, as the spokesperson first sees them. */
export function previewOf(services: ZoneServices, letter: LetterRow): Preview {
  const today = todayInShanghai(services.now());
  const extra = writerOf(services, letter);
  const question = redactPersonalData(`${letter.subject}\n${letter.body}`, today, extra);
  const answer = redactPersonalData(letter.reply ?? '', today, extra);
  return { question: question.text, answer: answer.text, removed: [...question.removed, ...answer.removed] };
}

const refuse = (field: string, message: string): never => {
  throw new AppError('VALIDATION', { fields: [{ field, message }] });
};

/**
 * Publishes the texts as the spokesperson left them, after the check has removed whatever personal data is
 * still in them; refused while anything remains that it cannot remove.
 */
export async function publish(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  letter: LetterRow,
  typed: { question: string; answer: string },
): Promise<string> {
  const today = todayInShanghai(services.now());
  const extra = writerOf(services, letter);
  const question = redactPersonalData(typed.question.trim(), today, extra);
  const answer = redactPersonalData(typed.answer.trim(), today, extra);
  if (!question.text || question.text.length > QA_LIMITS.question) refuse('question', 'qa.question');
  if (!answer.text || answer.text.length > QA_LIMITS.answer) refuse('answer', 'qa.answer');
  const left = checkPublication({ question: question.text, answer: answer.text }, today);
  if (left.length)
    throw new AppError('VALIDATION', {
      fields: left.map((h) => ({ field: h.field, message: h.explanation.zh })),
    });
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const unit = letter.unitCode ? await letters.unitOf(tx, letter.unitCode) : undefined;
    const row = await repo.insertPublication(tx, {
      letterNumber: letter.letterNumber,
      unitCode: letter.unitCode,
      unitPath: letter.unitPath ?? '',
      topic: letter.topic,
      question: question.text,
      answer: answer.text,
      publishedBy: me.badgeNo,
      publishedAt: now,
    });
    if (!row) throw new AppError('CONFLICT', { fields: [{ field: 'question', message: 'qa.published' }] });
    await send(
      tx,
      qaPublished,
      {
        id: row.id,
        topic: row.topic,
        question: row.question,
        answer: row.answer,
        unitName: (unit?.name ?? '示范市公安局').slice(0, 100),
        askedOn: todayInShanghai(letter.receivedAt),
        publishedAt: now.toISOString(),
      },
      { stream: `qa:${row.id}` },
    );
    await recordAudit(tx, {
      ...by,
      action: 'qa.publish',
      target: `letter:${letter.letterNumber}`,
      detail: { id: row.id, removed: [...question.removed, ...answer.removed].length },
      at: now,
    });
    return row.id;
  });
}

export async function loadPublication(services: ZoneServices, me: CurrentStaff, id: string) {
  const row = await repo.findPublication(services.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'qa.publish', { unitPath: row.unitPath });
  return row;
}

export async function withdraw(services: ZoneServices, by: AuditActor, row: QaPublicationRow) {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    if (!(await repo.markWithdrawn(tx, row.id, now))) throw new AppError('CONFLICT');
    await send(tx, qaWithdrawn, { id: row.id, withdrawnAt: now.toISOString() }, { stream: `qa:${row.id}` });
    await recordAudit(tx, { ...by, action: 'qa.withdraw', target: `letter:${row.letterNumber}`, at: now });
  });
}
