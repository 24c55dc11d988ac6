import Type from 'typebox';
import type { ApprovalResultRow } from './approval-results.tables.ts';

// A published result as apps see it: what the page shows, not when the portal received it.

export const ApprovalResultJson = Type.Object({
  id: Type.String(),
  item: Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
  kind: Type.Union([Type.Literal('licence'), Type.Literal('filing')]),
  decision: Type.Union([Type.Literal('granted'), Type.Literal('refused'), Type.Literal('filed')]),
  decidedOn: Type.String(),
  company: Type.Object({ name: Type.String(), creditCode: Type.String() }),
  unit: Type.Object({ nameZh: Type.String(), nameEn: Type.String() }),
});

export const ApprovalResultListJson = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageCount: Type.Integer(),
  results: Type.Array(ApprovalResultJson),
});

export function presentApprovalResult(r: ApprovalResultRow) {
  return {
    id: r.id,
    item: { id: r.itemId, nameZh: r.itemName, nameEn: r.itemNameEn },
    kind: r.kind,
    decision: r.decision,
    decidedOn: r.decidedOn,
    company: { name: r.companyName, creditCode: r.creditCode },
    unit: { nameZh: r.unitName, nameEn: r.unitNameEn },
  };
}
