import { letterTopics } from '../../exchange/contracts/index.ts';
import type { LetterTopic } from '../../exchange/contracts/index.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { searchLexemes, searchTextOf } from '../../shared/search/zh-query.ts';
import { sql } from 'drizzle-orm';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, reachOf } from '../staff/staff.policy.ts';
import { sharedFromAbove } from './kb.policy.ts';
import * as repo from './kb.repository.ts';
import { planSearch, SHORTLIST_BUDGET } from '../../shared/search/shortlist.ts';
import type { KbEntryRow, KbVersionRow } from './kb.tables.ts';
import { newKbWorkflow } from './kb.workflow.ts';

// The reply knowledge base: officers write entries, a second officer reviews each version before it is used,
// every version is kept, and the versions in use are found by the Chinese bigram search. A public entry's
// version in use crosses to the portal as an instant answer; retiring it or a non-public successor takes it
// down there.

export const KB_LIMITS = { question: 300, answer: 4000, keywords: 20, keyword: 30, comment: 500 };

export interface EntryInput {
  question: string;
  answer: string;
  keywords: string;
  area: string;
  public: boolean;
  unitCode?: string | undefined;
}

export const refuse = (field: string, message: string): never => {
  throw new AppError('VALIDATION', { fields: [{ field, message }] });
};

