import Type, { type Static } from 'typebox';
import { applicablePages, firstIncompletePage } from '../../shared/application-forms/index.ts';
import { filesOf } from './applications.repository.ts';
import type { ApplyServices, LoadedApplication } from './applications.service.ts';

// An application as the API shows it: the draft's saved answers and files, the pages that apply and the one
// to answer next, or the case number once submitted. Never the row: no internal columns leave the zone.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Localized = Type.Object({ zh: Type.String(), en: Type.String() });

export const ApplicationJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  service: Type.String({ description: 'The catalogue item applied for' }),
  serviceVersion: Type.Integer(),
  form: Type.Object({ id: Type.String(), version: Type.Integer(), title: Localized }),
  company: Nullable(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      creditCode: Type.String(),
      role: Type.Enum(['representative', 'agent']),
    }),
  ),
  state: Type.Enum(['draft', 'submitted']),
  caseNumber: Nullable(Type.String()),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  answers: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Saved answers by question id, as the form version defines them',
  }),
  files: Type.Array(
    Type.Object({
      id: Type.String(),
      question: Type.String(),
      name: Type.String(),
      mediaType: Type.String(),
      size: Type.Integer(),
    }),
  ),
  pages: Type.Array(Type.Object({ id: Type.String(), title: Localized }), {
    description: 'The pages that apply given the answers so far, in order',
  }),
  nextPage: Nullable(Type.String({ description: 'The first page still to answer; null when complete' })),
});
export type ApplicationJson = Static<typeof ApplicationJson>;

export async function presentApplication(
  services: ApplyServices,
  loaded: LoadedApplication,
): Promise<ApplicationJson> {
  const { row, form, answers, company } = loaded;
  const files = await filesOf(services.db, row.id);
  return {
    id: row.id,
    service: row.itemId,
    serviceVersion: row.itemVersion,
    form: { id: form.id, version: form.version, title: form.title },
    company: company ?? null,
    state: row.submittedAt ? 'submitted' : 'draft',
    caseNumber: row.caseNumber,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    answers,
    files: files.map((f) => ({
      id: f.id,
      question: f.fieldId,
      name: f.name,
      mediaType: f.mediaType,
      size: f.size,
    })),
    pages: applicablePages(form, answers).map((p) => ({ id: p.id, title: p.title })),
    nextPage: row.submittedAt ? null : (firstIncompletePage(form, answers)?.id ?? null),
  };
}

export const SubmittedJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseNumber: Type.String(),
  confirmation: Type.String({ description: 'The confirmation page on the portal' }),
  receipt: Type.String({ description: 'The submission receipt (PDF)' }),
});

export function presentSubmitted(id: string, caseNumber: string): Static<typeof SubmittedJson> {
  return {
    id,
    caseNumber,
    confirmation: `/applications/${id}/confirmation`,
    receipt: `/applications/${id}/receipt.pdf`,
  };
}
