import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, holdsAnywhere, jurisdictional } from '../staff/staff.policy.ts';

// Who may see and work on cases, always within jurisdiction over the deciding unit: the queue and the case
// page for every duty that handles cases; claiming and acting for the duties the workflow names (which one a
// given action needs is the workflow's table, asked again when the action is taken); reassigning for the
// supervisor.

const acting = ['cases.accept', 'cases.review', 'cases.decide'] as const;

export const casesPolicy = definePolicy<CurrentStaff>('cases', {
  'cases.read': jurisdictional('cases.read'),
  'cases.act': (staff, record) =>
    record === undefined
      ? acting.some((p) => holdsAnywhere(staff, p))
      : acting.some((p) => allows(staff, p, (record as { unitPath: string }).unitPath)),
  'cases.assign': jurisdictional('cases.assign'),
});
