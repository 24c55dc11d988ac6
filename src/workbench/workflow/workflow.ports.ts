import type { Static, TSchema } from 'typebox';
import type { Contract } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import type { WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import { workbenchCalendar } from '../holidays/holidays.calendar.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import type { WorkflowActor, WorkflowPorts } from '../../shared/workflow/workflow.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, permissions, type Permission } from '../staff/staff.policy.ts';
import { recentSponsorsOf } from '../staff/staff.repository.ts';

// What the shared workflow module writes through in the police zone: this zone's audit log, its outbox to
// the portal, its notifications, and its staff tables for the four-eyes rule on fresh accounts.

/** A message to the portal, its payload checked against its contract's type where it is built. */
export interface Crossing {
  contract: Contract;
  payload: unknown;
  stream: string;
}

export function crossing<S extends TSchema>(
  contract: Contract<S>,
  payload: Static<S>,
  stream: string,
): Crossing {
  return { contract, payload, stream };
}

/**
 * The ports for one officer's request: audit entries name him and where he acted from; deadlines are counted
 * on the zone's calendar (services.calendar), which carries the approved holiday schedules.
 */
export function workbenchPorts(
  by: AuditActor,
  calendar: WorkingDayCalendar = workbenchCalendar(),
): WorkflowPorts<Crossing> {
  return {
    audit: (tx, entry) => recordAudit(tx, { ...by, ...entry }),
    // The outbox checks the payload against the contract again before it is queued.
    send: (tx, message) => send(tx, message.contract, message.payload, { stream: message.stream }),
    notify: (tx, message) => queueNotification(tx, message),
    sponsorsOf: (tx, badgeNo, since) => recentSponsorsOf(tx, badgeNo, since),
    calendar,
  };
}

const isPermission = (name: string): name is Permission => (permissions as readonly string[]).includes(name);

/** The officer as a workflow actor on a record of a unit: the staff policy decides each named permission. */
export function staffActor(me: CurrentStaff, unitPath: string): WorkflowActor {
  return {
    kind: 'staff',
    id: me.badgeNo,
    may: (permission) => isPermission(permission) && allows(me, permission, unitPath),
  };
}
