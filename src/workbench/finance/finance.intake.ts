import { paymentReconciliationReported } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import * as repo from './finance.repository.ts';
import { differenceWorkflow, RESOLVE_WITHIN_DAYS } from './finance.workflow.ts';

/**
 * The portal's reconciliation of a day: kept if it is the latest computation of that day, and each difference
 * it names opened (or, when already open, brought up to date) for the finance officers to resolve. An older
 * report arriving late changes nothing; one redelivered finds everything in place.
 */
export function reconciliationReportedHandler(services: ZoneServices): MessageHandler {
  return onMessage(paymentReconciliationReported, async (tx, report) => {
    const now = services.now();
    const computedAt = new Date(report.computedAt);
    const latest = await repo.storeDay(tx, {
      day: report.day,
      here: report.here,
      there: report.there,
      omitted: report.omitted,
      computedAt,
      receivedAt: now,
    });
    if (!latest) return;
    const definition = differenceWorkflow.current;
    const received = todayInShanghai(now);
    const start = {
      workflowId: definition.id,
      workflowVersion: definition.version,
      state: definition.initial,
      dueOn: services.calendar.addWorkingDays(received, RESOLVE_WITHIN_DAYS),
      dueSince: received,
    };
    for (const d of report.differences)
      await repo.upsertDifference(
        tx,
        {
          day: report.day,
          kind: d.kind,
          type: d.type,
          reference: d.reference,
          hereFen: d.hereFen,
          thereFen: d.thereFen,
        },
        start,
        computedAt,
      );
  });
}

export function financeInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [reconciliationReportedHandler(services)];
}
