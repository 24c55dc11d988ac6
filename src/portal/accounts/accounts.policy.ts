import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

export const accountPolicy = definePolicy<CurrentCitizen>('account', {
  // A citizen's own account: his details, his real-name check, his session. Any citizen signed in may use it,
  // and there is no record to ask about: these routes take the account from the session, never from the
  // address, so nobody can name another person's account.
  'account.use': () => true,
});
