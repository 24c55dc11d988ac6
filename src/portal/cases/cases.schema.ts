import Type from 'typebox';
import { publicCaseStatuses } from '../../exchange/contracts/index.ts';
import { FormBody } from '../../shared/http/schemas.ts';

// What the case pages take. A case number or code of the wrong shape is simply not found (the service checks
// the pattern), so the params are bounded strings, not patterns that would answer 422 instead of 404.

export const CaseParams = Type.Object({ caseNumber: Type.String({ maxLength: 48 }) });
export const DocumentParams = Type.Object({
  caseNumber: Type.String({ maxLength: 48 }),
  documentId: Type.String({ maxLength: 36 }),
});
export const CodeParams = Type.Object({ code: Type.String({ maxLength: 26 }) });

export const caseFilters = ['all', 'draft', 'open', 'closed', ...publicCaseStatuses] as const;
export const ListQuery = Type.Object({
  status: Type.Optional(Type.Union(caseFilters.map((f) => Type.Literal(f)))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});

export const WithdrawBody = FormBody({ reason: Type.Optional(Type.String({ maxLength: 600 })) });

/** The text fields of the multipart supplement form; the files are read beside them. */
export const SupplementFields = FormBody({ note: Type.Optional(Type.String({ maxLength: 1200 })) });
