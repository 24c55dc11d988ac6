import Type from 'typebox';
import { defineContract } from './contract.ts';

// The day's reconciliation (对账) of the merchant account against the gateway's signed file. Only the portal
// talks to the gateway, so it fetches the file, compares it with its books and reports the day; the finance
// officers in the workbench resolve the differences. Stream `reconciliation:<day>` for both messages, so a
// request and its report stay in order.

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const Fen = Type.Integer({ minimum: -100_000_000_000_000, maximum: 100_000_000_000_000 });
const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
// What the file says, as it says it (a gateway's mistake may be a negative or absurd amount): shown, not used.
const MaybeFen = Type.Union([
  Type.Integer({ minimum: -100_000_000_000, maximum: 100_000_000_000 }),
  Type.Null(),
]);

/** What one side booked on the day: payments and refunds, counted and summed in fen. */
export const ReconciliationTotals = Type.Object(
  { payments: Count, paymentFen: Fen, refunds: Count, refundFen: Fen },
  { additionalProperties: false },
);

export const reconciliationDifferenceKinds = [
  'paid-here-not-there',
  'paid-there-not-here',
  'amount-differs',
  'unknown-order',
] as const;

export const ReconciliationDifference = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('paid-here-not-there'),
      Type.Literal('paid-there-not-here'),
      Type.Literal('amount-differs'),
      Type.Literal('unknown-order'),
    ]),
    type: Type.Union([Type.Literal('payment'), Type.Literal('refund')]),
    /** The order number, or the refund number for a refund line. */
    reference: Type.String({ pattern: '^[!-~]{1,64}$', maxLength: 64 }),
    hereFen: MaybeFen,
    thereFen: MaybeFen,
  },
  { additionalProperties: false },
);

/** At most this many differences cross in one report; `omitted` counts the rest (a day gone badly wrong). */
export const MAX_REPORTED_DIFFERENCES = 400;

/**
 * The portal's reconciliation of one Beijing day: both sides' totals and every line that does not agree. A
 * day may be reconciled again (the nightly run, then on request); the latest computation wins.
 */
export const paymentReconciliationReported = defineContract({
  type: 'payment.reconciliation.reported',
  version: 1,
  direction: 'portal-to-workbench',
  schema: Type.Object(
    {
      day: Day,
      computedAt: Type.String({ format: 'date-time' }),
      here: ReconciliationTotals,
      there: ReconciliationTotals,
      differences: Type.Array(ReconciliationDifference, { maxItems: MAX_REPORTED_DIFFERENCES }),
      omitted: Count,
    },
    { additionalProperties: false },
  ),
  maxBytes: 96_000,
});

/** A finance officer asks for a day to be reconciled now (a day not yet run, or again after a correction). */
export const paymentReconciliationRequested = defineContract({
  type: 'payment.reconciliation.requested',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    { day: Day, requestedAt: Type.String({ format: 'date-time' }) },
    { additionalProperties: false },
  ),
  maxBytes: 512,
});
