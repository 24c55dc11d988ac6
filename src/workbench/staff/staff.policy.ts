import { definePolicy, type Rule } from '../../shared/policy/registry.ts';
import type { Role, Scope } from '../db/schema.ts';
import type { Assignment, CurrentStaff } from '../session.ts';

// Who may do what, and where. Pure functions over the signed-in officer's assignments, so the rules can be
// tested as a whole matrix and pages can ask the same questions the routes do.

export type Permission =
  | 'org.read'
  | 'org.manage'
  | 'staff.read'
  | 'staff.manage'
  | 'audit.read'
  | 'catalog.edit'
  | 'catalog.publish'
  | 'content.edit'
  | 'content.publish'
  | 'cases.read'
  | 'cases.accept'
  | 'cases.review'
  | 'cases.approve'
  | 'cases.decide'
  | 'cases.assign'
  | 'appointments.manage'
  | 'appointments.attend'
  | 'supervision.read'
  | 'supervision.urge'
  | 'supervision.answer'
  | 'supervision.inspect'
  | 'letters.read'
  | 'letters.handle'
  | 'statistics.read'
  | 'ratings.read'
  | 'ratings.rectify'
  | 'ratings.sample'
  | 'finance.read'
  | 'finance.resolve'
  | 'kb.read'
  | 'kb.edit'
  | 'kb.review'
  | 'qa.publish'
  | 'ratings.set_aside'
  | 'ratings.review_set_aside'
  | 'ratings.record_window'
  | 'traffic.read'
  | 'questionnaires.manage'
  | 'questionnaires.read';

export const permissions: readonly Permission[] = [
  'org.read',
  'org.manage',
  'staff.read',
  'staff.manage',
  'audit.read',
  'catalog.edit',
  'catalog.publish',
  'content.edit',
  'content.publish',
  'cases.read',
  'cases.accept',
  'cases.review',
  'cases.approve',
  'cases.decide',
  'cases.assign',
  'appointments.manage',
  'appointments.attend',
  'supervision.read',
  'supervision.urge',
  'supervision.answer',
  'supervision.inspect',
  'letters.read',
  'letters.handle',
  'statistics.read',
  'ratings.read',
  'ratings.rectify',
  'ratings.sample',
  'finance.read',
  'finance.resolve',
  'kb.read',
  'kb.edit',
  'kb.review',
  'qa.publish',
  'ratings.set_aside',
  'ratings.review_set_aside',
  'ratings.record_window',
  'traffic.read',
  'questionnaires.manage',
  'questionnaires.read',
];

