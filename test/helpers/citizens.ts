import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { citizens, notifications } from '../../src/portal/db/schema.ts';
import { FormClient } from './browser-like.ts';
import type { TestZone } from './zones.ts';

// Registering a citizen the way a person does: the number, the SMS code read from the sandbox's outbox, then
// the details. Each test file has a database of its own, so numbers need only be unique within the file.

export const CITIZEN_PASSWORD = 'Quiet-Harbour-Lamp-47';

let nextMobile = 13500000000;

/** A mobile number no citizen of this test file has used yet. */
export function freshMobile(): string {
  return String(++nextMobile);
}

/** The last SMS sent to a number, once the notification jobs have run. */
export async function lastSmsTo(zone: TestZone, mobile: string): Promise<string> {
  await zone.drainJobs();
  const [row] = await zone.services.db
    .select()
    .from(notifications)
    .where(eq(notifications.recipient, mobile))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return row?.body ?? '';
}

export interface RegisteredCitizen {
  /** Signed in as the new citizen. */
  client: FormClient;
  mobile: string;
  password: string;
  id: string;
}

export async function registerCitizen(
  zone: TestZone,
  options: { mobile?: string; password?: string; displayName?: string; client?: FormClient } = {},
): Promise<RegisteredCitizen> {
  const client = options.client ?? new FormClient(zone.app);
  const mobile = options.mobile ?? freshMobile();
  const password = options.password ?? CITIZEN_PASSWORD;
  const sent = await client.post('/register', { mobile });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const code = /验证码 (\d{6})/.exec(await lastSmsTo(zone, mobile))?.[1];
  assert.ok(code, `an SMS code was sent to ${mobile}`);
  const done = await client.post('/register/details', {
    code,
    displayName: options.displayName ?? `用户${mobile.slice(-4)}`,
    password,
    confirm: password,
  });
  assert.equal(done.statusCode, 303, done.body.slice(0, 300));
  const [row] = await zone.services.db
    .select({ id: citizens.id })
    .from(citizens)
    .where(eq(citizens.mobile, mobile));
  assert.ok(row, 'the account exists');
  return { client, mobile, password, id: row.id };
}
