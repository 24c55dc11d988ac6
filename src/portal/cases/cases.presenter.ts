import Type, { type Static } from 'typebox';
import type { DetailView, ListView } from './cases.service.ts';

// A case as the API shows it: what the pages show, in both languages where the pages choose one.

const Words = Type.Object({ zh: Type.String(), en: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const CaseSummary = Type.Object({
  id: Type.String(),
  draft: Type.Boolean(),
  caseNumber: Nullable(Type.String()),
  service: Words,
  company: Nullable(Type.String()),
  status: Type.String({ description: 'draft, or the public status of the case' }),
  dueOn: Nullable(Type.String({ description: 'YYYY-MM-DD, Beijing' })),
  daysLeft: Nullable(Type.Integer({ description: 'Working days left; negative when overdue' })),
  dueEstimated: Type.Boolean({
    description: 'The due date falls in a year without a holiday schedule: counted on Monday to Friday only',
  }),
  latestStep: Nullable(Type.Object({ step: Type.String(), at: Type.String() })),
  continueHref: Nullable(Type.String()),
});

export const CaseList = Type.Object({
  items: Type.Array(CaseSummary),
  page: Type.Integer(),
  pageCount: Type.Integer(),
  total: Type.Integer(),
});
export type CaseList = Static<typeof CaseList>;

const Step = Type.Object({
  seq: Type.Integer(),
  step: Type.String(),
  status: Type.String(),
  at: Type.String(),
  unit: Type.String({ description: 'The unit’s Chinese name, as before handledBy' }),
  handledBy: Type.Object({
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String({ description: 'The directory’s English name; the Chinese one for a unit without' }),
  }),
  message: Nullable(Type.String()),
  missingMaterials: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), problem: Type.String() }),
  ),
  legalBasis: Nullable(Type.String()),
  dueOn: Nullable(Type.String()),
  visit: Nullable(Words),
});

export const CaseDetail = Type.Object({
  caseNumber: Type.String(),
  service: Words,
  company: Nullable(Type.String()),
  status: Type.String(),
  submittedAt: Type.String(),
  dueOn: Nullable(Type.String()),
  daysLeft: Nullable(Type.Integer()),
  dueEstimated: Type.Boolean({
    description: 'The due date falls in a year without a holiday schedule: counted on Monday to Friday only',
  }),
  steps: Type.Array(Step),
  missingMaterials: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), problem: Type.String() }),
  ),
  answers: Nullable(
    Type.Array(
      Type.Object({
        title: Type.String(),
        rows: Type.Array(Type.Object({ label: Type.String(), value: Type.Array(Type.String()) })),
      }),
    ),
  ),
  documents: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      documentNumber: Type.String(),
      unit: Type.String(),
      issuedAt: Type.String(),
      validUntil: Nullable(Type.String()),
      sha256: Type.String(),
      href: Type.String(),
      /** The English copy (the acceptance notice's); the Chinese document is the legal text. */
      englishHref: Nullable(Type.String()),
    }),
  ),
  withdrawalRequestedAt: Nullable(Type.String()),
  actions: Type.Array(Type.Union([Type.Literal('withdraw'), Type.Literal('supplement')])),
});
export type CaseDetail = Static<typeof CaseDetail>;

export function presentList(view: ListView): CaseList {
  return {
    page: view.page,
    pageCount: view.pageCount,
    total: view.total,
    items: view.items.map((item) => ({
      id: item.id,
      draft: item.draft,
      caseNumber: item.caseNumber,
      service: item.service,
      company: item.company,
      status: item.status,
      dueOn: item.dueOn,
      daysLeft: item.daysLeft,
      dueEstimated: item.dueEstimated,
      latestStep: item.latest ? { step: item.latest.step, at: item.latest.at.toISOString() } : null,
      continueHref: item.continueHref,
    })),
  };
}

export function presentDetail(view: DetailView): CaseDetail {
  const actions: CaseDetail['actions'] = [];
  if (view.canWithdraw) actions.push('withdraw');
  if (view.canSupplement) actions.push('supplement');
  return {
    caseNumber: view.caseNumber,
    service: view.service,
    company: view.company,
    status: view.status,
    submittedAt: view.submittedAt.toISOString(),
    dueOn: view.dueOn,
    daysLeft: view.daysLeft,
    dueEstimated: view.dueEstimated,
    steps: view.events.map((e) => ({
      seq: e.seq,
      step: e.step,
      status: e.status,
      at: e.at.toISOString(),
      unit: e.unit.name,
      handledBy: { code: e.unit.code, nameZh: e.unit.name, nameEn: e.unit.nameEn ?? e.unit.name },
      message: e.message,
      missingMaterials: e.missingMaterials,
      legalBasis: e.legalBasis,
      dueOn: e.dueOn,
      visit: e.visit,
    })),
    missingMaterials: view.missing,
    answers:
      view.summary?.map((s) => ({
        title: s.title,
        rows: s.rows.map((r) => ({ label: r.label, value: r.value })),
      })) ?? null,
    documents: view.documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      documentNumber: d.documentNumber,
      unit: d.unitName,
      issuedAt: d.issuedAt.toISOString(),
      validUntil: d.validUntil,
      sha256: d.sha256,
      href: `/my/cases/${view.caseNumber}/documents/${d.id}`,
      // The English copy, where there is one; the Chinese document is the legal text.
      englishHref: d.englishBytes ? `/my/cases/${view.caseNumber}/documents/${d.id}/en` : null,
    })),
    withdrawalRequestedAt: view.withdrawalRequestedAt?.toISOString() ?? null,
    actions,
  };
}