/** 'everyone': any signed-in officer, anywhere (the unit directory is not a secret inside the force). */
const holders: Record<Permission, readonly Role[] | 'everyone'> = {
  'org.read': 'everyone',
  // Adding, editing, moving and closing units (org.service.ts), within the administrator's jurisdiction.
  'org.manage': ['administrator'],
  'staff.read': ['administrator', 'auditor'],
  'staff.manage': ['administrator'],
  'audit.read': ['auditor', 'administrator'],
  // Writing a service guide and letting it go live are separate duties (see catalog-authoring.policy.ts).
  'catalog.edit': ['content-editor'],
  'catalog.publish': ['approver', 'administrator'],
  // Articles and disclosure (content/content.policy.ts): the same two duties, kept apart the same way.
  'content.edit': ['content-editor'],
  'content.publish': ['approver', 'administrator'],
  // Cases (cases.policy.ts): the window accepts and issues, the reviewer reviews, the approver decides, the
  // supervisor sees the queue and hands cases on.
  'cases.read': ['window-clerk', 'reviewer', 'approver', 'supervisor'],
  'cases.accept': ['window-clerk'],
  'cases.review': ['reviewer'],
  // 审批 and 决定 are both the leader's (负责人); the workflow keeps them apart as two steps (cases.workflows.ts).
  'cases.approve': ['approver'],
  'cases.decide': ['approver'],
  'cases.assign': ['supervisor'],
  // Appointments (appointments.policy.ts): the office's supervisor publishes its slots; the window receives
  // the people who booked.
  'appointments.manage': ['supervisor'],
  'appointments.attend': ['window-clerk', 'supervisor'],
  // Supervision (supervision.policy.ts): the supervisor and the unit's leader watch the figures of the units
  // they reach; the supervisor urges; whoever works the urged unit's cases answers; discipline inspection
  // reads, and only reads.
  'supervision.read': ['supervisor', 'approver'],
  'supervision.urge': ['supervisor'],
  'supervision.answer': ['window-clerk', 'reviewer', 'approver', 'supervisor'],
  'supervision.inspect': ['discipline-inspector'],
  // Letters from the public (letters.policy.ts): the letter handler answers them; the supervisor and the
  // discipline inspector watch the queue and its overdue letters.
  'letters.read': ['letter-handler', 'supervisor', 'discipline-inspector'],
  'letters.handle': ['letter-handler'],
  // Statistics (statistics.policy.ts): the figures of the units a leader or supervisor reaches.
  'statistics.read': ['supervisor', 'approver'],
  // Ratings (ratings.policy.ts): the handling unit's supervisor works its bad reviews' rectification orders;
  // the leader (approver) and discipline inspection read them; the supervising unit samples closed orders.
  'ratings.read': ['supervisor', 'approver', 'discipline-inspector'],
  'ratings.rectify': ['supervisor'],
  'ratings.sample': ['approver'],
  // Finance (finance.policy.ts): the finance officer reconciles the merchant account with the gateway's file
  // and reads the fee income of the departments he reaches; the unit's leader reads it too.
  'finance.read': ['finance-officer', 'approver'],
  'finance.resolve': ['finance-officer'],
  // The reply knowledge base (kb/kb.policy.ts): letter handlers and editors write entries, a leader reviews
  // them before use; entries are shared down the units, so whoever answers the public reads them.
  'kb.read': ['letter-handler', 'content-editor', 'approver', 'supervisor', 'network-spokesperson'],
  'kb.edit': ['letter-handler', 'content-editor'],
  'kb.review': ['approver'],
  // Public Q&A (qa/qa.policy.ts): the network spokesperson publishes answered letters of the units he covers.
  'qa.publish': ['network-spokesperson'],
  // Setting a malicious rating aside: the handling unit's supervisor proposes, a leader of a unit above
  // decides (ratings.set-aside.ts refuses the unit's own leader and the proposer). The window records the
  // rating a person gives on the counter device.
  'ratings.set_aside': ['supervisor'],
  'ratings.review_set_aside': ['approver'],
  'ratings.record_window': ['window-clerk'],
  // Traffic (traffic.policy.ts): the traffic officer reads the vehicles of the vehicle offices he reaches.
  'traffic.read': ['traffic-officer'],
  // Satisfaction questionnaires (questionnaires/questionnaires.policy.ts): the supervisor, who already works the
  // unit's ratings, builds, publishes and closes them; the unit's leader reads the results too.
  'questionnaires.manage': ['supervisor'],
  'questionnaires.read': ['supervisor', 'approver'],
};

export function roleHolds(role: Role, permission: Permission): boolean {
  const h = holders[permission];
  return h === 'everyone' || h.includes(role);
}

/**
 * The roles an administrator may hand out: those some rule gives something to do. A role whose features do not
 * exist yet is not offered, so nobody is given an account that opens nothing; it appears
 * by itself once a permission names it.
 */
export function offeredRoles(all: readonly Role[]): Role[] {
  return all.filter((role) => permissions.some((p) => holders[p] !== 'everyone' && roleHolds(role, p)));
}

