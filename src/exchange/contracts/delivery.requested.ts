import Type from 'typebox';
import { CaseNumber } from './case-shapes.ts';
import { defineContract } from './contract.ts';

/**
 * The officer sends a case's result out (`create`), or calls back a waybill not yet picked up (`cancel`). The
 * portal, which alone talks to the courier, answers with delivery.tracked: the waybill, or that the applicant
 * collects at the hall. Stream `case:<caseNumber>`.
 */
export const deliveryRequested = defineContract({
  type: 'delivery.requested',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      applicationId: Type.String({ format: 'uuid' }),
      caseNumber: CaseNumber,
      action: Type.Union([Type.Literal('create'), Type.Literal('cancel')]),
      requestedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
