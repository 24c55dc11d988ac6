import Type from 'typebox';
import { defineContract } from './contract.ts';

/**
 * A real-name verified citizen asks for the vehicles registered to him and their violations. The portal holds
 * no registry: it names the person by his verified ID number, and the answer comes back as
 * traffic.violations.published on the same stream (`traffic:<citizenRef>`).
 */
export const trafficLookupRequest = defineContract({
  type: 'traffic.lookup.request',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      requestId: Type.String({ format: 'uuid' }),
      citizenRef: Type.String({ format: 'uuid' }),
      idNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
    },
    { additionalProperties: false },
  ),
  maxBytes: 1024,
});
