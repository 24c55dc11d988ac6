import { randomUUID } from 'node:crypto';
import { deliveryRequested, deliveryTracked } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import type { Db, Executor, Tx } from '../../shared/db/database.ts';
import { callingJob, enqueue, type QueueHandler } from '../../shared/jobs/queue.ts';
import { advanceDelivery, type DeliveryStatus } from '../../shared/delivery/delivery.status.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { findItem } from '../catalog/catalog.service.ts';
import type { Courier } from './delivery.courier.ts';
import type { DeliveryMessage } from './delivery.messages.ts';
import * as repo from './delivery.repository.ts';
import type { DeliveryMethod, DeliveryParty } from './delivery.tables.ts';

/** Whether the item sends its result by post (the catalogue's `courier.results`) and a courier is set up. */
export async function deliveryOffered(
  services: ZoneServices,
  courier: Courier | undefined,
  itemId: string,
): Promise<boolean> {
  if (!courier) return false;
  const published = await findItem(services.db, itemId);
  return published?.item.courier.results === true;
}

export interface ChoiceInput {
  method?: string | undefined;
  recipientName?: string | undefined;
  recipientPhone?: string | undefined;
  address?: string | undefined;
}

const PHONE = /^(?:1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** The form as it stands: the saved choice, or the profile's name, mobile and address to start from. */
export async function choiceForm(services: ZoneServices, applicationId: string, citizenId: string) {
  const saved = await repo.choiceOf(services.db, applicationId);
  if (saved)
    return {
      method: saved.method,
      recipientName: saved.recipientName ?? '',
      recipientPhone: saved.recipientPhone ?? '',
      address: saved.address ?? '',
    };
  const profile = await repo.profileRecipient(services.db, citizenId);
  return {
    method: '',
    recipientName: profile?.name ?? '',
    recipientPhone: profile?.phone ?? '',
    address: profile?.address ?? '',
  };
}

/** True once a waybill has gone out for the case: the choice is then what the courier holds. */
export async function choiceLocked(services: ZoneServices, caseNumber: string | null): Promise<boolean> {
  if (!caseNumber) return false;
  const bills = await repo.waybillsOfCase(services.db, caseNumber);
  return bills.some((b) => b.status !== 'cancelled');
}

export async function saveChoice(services: ZoneServices, applicationId: string, input: ChoiceInput) {
  const fields: { field: string; message: DeliveryMessage }[] = [];
  const method = input.method === 'hall' || input.method === 'courier' ? input.method : undefined;
  if (!method) fields.push({ field: 'method', message: 'methodRequired' });
  const name = input.recipientName?.trim() ?? '';
  const phone = input.recipientPhone?.trim().replace(/\s+/g, '') ?? '';
  const address = input.address?.trim() ?? '';
  if (method === 'courier') {
    if ([...name].length < 2 || [...name].length > 30 || /[<>\d]/.test(name))
      fields.push({ field: 'recipientName', message: 'nameInvalid' });
    if (!PHONE.test(phone)) fields.push({ field: 'recipientPhone', message: 'phoneInvalid' });
    if ([...address].length < 5 || [...address].length > 200)
      fields.push({ field: 'address', message: 'addressInvalid' });
  }
  if (fields.length) throw new AppError('VALIDATION', { fields });
  const courier = method === 'courier';
  await repo.saveChoice(services.db, {
    applicationId,
    method: method as DeliveryMethod,
    recipientName: courier ? name : null,
    recipientPhone: courier ? phone : null,
    address: courier ? address : null,
    updatedAt: services.now(),
  });
}

type Requested = { applicationId: string; caseNumber: string };

function tell(
  tx: Tx,
  to: Requested,
  event: { eventId: string; status: DeliveryStatus; waybillNo: string | null; at: Date; note: string },
  parties?: { sender: DeliveryParty; recipient: DeliveryParty },
) {
  return send(
    tx,
    deliveryTracked,
    {
      applicationId: to.applicationId,
      caseNumber: to.caseNumber,
      eventId: event.eventId,
      status: event.status,
      waybillNo: event.waybillNo,
      occurredAt: event.at.toISOString(),
      note: event.note,
      ...(parties ? { parties } : {}),
    },
    { stream: `case:${to.caseNumber}` },
  );
}

/** The courier calls, made by a job after the request's transaction has committed. */
export const WAYBILL_QUEUE = 'delivery.waybill';
// With the queue's backoff capped at an hour, about two days of asking before an operator must look.
const WAYBILL_ATTEMPTS = 50;

type WaybillJob =
  | { action: 'create'; applicationId: string; caseNumber: string; orderNo: string }
  | { action: 'cancel'; applicationId: string; caseNumber: string; waybillNo: string };

/**
 * The officer sends the result out. With a courier chosen, the request is recorded as a job in the inbox's
 * transaction, and the courier is asked after it commits (waybillJob): no HTTP call holds the inbox's
 * transaction, and a courier that is away is asked again. The order number is the idempotency key: a retry,
 * or the request arriving twice, names the same order, so the courier answers with the same waybill.
 * Otherwise the portal tells the workbench at once that the applicant collects at the hall.
 */
async function requestWaybill(tx: Tx, services: ZoneServices, courier: Courier | undefined, to: Requested) {
  const application = await repo.applicationOfCase(tx, to.applicationId);
  // Left failed in the inbox for an operator: a request for a case this portal never numbered.
  if (application?.caseNumber !== to.caseNumber)
    throw new Error('the request names a case this portal does not hold');
  const bills = await repo.waybillsOfCase(tx, to.caseNumber);
  if (bills.some((b) => b.status !== 'cancelled')) return; // asked twice: the waybill already out answers
  if (!(await courierParties(tx, courier, to))) {
    await tellHall(tx, services, to);
    return;
  }
  const orderNo = `${to.caseNumber}-${String(bills.length + 1)}`;
  const job: WaybillJob = { action: 'create', ...to, orderNo };
  await enqueue(tx, WAYBILL_QUEUE, job, {
    dedupeKey: `waybill:${orderNo}`,
    maxAttempts: WAYBILL_ATTEMPTS,
    // No waybill came of an earlier request that gave up: the officer's new request tries again.
    reviveFailed: true,
  });
}

const tellHall = (tx: Tx, services: ZoneServices, to: Requested) =>
  tell(tx, to, {
    eventId: randomUUID(),
    status: 'collect-at-hall',
    waybillNo: null,
    at: services.now(),
    note: '',
  });

/** Sender and recipient when the result goes by courier; undefined when it is collected at the hall. */
async function courierParties(ex: Executor, courier: Courier | undefined, to: Requested) {
  const application = await repo.applicationOfCase(ex, to.applicationId);
  const choice = await repo.choiceOf(ex, to.applicationId);
  const published = application ? await findItem(ex, application.itemId) : undefined;
  const place = published?.item.places[0];
  if (!courier || choice?.method !== 'courier' || !place) return undefined;
  return {
    sender: { name: place.name, phone: place.phone, address: place.address },
    recipient: {
      name: choice.recipientName ?? '',
      phone: choice.recipientPhone ?? '',
      address: choice.address ?? '',
    },
  };
}

type CreateOutcome =
  | { kind: 'nothing' }
  | { kind: 'hall' }
  | { kind: 'created'; waybillNo: string; parties: { sender: DeliveryParty; recipient: DeliveryParty } };

/** The courier's side of a create job, with no transaction open: what the call needs is read first. */
async function callCreate(
  db: Db,
  courier: Courier | undefined,
  job: Extract<WaybillJob, { action: 'create' }>,
): Promise<CreateOutcome> {
  const to = { applicationId: job.applicationId, caseNumber: job.caseNumber };
  const bills = await repo.waybillsOfCase(db, to.caseNumber);
  if (bills.some((b) => b.status !== 'cancelled' || b.orderNo === job.orderNo)) return { kind: 'nothing' };
  // Without a courier configured now, the job waits (it is retried) rather than being dropped.
  if (!courier) throw new Error('no courier configured for a waybill that was asked for');
  const parties = await courierParties(db, courier, to);
  // The choice changed to the hall before the courier was asked.
  if (!parties) return { kind: 'hall' };
  // Asked again after a crash, the courier answers the same order number with the same waybill.
  const { waybillNo } = await courier.createWaybill({ orderNo: job.orderNo, ...parties });
  return { kind: 'created', waybillNo, parties };
}

/** The outcome kept, in the transaction that marks the job done; a waybill recorded before is left as it is. */
async function recordCreate(
  tx: Tx,
  services: ZoneServices,
  job: Extract<WaybillJob, { action: 'create' }>,
  outcome: CreateOutcome,
) {
  const to = { applicationId: job.applicationId, caseNumber: job.caseNumber };
  if (outcome.kind === 'nothing') return;
  if (outcome.kind === 'hall') {
    // Read again under the transaction: a waybill that went out meanwhile answers instead.
    const bills = await repo.waybillsOfCase(tx, to.caseNumber);
    if (!bills.some((b) => b.status !== 'cancelled')) await tellHall(tx, services, to);
    return;
  }
  const { waybillNo, parties } = outcome;
  const now = services.now();
  const fresh = await repo.insertWaybill(tx, {
    waybillNo,
    orderNo: job.orderNo,
    applicationId: to.applicationId,
    caseNumber: to.caseNumber,
    status: 'created',
    ...parties,
    createdAt: now,
    updatedAt: now,
  });
  if (!fresh) return; // recorded by an earlier run of the job (the order number is unique)
  const event = { eventId: `created-${waybillNo}`, status: 'created' as const, waybillNo, at: now, note: '' };
  await repo.insertEvent(tx, { ...event, occurredAt: now, receivedAt: now });
  await tell(tx, to, event, parties);
}

/** Calls back the case's live waybill, after commit like the request; its 'cancelled' step comes back as a callback. */
async function requestCancel(tx: Tx, courier: Courier | undefined, to: Requested) {
  // The workbench offers cancelling only once the waybill's 'created' came back, so a create job is never pending here.
  const live = (await repo.waybillsOfCase(tx, to.caseNumber)).find((b) => b.status === 'created');
  if (!live || !courier) return;
  const job: WaybillJob = { action: 'cancel', ...to, waybillNo: live.waybillNo };
  await enqueue(tx, WAYBILL_QUEUE, job, {
    dedupeKey: `waybill-cancel:${live.waybillNo}`,
    maxAttempts: WAYBILL_ATTEMPTS,
  });
}

/**
 * The worker's side of both requests: the courier is called with no transaction open (a slow courier must not
 * hold the database), and what it answered is recorded afterwards (see `callingJob`).
 */
export function waybillJob(services: ZoneServices, courier: () => Courier | undefined): QueueHandler {
  return callingJob<CreateOutcome>({
    async call(db, record) {
      const job = record.payload as WaybillJob;
      if (job.action === 'create') return callCreate(db, courier(), job);
      const live = (await repo.waybillsOfCase(db, job.caseNumber)).find((b) => b.waybillNo === job.waybillNo);
      const current = courier();
      if (live?.status !== 'created' || !current) return { kind: 'nothing' };
      // Refused when the parcel was picked up meanwhile: its steps reach the officer as they come. Its
      // 'cancelled' step comes back as a callback, so nothing is recorded here.
      if (!(await current.cancelWaybill(job.waybillNo)))
        services.log.info({ caseNumber: job.caseNumber }, 'waybill not cancelled: already picked up');
      return { kind: 'nothing' };
    },
    async record(tx, record, outcome) {
      const job = record.payload as WaybillJob;
      if (job.action === 'create') await recordCreate(tx, services, job, outcome);
    },
  });
}

export function deliveryRequestedHandler(
  services: ZoneServices,
  courier: () => Courier | undefined,
): MessageHandler {
  return onMessage(deliveryRequested, async (tx, request) => {
    const to = { applicationId: request.applicationId, caseNumber: request.caseNumber };
    if (request.action === 'create') await requestWaybill(tx, services, courier(), to);
    else await requestCancel(tx, courier(), to);
  });
}

export type CallbackOutcome = 'applied' | 'kept' | 'duplicate' | 'unknown-waybill';

/**
 * A tracking callback. Kept once per courier event id; the waybill's state only moves forward (a late 'in
 * transit' after 'delivered' is kept on the timeline and changes nothing); every new event goes on to the
 * workbench, which applies the same rule.
 */
export async function handleCallback(
  services: ZoneServices,
  courier: Courier | undefined,
  body: unknown,
  signature: unknown,
): Promise<CallbackOutcome> {
  const callback = courier?.verifyCallback(body, signature);
  if (!callback) {
    // Nothing from the body goes to the log: it is whatever the sender chose to write.
    services.log.warn(
      { alarm: 'forged-courier-callback' },
      'courier callback refused: not signed by the courier',
    );
    throw new AppError('BAD_REQUEST', { detail: 'callback signature refused' });
  }
  return services.db.transaction(async (tx) => {
    const waybill = await repo.lockWaybill(tx, callback.waybillNo);
    // Acknowledged, so the courier stops: a waybill this portal never asked for has nobody to tell.
    if (waybill?.orderNo !== callback.orderNo) return 'unknown-waybill';
    const now = services.now();
    const fresh = await repo.insertEvent(tx, {
      eventId: callback.eventId,
      waybillNo: waybill.waybillNo,
      status: callback.status,
      note: callback.note,
      occurredAt: callback.occurredAt,
      receivedAt: now,
    });
    if (!fresh) return 'duplicate';
    const next = advanceDelivery(
      { waybillNo: waybill.waybillNo, status: waybill.status },
      { waybillNo: waybill.waybillNo, status: callback.status },
    );
    if (next) await repo.setWaybillStatus(tx, waybill.waybillNo, next.status, now);
    await tell(tx, waybill, { ...callback, at: callback.occurredAt });
    return next ? 'applied' : 'kept';
  });
}

/** What 我的办件 shows of a case's delivery: the choice, the waybills and every step taken. */
export async function caseDelivery(services: ZoneServices, applicationId: string, caseNumber: string) {
  const [choice, bills, events] = await Promise.all([
    repo.choiceOf(services.db, applicationId),
    repo.waybillsOfCase(services.db, caseNumber),
    repo.eventsOfCase(services.db, caseNumber),
  ]);
  return { choice, waybill: bills.at(-1), events };
}
export type CaseDelivery = Awaited<ReturnType<typeof caseDelivery>>;

/** The delivery part of 我的办件 for a case, with the link to change the choice while that is still possible. */
export async function caseDeliveryFor(
  services: ZoneServices,
  courier: Courier | undefined,
  held: { applicationId: string; itemId: string; caseNumber: string | null },
) {
  if (!held.caseNumber) return undefined;
  const offered = await deliveryOffered(services, courier, held.itemId);
  const delivery = await caseDelivery(services, held.applicationId, held.caseNumber);
  if (!offered && !delivery.choice && delivery.events.length === 0) return undefined;
  const locked = delivery.waybill !== undefined && delivery.waybill.status !== 'cancelled';
  return {
    delivery,
    changeHref: offered && !locked ? `/applications/${held.applicationId}/delivery` : undefined,
  };
}