function parseInput(input: EntryInput) {
  const question = input.question.trim();
  const answer = input.answer.trim();
  if (!question || [...question].length > KB_LIMITS.question) refuse('question', 'kb.question');
  if (!answer || [...answer].length > KB_LIMITS.answer) refuse('answer', 'kb.answer');
  const keywords = [
    ...new Set(
      input.keywords
        .split(/[,，、;；\s]+/)
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  if (keywords.length > KB_LIMITS.keywords || keywords.some((k) => [...k].length > KB_LIMITS.keyword))
    refuse('keywords', 'kb.keywords');
  if (!(letterTopics as readonly string[]).includes(input.area)) refuse('area', 'kb.area');
  return { question, answer, keywords, area: input.area as LetterTopic, public: input.public };
}

const searchFields = (v: { question: string; keywords: string[]; answer: string }) => {
  const searchText = searchTextOf(v.question, v.keywords, v.answer);
  return { searchText, searchVector: sql`public.zh_search_tsv(${searchText})` };
};

/** The entries an officer reads, newest first, or the versions in use that best answer a question. */
export async function listFor(
  services: ZoneServices,
  me: CurrentStaff,
  // `budget`: postings per shortlist, SHORTLIST_BUDGET unless a test wants the shortlists at small scale.
  options: { q?: string; state?: string; budget?: number },
) {
  const reach = reachOf(me, 'kb.read');
  const above = sharedFromAbove(me);
  if (!options.q?.trim()) return repo.listEntries(services.db, { reach, above, state: options.state });
  const lexemes = searchLexemes(options.q);
  if (lexemes.length === 0) return [];
  const docs = await repo.termDocs(services.db, lexemes);
  const budget = options.budget ?? SHORTLIST_BUDGET;
  const plan = planSearch(lexemes, docs, docs.get('') ?? 0, budget);
  if (!plan) return [];
  // The first shortlists, then the others in order until a page is full, in one round trip.
  return repo.searchShortlists(services.db, {
    reach,
    above,
    shortlists: plan.shortlists,
    always: plan.always,
    terms: plan.terms,
    candidates: budget,
  });
}

/** The entries in use that best answer a letter, those of its business area first. */
export async function suggestionsFor(
  services: ZoneServices,
  me: CurrentStaff,
  letter: { subject: string; body: string; topic: string },
  limit = 5,
) {
  const found = await listFor(services, me, { q: `${letter.subject} ${letter.body}` });
  return found
    .map((line) => ({ ...line, rank: line.rank + (line.area === letter.topic ? 0.1 : 0) }))
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit);
}

export async function loadEntry(
  services: ZoneServices,
  me: CurrentStaff,
  action: 'kb.read' | 'kb.edit' | 'kb.review',
  id: string,
): Promise<KbEntryRow> {
  const entry = await repo.findEntry(services.db, id);
  if (!entry) throw new AppError('NOT_FOUND');
  // Reading is the door: an entry not shared with him is not there; an action he may not take is refused.
  mustAllow(workbenchPolicy, me, 'kb.read', { unitPath: entry.unitPath });
  if (action !== 'kb.read' && !workbenchPolicy.can(me, action, { unitPath: entry.unitPath }))
    throw new AppError('FORBIDDEN');
  return entry;
}

export interface EntryDetail {
  entry: KbEntryRow;
  versions: KbVersionRow[];
  latest: KbVersionRow;
  may: { edit: boolean; submit: boolean; review: boolean; retire: boolean };
}

export async function detailOf(
  services: ZoneServices,
  me: CurrentStaff,
  entry: KbEntryRow,
): Promise<EntryDetail> {
  const versions = await repo.versionsOf(services.db, entry.id);
  const latest = versions[0];
  if (!latest) throw new AppError('NOT_FOUND');
  const edits = allows(me, 'kb.edit', entry.unitPath);
  const reviews = allows(me, 'kb.review', entry.unitPath);
  const own = latest.authorBadge === me.badgeNo || latest.submittedBy === me.badgeNo;
  return {
    entry,
    versions,
    latest,
    may: {
      edit: edits && latest.state !== 'in-review',
      submit: edits && latest.state === 'draft',
      review: reviews && latest.state === 'in-review' && !own,
      retire: reviews && entry.currentVersion !== null,
    },
  };
}

/** The units where the officer may write entries: each unit his kb.edit duty sits at. */
export function writingUnits(me: CurrentStaff): { code: string; path: string }[] {
  const seen = new Map<string, string>();
  for (const a of me.assignments)
    if (allows({ ...me, assignments: [a] }, 'kb.edit', a.unitPath)) seen.set(a.unitCode, a.unitPath);
  return [...seen].map(([code, path]) => ({ code, path }));
}

export async function createEntry(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  input: EntryInput,
): Promise<string> {
  const values = parseInput(input);
  const units = writingUnits(me);
  const unit = units.find((u) => u.code === input.unitCode) ?? (input.unitCode ? undefined : units[0]);
  if (!unit) refuse('unitCode', 'kb.unit');
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const entry = await repo.insertEntry(tx, {
      unitCode: unit!.code,
      unitPath: unit!.path,
      latestVersion: 1,
      createdBy: me.badgeNo,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertVersion(tx, {
      entryId: entry.id,
      version: 1,
      ...values,
      ...searchFields(values),
      state: 'draft',
      ...newKbWorkflow(),
      authorBadge: me.badgeNo,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, { ...by, action: 'kb.create', target: `kb:${entry.id}`, at: now });
    return entry.id;
  });
}

/** Saves a draft: the draft itself while it is one, otherwise a new version beside the one in use. */
export async function saveDraft(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  entry: KbEntryRow,
  input: EntryInput,
): Promise<void> {
  const values = parseInput(input);
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await repo.lockEntry(tx, entry.id);
    const latest = await repo.findVersion(tx, entry.id, entry.latestVersion);
    if (!latest || latest.state === 'in-review')
      throw new AppError('CONFLICT', { fields: [{ field: 'question', message: 'kb.inReview' }] });
    if (latest.state === 'draft') {
      await repo.updateVersion(
        tx,
        { entryId: entry.id, version: latest.version },
        {
          ...values,
          ...searchFields(values),
          updatedAt: now,
        },
      );
    } else {
      const version = latest.version + 1;
      await repo.insertVersion(tx, {
        entryId: entry.id,
        version,
        ...values,
        ...searchFields(values),
        state: 'draft',
        ...newKbWorkflow(),
        authorBadge: me.badgeNo,
        createdAt: now,
        updatedAt: now,
      });
      await repo.updateEntry(tx, entry.id, { latestVersion: version, updatedAt: now });
    }
    await recordAudit(tx, {
      ...by,
      action: 'kb.edit',
      target: `kb:${entry.id}`,
      detail: { version: latest.state === 'draft' ? latest.version : latest.version + 1 },
      at: now,
    });
  });
}

/** The answer of an entry in use the officer reads, to start a reply from; undefined otherwise. */
export async function answerToStartFrom(services: ZoneServices, me: CurrentStaff, id: string) {
  const entry = await repo.findEntry(services.db, id);
  if (!entry?.currentVersion || !workbenchPolicy.can(me, 'kb.read', { unitPath: entry.unitPath }))
    return undefined;
  return (await repo.findVersion(services.db, entry.id, entry.currentVersion))?.answer;
}

// Moved beside this file; importers of this module still find them here.
export { retire, review, submit } from './kb.review.ts';
