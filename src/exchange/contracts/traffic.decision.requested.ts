import Type from 'typebox';
import { defineContract } from './contract.ts';

/**
 * The owner accepts the decision on one violation (接受处理). The police zone checks the vehicle is his, records
 * the decision, deducts the points and answers with traffic.violations.published on the stream
 * `traffic:<citizenRef>`.
 */
export const trafficDecisionRequested = defineContract({
  type: 'traffic.decision.requested',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      requestId: Type.String({ format: 'uuid' }),
      citizenRef: Type.String({ format: 'uuid' }),
      idNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
      violationId: Type.String({ format: 'uuid' }),
      requestedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
