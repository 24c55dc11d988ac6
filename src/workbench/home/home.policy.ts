import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';

export const homePolicy = definePolicy<CurrentStaff>('home', {
  // The start page lists what each officer has to do; every officer has one.
  'home.view': () => true,
});
