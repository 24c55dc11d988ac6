import type { PublicCaseStatus } from '../../exchange/contracts/index.ts';
import { todayInShanghai, type WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { dueIsEstimated } from '../../shared/ui/estimated-due.tsx';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import { answersSummary, formOf } from './cases.forms.ts';
import type { CaseRecord } from './cases.policy.ts';
import * as repo from './cases.repository.ts';
import { documentKindWords } from './cases.messages.ts';
import type { MissingMaterial } from './cases.tables.ts';

// What "我的办件" shows: the person's applications and his companies' cases, and one case in full.

export const PAGE_SIZE = 20;
const CASE_NUMBER = /^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]{8}-[0-9]{6}$/;

export type CaseAction = 'cases.view' | 'cases.withdraw' | 'cases.supplement';

/** Working days from today (Beijing) to the due date: 0 on the day itself, negative once it has passed. */
export function daysLeft(dueOn: string | null, now: Date, calendar: WorkingDayCalendar): number | null {
  return dueOn ? calendar.workingDaysBetween(todayInShanghai(now), dueOn) : null;
}

/** The case, when the person may take the action on it; one answer for missing, draft and someone else's. */
export async function loadCase(
  services: ZoneServices,
  citizen: CurrentCitizen,
  action: CaseAction,
  caseNumber: string,
): Promise<repo.CaseRow> {
  const row = CASE_NUMBER.test(caseNumber) ? await repo.caseByNumber(services.db, caseNumber) : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const record: CaseRecord = {
    citizenId: row.citizenId,
    companyId: row.companyId,
    representatives: row.representatives,
  };
  mustAllow(portalPolicy, citizen, action, record);
  return row;
}

const nameOf = (row: { itemId: string; nameZh: string | null; nameEn: string | null }) => ({
  zh: row.nameZh ?? row.itemId,
  en: row.nameEn ?? row.itemId,
});

export async function listView(
  services: ZoneServices,
  citizen: CurrentCitizen,
  filter: repo.CaseFilter,
  page: number,
) {
  const { rows, total } = await repo.listCases(services.db, citizen.id, filter, {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const now = services.now();
  return {
    filter,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    items: rows.map((row) => ({
      id: row.id,
      draft: row.submittedAt === null,
      caseNumber: row.caseNumber,
      service: nameOf(row),
      company: row.companyName,
      mine: row.citizenId === citizen.id,
      status: (row.submittedAt === null ? 'draft' : (row.status ?? 'submitted')) as
        PublicCaseStatus | 'draft',
      submittedAt: row.submittedAt,
      updatedAt: row.updatedAt,
      dueOn: row.dueOn,
      daysLeft: daysLeft(row.dueOn, now, services.calendar),
      dueEstimated: dueIsEstimated(services.calendar, row.dueOn),
      latest: row.latest ? { step: row.latest.step, at: new Date(row.latest.at) } : null,
      continueHref:
        row.submittedAt === null
          ? row.lastPage
            ? `/applications/${row.id}/pages/${row.lastPage}`
            : `/services/${row.itemId}/apply`
          : null,
    })),
  };
}

export type ListView = Awaited<ReturnType<typeof listView>>;

/** The one-time list of what is missing: from the notice that put the case in its current status. */
function missingOf(events: Awaited<ReturnType<typeof repo.eventsOf>>, statusSeq: number): MissingMaterial[] {
  const notice = [...events].reverse().find((e) => e.seq <= statusSeq && e.missingMaterials?.length);
  return notice?.missingMaterials ?? [];
}

/** Whether the person may withdraw or supplement now, and whether he already asked. */
async function actionsOf(services: ZoneServices, row: repo.CaseRow) {
  const withdrawal = await repo.withdrawalAt(services.db, row.id, row.statusSeq);
  const supplement = await repo.supplementAt(services.db, row.id, row.statusSeq);
  return {
    withdrawalRequestedAt: withdrawal?.requestedAt ?? null,
    supplementedAt: supplement?.submittedAt ?? null,
    canWithdraw: row.applicantMay.includes('withdraw') && !withdrawal,
    canSupplement: row.status === 'missing-materials' && !supplement,
  };
}

export async function detailView(
  services: ZoneServices,
  citizen: CurrentCitizen,
  caseNumber: string,
  lang: 'zh' | 'en',
  action: CaseAction = 'cases.view',
) {
  const row = await loadCase(services, citizen, action, caseNumber);
  const events = await repo.eventsOf(services.db, row.id);
  const documents = await repo.documentsOf(services.db, row.id);
  const form = formOf(row.formId, row.formVersion);
  return {
    applicationId: row.id,
    itemId: row.itemId,
    caseNumber: row.caseNumber,
    service: nameOf(row),
    company: row.companyName,
    status: row.status ?? 'submitted',
    submittedAt: row.submittedAt!,
    dueOn: row.dueOn,
    daysLeft: daysLeft(row.dueOn, services.now(), services.calendar),
    dueEstimated: dueIsEstimated(services.calendar, row.dueOn),
    formVersion: row.formVersion,
    events: events.map((e) => ({
      seq: e.seq,
      step: e.step,
      status: e.status,
      at: e.at,
      unit: { code: e.unitCode, name: e.unitName, nameEn: e.unitNameEn },
      message: e.message,
      missingMaterials: e.missingMaterials ?? [],
      legalBasis: e.legalBasis,
      dueOn: e.dueOn,
      visit: e.visit,
    })),
    missing: row.status === 'missing-materials' ? missingOf(events, row.statusSeq) : [],
    summary: answersSummary(form, row.answers, lang),
    documents,
    ...(await actionsOf(services, row)),
  };
}

export type DetailView = Awaited<ReturnType<typeof detailView>>;

/**
 * A document of the case for its download: only one that belongs to a case the person may see. In English,
 * its English copy, and none for a document drawn only in Chinese.
 */
export async function documentOf(
  services: ZoneServices,
  citizen: CurrentCitizen,
  caseNumber: string,
  documentId: string,
  lang: 'zh' | 'en' = 'zh',
) {
  const row = await loadCase(services, citizen, 'cases.view', caseNumber);
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(documentId);
  const document = isUuid ? await repo.documentContent(services.db, row.id, documentId) : undefined;
  if (!document) throw new AppError('NOT_FOUND');
  const { englishContent, ...chinese } = document;
  if (lang === 'zh') return chinese;
  if (!englishContent) throw new AppError('NOT_FOUND');
  return {
    ...chinese,
    content: englishContent,
    fileName: `${documentKindWords[document.kind].en} ${document.documentNumber} (English).pdf`,
  };
}

/** What the public verification page shows of a code: the document's own facts, nothing of the case. */
export async function verification(services: ZoneServices, code: string) {
  if (!/^[A-Z2-7]{26}$/.test(code)) return undefined;
  const found = await repo.documentByCode(services.db, code);
  if (!found) return undefined;
  const today = todayInShanghai(services.now());
  return { ...found, valid: found.validUntil === null || found.validUntil >= today };
}

export type Verification = NonNullable<Awaited<ReturnType<typeof verification>>>;

/** The in-site messages, newest first; opening them marks them read. */
export async function messagesView(services: ZoneServices, citizen: CurrentCitizen) {
  const list = await repo.messagesOf(services.db, citizen.id, 100);
  await repo.markAllRead(services.db, citizen.id, services.now());
  return list;
}

export const unreadCount = (services: ZoneServices, citizen: CurrentCitizen) =>
  repo.unreadCount(services.db, citizen.id);
