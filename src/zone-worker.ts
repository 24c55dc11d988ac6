import { startWorker, type Worker } from './shared/jobs/queue.ts';
import { purgeCrossedPayloads } from './exchange/retention.ts';
import { processInbox } from './exchange/inbox.ts';
import { signOutbox } from './exchange/signer.ts';
import { purgeExpiredSessions } from './shared/http/session-store.ts';
import { purgeStaleAttempts } from './shared/auth/throttle.ts';
import { scheduleRatingDefaults } from './portal/ratings/ratings.defaults.ts';
import { scheduleDeemedAcceptance } from './workbench/cases/cases.deemed.ts';
import { scheduleEscalation } from './workbench/supervision/supervision.escalation.ts';
import { scheduleTallies } from './workbench/supervision/supervision.tallies.ts';
import { scheduleStatistics } from './workbench/statistics/statistics.service.ts';
import { dutyMobile, exchangeAlarmStep } from './workbench/exchange-monitor/exchange-monitor.alarms.ts';
import { scheduleReconciliation } from './portal/payments/payments.reconciliation-report.ts';
import { releaseDue } from './workbench/content/content.review.ts';
import { calendarStep, followCalendar } from './zone-calendar.ts';
import { scheduleImageSweep } from './workbench/content/content.image-sweep.ts';
import type { Zone } from './zones.ts';

// The zone's worker: the exchange step (sign the outbox, take in the inbox) and the periodic sweeps and
// schedules, each on its own interval, beside the job queue.

/** The zone's side of the exchange: sign what it has written to its outbox, take what arrived in its inbox. */
export async function exchangeStep(zone: Zone): Promise<number> {
  const db = zone.database.db;
  const signed = await signOutbox(db, zone.exchange.signer, { now: zone.services.now });
  const processed = await processInbox(db, zone.inboxHandlers, {
    keyring: zone.exchange.keyring,
    log: zone.services.log,
    now: zone.services.now,
  });
  // A holiday schedule taken in reaches the portal's calendar only after its transaction committed.
  if (zone.name === 'portal' && processed.processed > 0) await followCalendar(zone);
  return signed.signed + processed.processed + processed.quarantined;
}

export function startZoneWorker(zone: Zone): Worker {
  const inboxStep = () => exchangeStep(zone);
  // Once an hour: expired and revoked sessions are swept (until then they are refused when read anyway), and
  // the payloads of messages crossed longer ago than the retention period are emptied.
  let lastSweep = 0;
  const sweepStep = async () => {
    if (Date.now() - lastSweep < 3_600_000) return 0;
    lastSweep = Date.now();
    await purgeExpiredSessions(zone.database.db);
    await purgeStaleAttempts(zone.database.db, zone.services.now());
    const cutoff = new Date(zone.services.now().getTime() - zone.services.payloadRetentionMs);
    const purged = await purgeCrossedPayloads(zone.database.db, cutoff);
    if (purged.outbox + purged.inbox > 0)
      zone.services.log.info(purged, 'exchange payloads emptied after retention');
    return 0;
  };
  // The workbench raises and clears its exchange alarms from the figures the relay writes into its database.
  let lastAlarmCheck = 0;
  const mobile = dutyMobile();
  const alarmStep = async () => {
    const now = zone.services.now();
    if (now.getTime() - lastAlarmCheck < 5_000) return 0;
    lastAlarmCheck = now.getTime();
    await exchangeAlarmStep(zone.database.db, now, { dutyMobile: mobile, log: zone.services.log });
    return 0;
  };
  // Cases still awaiting acceptance past their five working days are deemed accepted (cases.deemed.ts).
  let lastDeemedCheck = 0;
  const deemedStep = async () => {
    if (Date.now() - lastDeemedCheck < 60_000) return 0;
    lastDeemedCheck = Date.now();
    await scheduleDeemedAcceptance(zone.services);
    // Urgings not answered in time escalate (supervision.escalation.ts).
    await scheduleEscalation(zone.services);
    // The supervision view's tallies are retaken each minute, before a view finds them too old (supervision.tallies.ts).
    await scheduleTallies(zone.services);
    // The bureau's figures go to the portal's transparency page once a Beijing day (statistics.service.ts).
    await scheduleStatistics(zone.services);
    // Pictures uploaded a day ago that no version of any article shows are deleted, hourly (content.image-sweep.ts).
    await scheduleImageSweep(zone.services);
    return 0;
  };
  // Articles approved for later go live, and articles whose take-down time has come leave (content.review.ts).
  let lastContentCheck = 0;
  const contentStep = async () => {
    const now = zone.services.now().getTime();
    if (now - lastContentCheck < 15_000) return 0;
    lastContentCheck = now;
    const moved = await releaseDue(zone.services);
    return moved.published + moved.withdrawn;
  };
  // Ratings not given within their period are recorded as the default (ratings.defaults.ts).
  let lastRatingCheck = 0;
  const ratingStep = async () => {
    if (Date.now() - lastRatingCheck < 60_000) return 0;
    lastRatingCheck = Date.now();
    await scheduleRatingDefaults(zone.services);
    // Last night's payments against the gateway's file, reported to the workbench (payments.reconciliation-report.ts).
    await scheduleReconciliation(zone.services);
    return 0;
  };
  // Schedules approved or taken in by another instance of the zone reach this one within a minute.
  const followStep = calendarStep(zone);
  const steps =
    zone.name === 'workbench'
      ? [inboxStep, sweepStep, alarmStep, deemedStep, contentStep, followStep]
      : [inboxStep, sweepStep, ratingStep, followStep];
  return startWorker(zone.database.db, zone.handlers, zone.services.log, 250, steps);
}
