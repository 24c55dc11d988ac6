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
import * as letters from '../letters/letters.repository.ts';
import type { LetterRow } from '../letters/letters.tables.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import * as repo from './qa.repository.ts';
import type { QaPublicationRow } from './qa.tables.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { newQaWorkflow, qaStore, qaWorkflow } from './qa.workflow.ts';

// Public Q&A: a network spokesperson drafts a question and answer from an answered letter whose writer allowed
// it, and a second spokesperson publishes it (qa.review.ts). The question and the answer go through the
// publication check, which removes personal data (names of private persons, ID numbers, phone numbers, plates,
// addresses, and the writer's own name and mobile wherever they appear); anything it cannot remove (a secrecy
// marking) blocks. Tips are never published, whatever the writer chose.

export const QA_LIMITS = { question: 6000, answer: 4400 };

export function overviewOf(services: ZoneServices, me: CurrentStaff) {
  const reach = reachOf(me, 'qa.publish');
  return Promise.all([
    repo.candidates(services.db, reach),
    repo.inReviewIn(services.db, reach),
    repo.publishedIn(services.db, reach),
  ]);
}

export interface Publishable {
  letter: LetterRow;
  /** The draft a reviewer returned, to start again from; undefined before the first draft. */
  draft: QaPublicationRow | undefined;
}

/**
 * A letter the spokesperson may draft from: in his reach (else missing), answered, allowed, not a tip, and not
 * drafted already (unless the draft was returned to him).
 */
export async function loadPublishable(
  services: ZoneServices,
  me: CurrentStaff,
  letterNumber: string,
): Promise<Publishable> {
  const letter = await letters.findLetter(services.db, letterNumber);
  if (!letter) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'qa.publish', { unitPath: letter.unitPath ?? '' });
  if (letter.kind === 'tip' || !letter.publishAllowed || letter.state !== 'replied' || !letter.reply)
    throw new AppError('CONFLICT', { detail: 'not publishable' });
  const draft = await repo.publicationOfLetter(services.db, letterNumber);
  if (draft && draft.state !== 'draft') throw new AppError('CONFLICT', { detail: 'already drafted' });
  return { letter, draft };
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

/**
 * The letter's question and reply with personal data removed, as the spokesperson first sees them; a returned
 * draft's texts when there is one.
 */
export function previewOf(services: ZoneServices, { letter, draft }: Publishable): Preview {
  const today = todayInShanghai(services.now());
  const extra = writerOf(services, letter);
  const question = redactPersonalData(draft?.question ?? `${letter.subject}\n${letter.body}`, today, extra);
  const answer = redactPersonalData(draft?.answer ?? letter.reply ?? '', today, extra);
  return { question: question.text, answer: answer.text, removed: [...question.removed, ...answer.removed] };
}

const refuse = (field: string, message: string): never => {
  throw new AppError('VALIDATION', { fields: [{ field, message }] });
};

/**
 * The texts as the spokesperson left them, after the check has removed whatever personal data is still in
 * them; refused while anything remains that it cannot remove.
 */
export function checkedTexts(
  services: ZoneServices,
  letter: LetterRow | undefined,
  typed: { question: string; answer: string },
) {
  const today = todayInShanghai(services.now());
  const extra = letter ? writerOf(services, letter) : [];
  const question = redactPersonalData(typed.question.trim(), today, extra);
  const answer = redactPersonalData(typed.answer.trim(), today, extra);
  if (!question.text || question.text.length > QA_LIMITS.question) refuse('question', 'qa.question');
  if (!answer.text || answer.text.length > QA_LIMITS.answer) refuse('answer', 'qa.answer');
  const left = checkPublication({ question: question.text, answer: answer.text }, today);
  if (left.length)
    throw new AppError('VALIDATION', {
      fields: left.map((h) => ({ field: h.field, message: h.explanation.zh })),
    });
  return {
    question: question.text,
    answer: answer.text,
    removed: question.removed.length + answer.removed.length,
  };
}

/** Stores the checked draft (or rewrites a returned one) and sends it to a second spokesperson for review. */
export async function submitDraft(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  { letter, draft }: Publishable,
  typed: { question: string; answer: string },
): Promise<string> {
  const texts = checkedTexts(services, letter, typed);
  const now = services.now();
  return services.db.transaction(async (tx) => {
    let id = draft?.id;
    if (draft) {
      await repo.updatePublication(tx, draft.id, {
        question: texts.question,
        answer: texts.answer,
        draftedBy: me.badgeNo,
      });
    } else {
      const row = await repo.insertPublication(tx, {
        letterNumber: letter.letterNumber,
        unitCode: letter.unitCode,
        unitPath: letter.unitPath ?? '',
        topic: letter.topic,
        question: texts.question,
        answer: texts.answer,
        ...newQaWorkflow(),
        draftedBy: me.badgeNo,
        updatedAt: now,
      });
      if (!row) throw new AppError('CONFLICT', { fields: [{ field: 'question', message: 'qa.published' }] });
      id = row.id;
    }
    await transition(tx, {
      versions: qaWorkflow,
      store: qaStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id: id! },
      action: 'submit',
      actor: staffActor(me, letter.unitPath ?? ''),
      data: {},
      now,
    });
    return id!;
  });
}

/** A draft or publication in the spokesperson's reach; one out of reach answers as missing. */
export async function loadPublication(services: ZoneServices, me: CurrentStaff, id: string) {
  const row = await repo.findPublication(services.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'qa.publish', { unitPath: row.unitPath });
  return row;
}
