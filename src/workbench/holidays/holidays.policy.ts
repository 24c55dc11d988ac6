import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';

// The holiday schedule moves every deadline in both zones, so, like the exchange and the API keys, only an
// administrator whose jurisdiction is the whole force enters and approves it; four eyes (the workflow) make
// sure the one who typed it is not the one who approves it.

export const mayManageHolidays = (staff: CurrentStaff): boolean =>
  staff.assignments.some(
    (a) =>
      a.role === 'administrator' &&
      (a.scope === 'all' || (a.scope === 'subtree' && !a.unitPath.includes('/'))),
  );

export const holidaysPolicy = definePolicy<CurrentStaff>('holidays', {
  'holidays.manage': mayManageHolidays,
});
