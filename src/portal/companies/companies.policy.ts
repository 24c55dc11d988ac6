import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

export const companyPolicy = definePolicy<CurrentCitizen>('company', {
  // Claiming a company and acting for it: a signed-in citizen, on the claims and companies he belongs to.
  'company.use': (citizen, record) =>
    record === undefined || (record as { citizenId: string }).citizenId === citizen.id,
});
