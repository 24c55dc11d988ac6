import Type from 'typebox';
import { defineContract } from './contract.ts';
import { FileAttachment } from './file.ts';
import { TrafficLicence, TrafficVehicle, TrafficViolation } from './traffic-shapes.ts';

/**
 * One owner's vehicles, licence points and violations, whole, as the police zone holds them now: the answer to
 * a lookup or a decision, and sent again when a payment changes them. Stream `traffic:<citizenRef>`, so a
 * later picture never arrives before an earlier one. Nothing of anyone else's vehicles is in it. The camera
 * pictures cross as PNG files, re-encoded like every image.
 */
export const trafficViolationsPublished = defineContract({
  type: 'traffic.violations.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      citizenRef: Type.String({ format: 'uuid' }),
      // The lookup or decision this answers; null when the police zone tells of a change by itself.
      requestId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      asOf: Type.String({ format: 'date-time' }),
      vehicles: Type.Array(TrafficVehicle, { maxItems: 20 }),
      licence: Type.Union([TrafficLicence, Type.Null()]),
      violations: Type.Array(TrafficViolation, { maxItems: 100 }),
      photos: Type.Array(FileAttachment, { maxItems: 100 }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 6_000_000,
  files: ['photos'],
});
