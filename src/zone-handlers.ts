import type { Config } from './shared/config.ts';
import type { QueueHandler } from './shared/jobs/queue.ts';
import { NOTIFY_QUEUE, notificationJob } from './shared/notify/notifications.ts';
import type { InboxHandler } from './exchange/inbox.ts';
import { messageHandlers } from './exchange/facade.ts';
import { catalogInboxHandlers } from './portal/catalog/catalog.inbox.ts';
import { contentInboxHandlers } from './portal/content/content.inbox.ts';
import { approvalResultInboxHandlers } from './portal/approval-results/approval-results.inbox.ts';
import { directoryInboxHandlers } from './portal/directory/directory.inbox.ts';
import { caseInboxHandlers as portalCaseHandlers } from './portal/cases/cases.inbox.ts';
import { appointmentInboxHandlers } from './portal/appointments/appointments.inbox.ts';
import { REMINDER_QUEUE, reminderJob } from './portal/appointments/appointments.reminders.ts';
import { letterStatusHandler } from './portal/letters/letters.service.ts';
import { open311InboxHandlers } from './portal/open311/open311.service.ts';
import { calendarInboxHandlers } from './portal/calendar/calendar.inbox.ts';
import { RATING_DEFAULT_QUEUE, ratingDefaultJob } from './portal/ratings/ratings.defaults.ts';
import { rectificationReplyHandler, windowRatingHandler } from './portal/ratings/ratings.service.ts';
import { ratingInboxHandlers } from './workbench/ratings/ratings.intake.ts';
import { realnameResultHandler } from './portal/realname/realname.service.ts';
import { paymentInboxHandlers } from './portal/payments/payments.inbox.ts';
import { caseFeeInboxHandlers } from './workbench/case-fees/case-fees.inbox.ts';
import { trafficInboxHandlers } from './workbench/traffic/traffic.inbox.ts';
import { trafficInboxHandlers as portalTrafficHandlers } from './portal/traffic/traffic.inbox.ts';
import { realnameRequestHandler } from './workbench/registry/registry.service.ts';
import { companyResultHandler } from './portal/companies/companies.service.ts';
import { companyVerifyRequestHandler } from './workbench/market-registry/market-registry.service.ts';
import { appointmentInboxHandlers as workbenchAppointmentHandlers } from './workbench/appointments/appointments.service.ts';
import { caseInboxHandlers as workbenchCaseHandlers } from './workbench/cases/cases.intake.ts';
import { letterInboxHandlers } from './workbench/letters/letters.intake.ts';
import { kbInboxHandlers } from './workbench/kb/kb.intake.ts';
import { answerInboxHandlers } from './portal/answers/answers.inbox.ts';
import { questionnaireInboxHandlers } from './workbench/questionnaires/questionnaires.service.ts';
import { questionnaireInboxHandlers as portalQuestionnaireHandlers } from './portal/questionnaires/questionnaires.inbox.ts';
import { DEEMED_ACCEPTANCE_QUEUE, deemedAcceptanceJob } from './workbench/cases/cases.deemed.ts';
import { RECOUNT_QUEUE, recountJob } from './workbench/holidays/holidays.recount.ts';
import { ESCALATION_QUEUE, escalationJob } from './workbench/supervision/supervision.escalation.ts';
import { TALLY_QUEUE, tallyJob } from './workbench/supervision/supervision.tallies.ts';
import { STATISTICS_QUEUE, statisticsJob } from './workbench/statistics/statistics.service.ts';
import { IMAGE_SWEEP_QUEUE, imageSweepJob } from './workbench/content/content.image-sweep.ts';
import { transparencyInboxHandlers } from './portal/transparency/transparency.inbox.ts';
import type { ZoneServices } from './shared/zone.ts';
import { paymentRuntimeFrom } from './portal/payments/payments.runtime.ts';
import { deliveryRequestedHandler, WAYBILL_QUEUE, waybillJob } from './portal/delivery/delivery.service.ts';
import { courierFrom } from './portal/delivery/delivery.courier.ts';
import { deliveryInboxHandlers } from './workbench/delivery/delivery.service.ts';
import { REFUND_QUEUE, refundJob } from './portal/payments/payments.refunds.ts';
import {
  RECONCILE_QUEUE,
  reconcileJob,
  reconciliationRequestedHandler,
} from './portal/payments/payments.reconciliation-report.ts';
import { financeInboxHandlers } from './workbench/finance/finance.intake.ts';
import type { Courier } from './portal/delivery/delivery.courier.ts';
import type { NotificationAdapter } from './shared/notify/adapter.ts';
import type { ZoneName } from './zones.ts';