/** Whether one assignment's jurisdiction reaches a unit. */
export function reaches(a: Pick<Assignment, 'scope' | 'unitPath'>, targetUnitPath: string): boolean {
  switch (a.scope) {
    case 'all':
      return true;
    case 'subtree':
      return targetUnitPath === a.unitPath || targetUnitPath.startsWith(a.unitPath + '/');
    case 'unit':
      return targetUnitPath === a.unitPath;
  }
}

export function allows(staff: CurrentStaff, permission: Permission, targetUnitPath: string): boolean {
  if (holders[permission] === 'everyone') return true;
  return staff.assignments.some((a) => roleHolds(a.role, permission) && reaches(a, targetUnitPath));
}

/** Whether the officer holds the permission somewhere: decides 403 for pages that are not about one record. */
export function holdsAnywhere(staff: CurrentStaff, permission: Permission): boolean {
  if (holders[permission] === 'everyone') return true;
  return staff.assignments.some((a) => roleHolds(a.role, permission));
}

/** Where a permission reaches, for filtering lists in SQL. */
export type Reach = { all: true } | { all: false; exact: string[]; subtrees: string[] };

export function reachOf(staff: CurrentStaff, permission: Permission): Reach {
  if (holders[permission] === 'everyone') return { all: true };
  const exact: string[] = [];
  const subtrees: string[] = [];
  for (const a of staff.assignments) {
    if (!roleHolds(a.role, permission)) continue;
    if (a.scope === 'all') return { all: true };
    (a.scope === 'subtree' ? subtrees : exact).push(a.unitPath);
  }
  return { all: false, exact, subtrees };
}

/** Whether jurisdiction `inner` lies wholly inside `outer`. */
export function contains(
  outer: Pick<Assignment, 'scope' | 'unitPath'>,
  inner: { scope: Scope; unitPath: string },
): boolean {
  if (outer.scope === 'all') return true;
  if (inner.scope === 'all') return false;
  if (outer.scope === 'unit') return inner.scope === 'unit' && inner.unitPath === outer.unitPath;
  return reaches(outer, inner.unitPath);
}

/**
 * An administrator may hand out only jurisdiction he holds himself, so nobody can widen his own reach (or a
 * colleague's) beyond his own by granting it.
 */
export function mayGrant(staff: CurrentStaff, grant: { scope: Scope; unitPath: string }): boolean {
  return staff.assignments.some((a) => roleHolds(a.role, 'staff.manage') && contains(a, grant));
}

/** An account as the rules see it: the unit it sits in and every jurisdiction it holds. */
export interface AccountRecord {
  unitPath: string;
  assignments: readonly Pick<Assignment, 'scope' | 'unitPath'>[];
}

/**
 * Changing an account (disable, reset its second factor, end its sessions, change its roles) needs reach over
 * the account's unit and over every jurisdiction it holds: a sub-bureau administrator must not be able to
 * switch off a city-wide officer who happens to sit in one of his stations.
 */
export function mayManage(staff: CurrentStaff, target: AccountRecord): boolean {
  return (
    allows(staff, 'staff.manage', target.unitPath) && target.assignments.every((a) => mayGrant(staff, a))
  );
}

/**
 * A registry rule for a role permission: without a record, whether the officer holds it anywhere (may open the
 * page); with a record that has a unit, whether his jurisdiction for it reaches that unit.
 */
export function jurisdictional(permission: Permission): Rule<CurrentStaff> {
  return (staff, record) =>
    record === undefined
      ? holdsAnywhere(staff, permission)
      : allows(staff, permission, (record as { unitPath: string }).unitPath);
}

export const staffPolicy = definePolicy<CurrentStaff>('staff', {
  // Seeing an account (list, details): reach over the account's unit. Out of reach answers as not there.
  'staff.read': jurisdictional('staff.read'),
  // Changing an account: reach over its unit and over every jurisdiction it holds (mayManage). Opening the
  // new-account form needs the role anywhere; which units it offers is the same reach.
  'staff.manage': (staff, record) =>
    record === undefined ? holdsAnywhere(staff, 'staff.manage') : mayManage(staff, record as AccountRecord),
});
