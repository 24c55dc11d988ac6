import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DeliveryStatus } from '../../shared/delivery/delivery.status.ts';

export interface DeliveryParty {
  name: string;
  phone: string;
  address: string;
}

/**
 * A case's delivery of its result, as the portal reports it: requested by an officer, then the waybill and its
 * furthest step (or that the applicant collects at the hall). The recipient is personal data: sealed.
 */
export const caseDeliveries = pgTable('case_deliveries', {
  caseNumber: text('case_number').primaryKey(),
  applicationId: uuid('application_id').notNull(),
  /** 'requested' until the portal answers; then the delivery's own status. */
  status: text('status').notNull().$type<DeliveryStatus | 'requested'>(),
  waybillNo: text('waybill_no'),
  sender: jsonb('sender').$type<DeliveryParty>(),
  recipientSealed: text('recipient_sealed'),
  requestedBy: text('requested_by').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Every delivery step the portal passed on, once per event id, for the case's history. */
export const caseDeliveryEvents = pgTable(
  'case_delivery_events',
  {
    eventId: text('event_id').primaryKey(),
    caseNumber: text('case_number').notNull(),
    waybillNo: text('waybill_no'),
    status: text('status').notNull().$type<DeliveryStatus>(),
    note: text('note').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_delivery_events_case').on(t.caseNumber, t.occurredAt)],
);
