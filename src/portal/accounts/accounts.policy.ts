import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

export const accountPolicy = definePolicy<CurrentCitizen>('account', {
  // A citizen's own account pages: any citizen signed in, and only ever about himself.
  'account.use': (citizen, record) =>
    record === undefined || (record as { citizenId: string }).citizenId === citizen.id,
});
