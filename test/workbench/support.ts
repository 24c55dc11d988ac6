import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { hashPassword } from '../../src/shared/auth/password.ts';
import { roleAssignments, staff, type Role, type Scope } from '../../src/workbench/db/schema.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { codeAt, newTotpSecret } from '../../src/workbench/staff/totp.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { startTestZone, type TestZone, type TestZoneOptions } from '../helpers/zones.ts';

export const PASSWORD = 'Shifan-Police-26';

export interface Workbench extends TestZone {
  /** Moves the zone's clock (lockouts, TOTP time steps); real time keeps running underneath. */
  advance(ms: number): void;
}

/** A workbench on a fresh database with the demo city and demo officers, and a clock tests can move. */
export async function startWorkbench(
  env: Record<string, string> = {},
  options: Pick<TestZoneOptions, 'apiDocsUi' | 'storage' | 'zoneSecrets'> = {},
): Promise<Workbench> {
  const zone = await startTestZone('workbench', { env, ...options });
  await seedWorkbench(zone.services);
  let offset = 0;
  zone.services.now = () => new Date(Date.now() + offset);
  return Object.assign(zone, {
    advance(ms: number) {
      offset += ms;
    },
  });
}

let ip = 0;

/**
 * A browser with its own address, so the per-address login rate limit of one test never trips another's.
 * FormClient only calls app.inject, so a thin stand-in that adds the address is enough.
 */
export function browser(app: FastifyInstance): FormClient {
  const remoteAddress = `10.0.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
  const stand = { inject: (options: InjectOptions) => app.inject({ ...options, remoteAddress }) };
  return new FormClient(stand as unknown as FastifyInstance);
}

let badge = 0;
let passwordHash: Promise<string> | undefined;

export interface Officer {
  id: string;
  badgeNo: string;
  /** Set for accounts created already enrolled. */
  secret?: string;
}

/** A factory for officers: each test builds the people it needs. */
export async function makeOfficer(
  zone: TestZone,
  options: {
    unitCode: string;
    role?: Role;
    scope?: Scope;
    enrolled?: boolean;
    badgeNo?: string;
    assignments?: { role: Role; unitCode: string; scope: Scope }[];
  },
): Promise<Officer> {
  passwordHash ??= hashPassword(PASSWORD);
  const badgeNo = options.badgeNo ?? `T${process.pid % 1000}${String(++badge).padStart(4, '0')}`;
  const secret = options.enrolled ? newTotpSecret() : undefined;
  const [row] = await zone.services.db
    .insert(staff)
    .values({
      badgeNo,
      name: '测试民警',
      unitCode: options.unitCode,
      passwordHash: await passwordHash,
      mustEnrolTotp: !secret,
      totpSealed: secret ? zone.services.sealer.seal(secret) : null,
    })
    .returning({ id: staff.id });
  assert.ok(row);
  const assignments =
    options.assignments ??
    (options.role
      ? [{ role: options.role, unitCode: options.unitCode, scope: options.scope ?? 'unit' }]
      : []);
  for (const a of assignments)
    await zone.services.db.insert(roleAssignments).values({ staffId: row.id, ...a });
  return secret ? { id: row.id, badgeNo, secret } : { id: row.id, badgeNo };
}

/** The code an authenticator app would show now, on the zone's clock. */
export function codeNow(zone: Workbench, officer: Officer): string {
  assert.ok(officer.secret, 'officer has a TOTP secret');
  return codeAt(officer.badgeNo, officer.secret, zone.services.now().getTime());
}

export function secretFromEnrolPage(html: string): string {
  const secret = /class="totp-secret">([A-Z2-7 ]+)</.exec(html)?.[1]?.replaceAll(' ', '');
  assert.ok(secret, 'the enrolment page shows the secret');
  return secret;
}

/**
 * Logs in through the real forms: password, then either the code or, on first login, enrolment. Moves the
 * clock one time step first, so a second login in the same test does not reuse (and have refused) a code.
 */
export async function logIn(zone: Workbench, officer: Officer, password = PASSWORD): Promise<FormClient> {
  const client = browser(zone.app);
  zone.advance(30_000);
  const step1 = await client.post('/staff/login', { badgeNo: officer.badgeNo, password });
  assert.equal(step1.statusCode, 303, step1.body.slice(0, 300));
  if (step1.headers.location === '/staff/totp/enrol') {
    const page = await client.get('/staff/totp/enrol');
    officer.secret = secretFromEnrolPage(page.body);
    const done = await client.post('/staff/totp/enrol', { code: codeNow(zone, officer) });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
  } else {
    assert.equal(step1.headers.location, '/staff/login/totp');
    const done = await client.post('/staff/login/totp', { code: codeNow(zone, officer) });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
  }
  const home = await client.get('/');
  assert.equal(home.statusCode, 200, 'signed in');
  return client;
}

export function csrf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the page has a CSRF token');
  return token;
}
