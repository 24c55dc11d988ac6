import { paymentReconciliationRequested } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, reachOf } from '../staff/staff.policy.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { MERCHANT_ACCOUNT } from './finance.policy.ts';
import * as repo from './finance.repository.ts';
import type { DayRow, DifferenceRow } from './finance.tables.ts';
import { differenceStore, differenceWorkflow, resolutions, type Resolution } from './finance.workflow.ts';

// The finance officer's work: the days the portal reconciled, each day's differences resolved with a reason
// (audited), a day reconciled again on request, and the day's fee income by receiving department.

export const REASON_MAX = 500;

const refuse = (fields: FieldError[]): never => {
  throw new AppError('VALIDATION', { fields });
};

/** Whether `day` is a real calendar date (YYYY-MM-DD). */
export function isDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

export function daysOf(services: ZoneServices) {
  return repo.recentDays(services.db);
}

/** The day's reconciliation, to an officer whose reach covers the merchant account; otherwise not there. */
export async function loadDay(
  services: ZoneServices,
  me: CurrentStaff,
  action: 'finance.read' | 'finance.resolve',
  day: string,
): Promise<DayRow> {
  const row = isDay(day) ? await repo.dayOf(services.db, day) : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, action, MERCHANT_ACCOUNT);
  return row;
}

export interface DayDetail {
  day: DayRow;
  differences: DifferenceRow[];
  income: repo.IncomeLine[];
  mayResolve: boolean;
}

export async function dayDetail(services: ZoneServices, me: CurrentStaff, day: DayRow): Promise<DayDetail> {
  return {
    day,
    differences: await repo.differencesOf(services.db, day.day),
    income: await repo.incomeOn(services.db, day.day, reachOf(me, 'finance.read')),
    mayResolve: allows(me, 'finance.resolve', MERCHANT_ACCOUNT.unitPath),
  };
}

/** The day's fee income in the departments the officer reaches, reconciled or not. */
export function incomeOf(services: ZoneServices, me: CurrentStaff, day: string) {
  return repo.incomeOn(services.db, day, reachOf(me, 'finance.read'));
}

/**
 * Asks the portal to reconcile a day now (one already over, or today so far); its report replaces the day's
 * figures when it arrives. Audited.
 */
export async function requestReconciliation(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  input: { day?: string | undefined },
): Promise<string> {
  mustAllow(workbenchPolicy, me, 'finance.resolve', MERCHANT_ACCOUNT);
  const day = (input.day ?? '').trim();
  const now = services.now();
  if (!isDay(day)) refuse([{ field: 'day', message: 'finance.day' }]);
  if (day > todayInShanghai(now)) refuse([{ field: 'day', message: 'finance.day.future' }]);
  await services.db.transaction(async (tx) => {
    await send(
      tx,
      paymentReconciliationRequested,
      { day, requestedAt: now.toISOString() },
      { stream: `reconciliation:${day}` },
    );
    await repo.markRequested(tx, day, me.badgeNo, now);
    await recordAudit(tx, {
      ...by,
      action: 'reconciliation.request',
      target: `reconciliation:${day}`,
      detail: { day },
      at: now,
    });
  });
  return day;
}

const isResolution = (value: string): value is Resolution =>
  (resolutions as readonly string[]).includes(value);

/**
 * Resolves one open difference of the day with a resolution and a reason: the workflow moves it (a racing
 * second resolution finds it resolved: 409) and writes the audit entry; the difference keeps who and why.
 */
export async function resolveDifference(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  day: DayRow,
  id: string,
  input: { resolution?: string | undefined; reason?: string | undefined },
): Promise<void> {
  const found = await repo.differenceById(services.db, id);
  if (found?.day !== day.day) throw new AppError('NOT_FOUND');
  const resolution = input.resolution ?? '';
  const reason = (input.reason ?? '').trim();
  const problems: FieldError[] = [];
  if (!isResolution(resolution)) problems.push({ field: 'resolution', message: 'finance.resolution' });
  if (!reason || reason.length > REASON_MAX) problems.push({ field: 'reason', message: 'finance.reason' });
  if (problems.length > 0 || !isResolution(resolution)) return refuse(problems);
  if (found.state !== 'open')
    throw new AppError('CONFLICT', { fields: [{ field: 'resolution', message: 'finance.resolved' }] });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await transition(tx, {
      versions: differenceWorkflow,
      store: differenceStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id },
      action: 'resolve',
      actor: staffActor(me, MERCHANT_ACCOUNT.unitPath),
      data: { resolution, reason },
      now,
    });
    await repo.recordResolution(tx, id, { resolution, reason, by: me.badgeNo, at: now });
  });
}
