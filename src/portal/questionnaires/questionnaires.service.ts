import { randomUUID } from 'node:crypto';
import {
  questionnaireResponseSubmitted,
  type QuestionnaireAudience,
} from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { AppError } from '../../shared/http/errors.ts';
import { readResponse, type RawAnswers } from '../../shared/questionnaires/questionnaire.rules.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { CurrentCitizen } from '../session.ts';
import * as repo from './questionnaires.repository.ts';
import type { PublicQuestionnaireRow } from './questionnaires.tables.ts';

// Questionnaires in the portal: the open ones are listed; one is answered once per person signed in, or once
// per browser for a visitor (a signed guard cookie, and the route's rate limit). The conditions are evaluated
// here, so a hidden question is never required and its answer is dropped; the response crosses to the
// workbench with the version answered and the audience tag, nothing about who gave it.

export type Open = PublicQuestionnaireRow & { definition: NonNullable<PublicQuestionnaireRow['definition']> };

export function openList(services: ZoneServices) {
  return repo.openOn(services.db, todayInShanghai(services.now()));
}

/** A questionnaire open today: unknown or not yet open answers 404; closed or past its period, 410. */
export async function loadOpen(services: ZoneServices, id: string): Promise<Open> {
  const row = await repo.findQuestionnaire(services.db, id);
  const today = todayInShanghai(services.now());
  if (!row?.definition || row.version === 0 || !row.opensOn || row.opensOn > today)
    throw new AppError('NOT_FOUND');
  if (row.closedAt || (row.closesOn ?? '') < today)
    throw new AppError('GONE', { detail: 'questionnaire closed' });
  return row as Open;
}

/** Why this person may not answer: 'sign-in' (the audience needs an account) or 'audience' (not in it). */
export async function refusalFor(
  services: ZoneServices,
  audience: QuestionnaireAudience,
  citizen: CurrentCitizen | undefined,
): Promise<'sign-in' | 'audience' | undefined> {
  if (audience === 'everyone') return undefined;
  if (!citizen) return 'sign-in';
  if (audience === 'companies' && !(await repo.actsForCompany(services.db, citizen.id))) return 'audience';
  if (audience === 'finished-case' && !(await repo.hasFinishedCase(services.db, citizen.id)))
    return 'audience';
  return undefined;
}

export type Respondent = { citizenId: string } | { guard: string };

export function respondentOf(
  citizen: CurrentCitizen | undefined,
  guard: string | undefined,
): Respondent | undefined {
  if (citizen) return { citizenId: citizen.id };
  return guard ? { guard } : undefined;
}

export function hasAnswered(services: ZoneServices, id: string, who: Respondent) {
  return repo.hasAnswered(services.db, id, who);
}

/**
 * Takes one response: checks the answers against the version shown, stores them under the person or browser
 * (a second one is refused, 409), and sends them to the workbench in the same transaction.
 */
export async function submit(
  services: ZoneServices,
  row: Open,
  who: Respondent,
  raw: RawAnswers,
): Promise<void> {
  const { answers, errors } = readResponse(row.definition, raw);
  if (errors.length) throw new AppError('VALIDATION', { fields: errors });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const saved = await repo.insertAnswer(tx, {
      id: randomUUID(),
      questionnaireId: row.id,
      version: row.version,
      citizenId: 'citizenId' in who ? who.citizenId : null,
      guard: 'guard' in who ? who.guard : null,
      answers,
      submittedAt: now,
    });
    if (!saved) throw new AppError('CONFLICT', { detail: 'already answered' });
    await send(
      tx,
      questionnaireResponseSubmitted,
      {
        responseId: saved.id,
        questionnaireId: row.id,
        version: row.version,
        audience: row.audience,
        answers,
        submittedAt: now.toISOString(),
      },
      { stream: `questionnaire:${row.id}` },
    );
  });
}

/** A questionnaire the portal was sent at all (the thanks page outlives the period). */
export async function findAny(services: ZoneServices, id: string) {
  const row = await repo.findQuestionnaire(services.db, id);
  if (!row?.definition) throw new AppError('NOT_FOUND');
  return row;
}
