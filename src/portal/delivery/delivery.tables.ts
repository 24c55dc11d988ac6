import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DeliveryStatus } from '../../shared/delivery/delivery.status.ts';
import { applications } from '../applications/applications.tables.ts';

export type DeliveryMethod = 'hall' | 'courier';
export interface DeliveryParty {
  name: string;
  phone: string;
  address: string;
}

/** How the applicant wants the result: collected at the hall, or sent by courier to the address given. */
export const deliveryChoices = pgTable('delivery_choices', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id),
  method: text('method').notNull().$type<DeliveryMethod>(),
  recipientName: text('recipient_name'),
  recipientPhone: text('recipient_phone'),
  address: text('address'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A waybill the portal asked the courier for. `order_no` is the case number and a sequence, so a retried
 * request names the same order and the courier answers with the same waybill.
 */
export const waybills = pgTable(
  'waybills',
  {
    waybillNo: text('waybill_no').primaryKey(),
    orderNo: text('order_no').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    caseNumber: text('case_number').notNull(),
    status: text('status').notNull().$type<DeliveryStatus>(),
    sender: jsonb('sender').notNull().$type<DeliveryParty>(),
    recipient: jsonb('recipient').notNull().$type<DeliveryParty>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('waybills_order_no').on(t.orderNo), index('waybills_case').on(t.caseNumber)],
);

/** Every tracking callback taken, once per courier event id, in whatever order they came. */
export const waybillEvents = pgTable(
  'waybill_events',
  {
    eventId: text('event_id').primaryKey(),
    waybillNo: text('waybill_no')
      .notNull()
      .references(() => waybills.waybillNo),
    status: text('status').notNull().$type<DeliveryStatus>(),
    note: text('note').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('waybill_events_waybill').on(t.waybillNo)],
);
