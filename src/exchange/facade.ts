import type { Static, TSchema } from 'typebox';
import type { Executor, Tx } from '../shared/db/database.ts';
import type { Contract } from './contracts/contract.ts';
import { checkSchema } from './envelope.ts';
import type { InboxHandler, InboxMessage } from './inbox.ts';
import {
  openingInsert,
  openingParams,
  openingTemplate,
  sendMessage,
  signingFor,
  type OpeningParams,
  type OutboxMessage,
} from './outbox.ts';

/**
 * What a zone may use of the exchange, besides the contracts: send a message in its own transaction, and say
 * what it does with a message it receives. Everything else (outbox, relay, signatures, inbox, logs) is the
 * exchange's own; the lint (eslint.config.js) keeps the zones to this file and `contracts/`.
 */

export { ExchangeContractError } from './outbox.ts';
export type { InboxMessage, OutboxMessage };

/**
 * Queues a message for the other zone in the caller's transaction: it exists exactly when the change that
 * caused it commits. Messages of one stream arrive in the order they were sent; by default a type is one stream.
 * A message without files is signed here with the key the zone's process registered at start-up, so the relay
 * takes it as soon as it commits; one with files waits for the zone's worker to re-encode them and sign.
 *
 * `opens: true` says the transaction begins the stream: its name comes from a record created in this same
 * transaction under a fresh unique key (a new letter's or case's number), so no other transaction can write to
 * it before this one commits. Its first message then skips the stream's lock and the read of its last number
 * (two round trips of every submission); later messages of the stream, in this transaction or after, are
 * numbered as usual. Said of a stream that already has messages, the send fails (unique stream and number).
 */
export function send<S extends TSchema>(
  tx: Tx,
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream?: string } | { stream: string; opens: true } = {},
): Promise<OutboxMessage> {
  return sendMessage(tx, contract, payload, {
    stream: options.stream ?? contract.type,
    signing: signingFor(contract),
    opens: 'opens' in options && options.opens,
  });
}

/**
 * The first message of a stream that the caller's own statement begins, as an insert to put in that statement
 * (a `WITH` beside the insert of the record that names the stream). One statement is atomic, so the record and
 * its message exist together without a transaction: a submission saves the round trips of BEGIN, COMMIT and a
 * separate insert. Numbered 1 and signed as `send` with `opens: true` would; the same unique (stream, seq)
 * refuses it for a stream that already has messages. Later messages of the stream go through `send`.
 */
export function sendOpening<S extends TSchema>(
  q: Executor,
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream: string },
): OpeningMessage {
  return openingInsert(q, contract, payload, { stream: options.stream, signing: signingFor(contract) });
}

/** What `sendOpening` gives: an insert for the caller's `WITH`, run by nothing else. */
export type OpeningMessage = ReturnType<typeof openingInsert>;

/**
 * `sendOpening` for a statement the caller builds and prepares by name once, and then runs for every record it
 * stores: `openingSlots` is the insert with placeholders (named `opening_*`, so they cannot meet the caller's
 * own), to put in that statement's `WITH`; `openingValues` gives, per message, what fills them, checked,
 * numbered 1 and signed exactly as `sendOpening` would. Building a statement of three inserts costs more than
 * running it, so a form posted hundreds of times a second should not build it each time.
 */
export function openingSlots(q: Executor): OpeningMessage {
  return openingTemplate(q);
}

export function openingValues<S extends TSchema>(
  contract: Contract<S>,
  payload: Static<S>,
  options: { stream: string },
): OpeningParams {
  return openingParams(contract, payload, { stream: options.stream, signing: signingFor(contract) });
}

export type { OpeningParams };

/** A zone's handler for one contract: the payload arrives typed, checked against the contract's schema. */
export interface MessageHandler {
  readonly type: string;
  readonly version: number;
  readonly handle: InboxHandler;
}

export function onMessage<S extends TSchema>(
  contract: Contract<S>,
  handler: (tx: Tx, payload: Static<S>, message: InboxMessage) => Promise<void>,
): MessageHandler {
  return {
    type: contract.type,
    version: contract.version,
    async handle(tx, payload, message) {
      // The inbox checked it on receipt; checking again here is what lets the handler take it as typed.
      if (message.type !== contract.type || message.version !== contract.version)
        throw new Error(`${message.type}@${message.version} is not ${contract.type}@${contract.version}`);
      if (!checkSchema(contract.schema, payload))
        throw new Error(
          `${contract.type}@${contract.version}: the stored payload does not match its contract`,
        );
      await handler(tx, payload, message);
    },
  };
}

/**
 * One handler for a type whose contract has several versions in use (payment.settled 1 and 2): each message
 * goes to its own version's handler, and a version none handles fails, to be looked at.
 */
export function onVersions(handlers: readonly MessageHandler[]): MessageHandler {
  const [first] = handlers;
  if (!first || handlers.some((h) => h.type !== first.type))
    throw new Error('onVersions takes handlers of one message type');
  return {
    type: first.type,
    version: Math.max(...handlers.map((h) => h.version)),
    async handle(tx, payload, message) {
      const handler = handlers.find((h) => h.version === message.version);
      if (!handler) throw new Error(`no handler for ${message.type}@${message.version}`);
      await handler.handle(tx, payload, message);
    },
  };
}

/** A zone's handlers by message type, as its inbox processor takes them; one handler per type. */
export function messageHandlers(handlers: readonly MessageHandler[]): Record<string, InboxHandler> {
  const byType: Record<string, InboxHandler> = {};
  for (const handler of handlers) {
    if (Object.hasOwn(byType, handler.type)) throw new Error(`two handlers for ${handler.type}`);
    byType[handler.type] = handler.handle;
  }
  return byType;
}

// What the workbench's exchange monitor reads of the exchange's figures (the relay writes them into its database).
export {
  DEFAULT_THRESHOLDS,
  evaluateAlarms,
  type AlarmCondition,
  type AlarmRule,
  type AlarmSeverity,
  type AlarmThresholds,
} from './alarms.ts';
export { FLOWS, type Flow } from './flows.ts';
export { BEAT_STALE_MS, flowConditions } from './monitor.ts';
export type { QuarantineAction, QuarantineZone } from './tables.ts';