// What each zone does with its queued jobs and with each message type it may receive through the exchange.
// A new feature's job or inbox handler is wired here.

/** The job queues a zone's worker runs, by queue name. */
export function jobHandlersFor(
  name: ZoneName,
  services: ZoneServices,
  notifier: NotificationAdapter,
  config: Config,
): Record<string, QueueHandler> {
  const handlers: Record<string, QueueHandler> = { [NOTIFY_QUEUE]: notificationJob(notifier) };
  if (name === 'workbench') {
    handlers[DEEMED_ACCEPTANCE_QUEUE] = deemedAcceptanceJob(services);
    handlers[RECOUNT_QUEUE] = recountJob(services);
    handlers[ESCALATION_QUEUE] = escalationJob(services);
    handlers[TALLY_QUEUE] = tallyJob(services);
    handlers[STATISTICS_QUEUE] = statisticsJob(services);
    handlers[IMAGE_SWEEP_QUEUE] = imageSweepJob(services);
  }
  if (name === 'portal') {
    handlers[REMINDER_QUEUE] = reminderJob();
    handlers[RATING_DEFAULT_QUEUE] = ratingDefaultJob(services);
    // Without a gateway the refunds wait, booked, until one is configured.
    const payments = paymentRuntimeFrom(config);
    if (payments) handlers[REFUND_QUEUE] = refundJob(services, payments);
    if (payments) handlers[RECONCILE_QUEUE] = reconcileJob(services, payments);
    // The courier is asked after the inbox's transaction commits; without one the requests wait, recorded.
    const courier = courierFrom(config);
    handlers[WAYBILL_QUEUE] = waybillJob(services, () => courier);
  }
  return handlers;
}

/** The zone's inbox handlers; the portal's delivery handler reaches the courier through `courier`. */
export function inboxHandlersFor(
  name: ZoneName,
  services: ZoneServices,
  courier: () => Courier | undefined,
): Record<string, InboxHandler> {
  return messageHandlers(
    name === 'portal'
      ? [
          realnameResultHandler(services),
          companyResultHandler(services),
          ...catalogInboxHandlers,
          ...contentInboxHandlers,
          ...approvalResultInboxHandlers(services),
          ...directoryInboxHandlers,
          ...portalCaseHandlers(services),
          ...appointmentInboxHandlers,
          ...transparencyInboxHandlers(services),
          letterStatusHandler(services),
          ...open311InboxHandlers,
          ...calendarInboxHandlers,
          rectificationReplyHandler(),
          ...answerInboxHandlers(services),
          ...portalQuestionnaireHandlers(services),
          windowRatingHandler(services),
          ...paymentInboxHandlers(services),
          reconciliationRequestedHandler(),
          ...portalTrafficHandlers(services),
          deliveryRequestedHandler(services, courier),
        ]
      : [
          realnameRequestHandler(services),
          companyVerifyRequestHandler(services),
          ...workbenchCaseHandlers(services),
          ...workbenchAppointmentHandlers(),
          ...letterInboxHandlers(services),
          ...ratingInboxHandlers(services),
          ...kbInboxHandlers(services),
          ...questionnaireInboxHandlers(services),
          ...caseFeeInboxHandlers(services),
          ...financeInboxHandlers(services),
          ...trafficInboxHandlers(services),
          ...deliveryInboxHandlers(services),
        ],
  );
}
