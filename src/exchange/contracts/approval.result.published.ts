import Type from 'typebox';
import { defineContract } from './contract.ts';

// 审批结果公开: a company's licence or filing was decided, and the result is published in 警务公开. Only what a
// register of licences shows: the item, the decision, the day, the company and its credit code, the deciding
// unit. No case number, no applicant, no agent: the schema has no place for a person, and the credit code of
// an individual business (个体工商户, registration type 92), which is a natural person's, does not match.

export const approvalDecisions = ['granted', 'refused', 'filed'] as const;
export type ApprovalDecision = (typeof approvalDecisions)[number];

export const approvalResultPublished = defineContract({
  type: 'approval.result.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      // A fresh id per result, unrelated to the case or the application, so nothing links them publicly.
      id: Type.String({ format: 'uuid' }),
      itemId: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 80 }),
      itemName: Type.String({ minLength: 1, maxLength: 120 }),
      itemNameEn: Type.String({ maxLength: 200 }),
      kind: Type.Union([Type.Literal('licence'), Type.Literal('filing')]),
      decision: Type.Union([Type.Literal('granted'), Type.Literal('refused'), Type.Literal('filed')]),
      decidedOn: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 }),
      companyName: Type.String({ minLength: 1, maxLength: 100 }),
      creditCode: Type.String({
        pattern: '^(?!92)[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$',
        maxLength: 18,
      }),
      unitName: Type.String({ maxLength: 60 }),
      unitNameEn: Type.String({ maxLength: 120 }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 2048,
});
