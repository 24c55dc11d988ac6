import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, holdsAnywhere, jurisdictional } from '../staff/staff.policy.ts';

// Who may see and work on cases, always within jurisdiction over the deciding unit: the queue and the case
// page for every duty that handles cases; claiming and acting for the duties the workflow names (which one a
// given action needs is the workflow's table, asked again when the action is taken); reassigning for the
// supervisor.

const acting = ['cases.accept', 'cases.review', 'cases.approve', 'cases.decide'] as const;

export const casesPolicy = definePolicy<CurrentStaff>('cases', {
  // The deciding unit keeps sight of a case it sent up for approval at a higher level (cases.levels.ts).
  'cases.read': (staff, record) => {
    if (record === undefined) return jurisdictional('cases.read')(staff, record);
    const { unitPath, homeUnitPath } = record as { unitPath: string; homeUnitPath?: string | null };
    return [unitPath, homeUnitPath].some((path) => path && allows(staff, 'cases.read', path));
  },
  'cases.act': (staff, record) =>
    record === undefined
      ? acting.some((p) => holdsAnywhere(staff, p))
      : acting.some((p) => allows(staff, p, (record as { unitPath: string }).unitPath)),
  'cases.assign': jurisdictional('cases.assign'),
});
