import { PolicyRegistry, PUBLIC } from '../../src/shared/policy/registry.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sessions } from '../../src/shared/db/tables.ts';
import { auditLog, authThrottle, staff } from '../../src/workbench/db/schema.ts';
import { badgeKey } from '../../src/workbench/staff/staff.repository.ts';
import { codeAt } from '../../src/workbench/staff/totp.ts';
import {
  browser,
  codeNow,
  logIn,
  makeOfficer,
  PASSWORD,
  secretFromEnrolPage,
  startWorkbench,
  type Workbench,
} from './support.ts';
import { csrfFrom } from '../helpers/browser-like.ts';
import { createApp } from '../../src/shared/http/app.ts';

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
});
after(async () => zone.close());

async function actionsFor(badgeNo: string): Promise<string[]> {
  const rows = await zone.services.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.actor, badgeNo))
    .orderBy(auditLog.seq);
  return rows.map((r) => r.action);
}

describe('staff login', () => {
  test('first login: password, then enrolment with a QR code and the secret in text, then signed in', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D01-P01', role: 'window-clerk' });
    const client = browser(zone.app);
    const form = await client.get('/staff/login');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /autocomplete="username"/);

    const step1 = await client.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD });
    assert.equal(step1.statusCode, 303);
    assert.equal(step1.headers.location, '/staff/totp/enrol');
    // Not signed in yet: the password alone opens nothing.
    const home = await client.get('/');
    assert.equal(home.statusCode, 303);
    assert.match(String(home.headers.location), /^\/staff\/login/);

    const enrol = await client.get('/staff/totp/enrol');
    assert.equal(enrol.statusCode, 200);
    assert.match(enrol.body, /<svg[^>]*>/, 'the QR code is inlined as SVG');
    assert.match(enrol.body, /autocomplete="one-time-code"/);
    assert.match(enrol.body, /inputmode="numeric"/);
    const secret = secretFromEnrolPage(enrol.body);
    // Reloading shows the same secret, so a QR code already scanned stays good.
    assert.equal(secretFromEnrolPage((await client.get('/staff/totp/enrol')).body), secret);

    const wrong = await client.post('/staff/totp/enrol', {
      code: '000000' === codeAt(officer.badgeNo, secret, zone.services.now().getTime()) ? '111111' : '000000',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /动态口令不正确/);

    const done = await client.post('/staff/totp/enrol', {
      code: codeAt(officer.badgeNo, secret, zone.services.now().getTime()),
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/');
    const signedIn = await client.get('/');
    assert.equal(signedIn.statusCode, 200);
    assert.match(signedIn.body, new RegExp(officer.badgeNo));

    const [row] = await zone.services.db.select().from(staff).where(eq(staff.id, officer.id));
    assert.equal(row?.mustEnrolTotp, false);
    assert.ok(row?.totpSealed && !row.totpSealed.includes(secret), 'the secret is sealed at rest');
    const [counter] = await zone.services.db
      .select()
      .from(authThrottle)
      .where(eq(authThrottle.key, badgeKey(officer.badgeNo)));
    assert.equal(counter?.failures, 0, 'a completed login clears the failed attempt');
    assert.deepEqual(await actionsFor(officer.badgeNo), [
      'staff.login.failed',
      'staff.totp.enrol',
      'staff.login',
    ]);
    // Enrolment is over: the page is no longer offered.
    const again = await browser(zone.app).get('/staff/totp/enrol');
    assert.equal(again.statusCode, 303);
  });

  test('an enrolled officer logs in with password and code, and the same code is refused the second time', async () => {
    const officer = await makeOfficer(zone, {
      unitCode: 'SF-D01',
      role: 'approver',
      scope: 'subtree',
      enrolled: true,
    });
    zone.advance(30_000);
    const code = codeNow(zone, officer);

    const first = browser(zone.app);
    assert.equal(
      (await first.post('/staff/login', { badgeNo: officer.badgeNo.toLowerCase(), password: PASSWORD }))
        .headers.location,
      '/staff/login/totp',
    );
    const ok = await first.post('/staff/login/totp', { code: code.slice(0, 3) + ' ' + code.slice(3) });
    assert.equal(ok.statusCode, 303, 'a code typed with a space is accepted');
    assert.equal((await first.get('/')).statusCode, 200);

    const second = browser(zone.app);
    await second.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD });
    const replay = await second.post('/staff/login/totp', { code });
    assert.equal(replay.statusCode, 422, 'a code already used is refused');
    assert.equal((await second.get('/')).statusCode, 303);
    const failed = await zone.services.db.select().from(auditLog).where(eq(auditLog.actor, officer.badgeNo));
    assert.ok(failed.some((r) => r.action === 'staff.login.failed' && r.detail.reason === 'totp-replay'));

    zone.advance(30_000);
    const fresh = await second.post('/staff/login/totp', { code: codeNow(zone, officer) });
    assert.equal(fresh.statusCode, 303, 'the next code works');
  });

  test('wrong badge and wrong password give the same answer', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D02', role: 'reviewer' });
    const client = browser(zone.app);
    const unknown = await client.post('/staff/login', { badgeNo: 'NOSUCH99', password: PASSWORD });
    const wrong = await client.post('/staff/login', { badgeNo: officer.badgeNo, password: 'Wrong@2026' });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    const message = (body: string) => /<div class="error-summary"[\s\S]*?<\/ul>/.exec(body)?.[0];
    assert.equal(message(unknown.body), message(wrong.body));
    assert.match(unknown.body, /value="NOSUCH99"/, 'the badge number typed is kept');
    const empty = await client.post('/staff/login', { badgeNo: '', password: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请输入警号/);
  });

  test('after five failures the next attempt waits, even with the right password; the wait then doubles', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D03', role: 'reviewer', enrolled: true });
    const client = browser(zone.app);
    for (let i = 1; i <= 4; i++) {
      assert.equal(
        (await client.post('/staff/login', { badgeNo: officer.badgeNo, password: `Wrong@${i}` })).statusCode,
        401,
      );
    }
    // The fifth failure may be a wrong code: password and code failures count together.
    assert.equal(
      (await client.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD })).statusCode,
      303,
    );
    const fifth = await client.post('/staff/login/totp', {
      code: '000000' === codeNow(zone, officer) ? '111111' : '000000',
    });
    assert.equal(fifth.statusCode, 422);
    const waiting = await browser(zone.app).post('/staff/login', {
      badgeNo: officer.badgeNo,
      password: PASSWORD,
    });
    assert.equal(waiting.statusCode, 429);
    assert.ok(Number(waiting.headers['retry-after']) >= 59, 'told how long to wait');
    assert.match(waiting.body, /操作过于频繁/);
    assert.ok(
      (await actionsFor(officer.badgeNo)).includes('staff.login.throttled'),
      'the refusal is audited',
    );

    zone.advance(61_000);
    assert.equal(
      (await browser(zone.app).post('/staff/login', { badgeNo: officer.badgeNo, password: 'Wrong@6' }))
        .statusCode,
      401,
    );
    const doubled = await browser(zone.app).post('/staff/login', {
      badgeNo: officer.badgeNo,
      password: PASSWORD,
    });
    assert.equal(doubled.statusCode, 429);
    assert.ok(Number(doubled.headers['retry-after']) > 60);
    zone.advance(121_000);
    await logIn(zone, officer);
  });

  test('a disabled account cannot log in, and its open sessions end', async () => {
    const admin = await makeOfficer(zone, {
      unitCode: 'SF-0000',
      role: 'administrator',
      scope: 'all',
      enrolled: true,
    });
    const officer = await makeOfficer(zone, { unitCode: 'SF-D04-P01', role: 'window-clerk', enrolled: true });
    const officerBrowser = await logIn(zone, officer);
    const adminBrowser = await logIn(zone, admin);

    const disable = await adminBrowser.post(
      `/staff/${officer.id}/disable`,
      {},
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(disable.statusCode, 303);
    assert.equal(
      (
        await zone.services.db
          .select()
          .from(sessions)
          .where(and(eq(sessions.subject, `staff:${officer.id}`), isNull(sessions.revokedAt)))
      ).length,
      0,
    );

    const kicked = await officerBrowser.get('/');
    assert.equal(kicked.statusCode, 303, 'the open session is gone');
    const refused = await browser(zone.app).post('/staff/login', {
      badgeNo: officer.badgeNo,
      password: PASSWORD,
    });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /账号已停用/);
    // A wrong password still gets the generic answer: the account's state is told only to its owner.
    const guess = await browser(zone.app).post('/staff/login', {
      badgeNo: officer.badgeNo,
      password: 'Wrong@2026',
    });
    assert.equal(guess.statusCode, 401);

    assert.equal(
      (await adminBrowser.post(`/staff/${officer.id}/enable`, {}, { formUrl: `/staff/${officer.id}` }))
        .statusCode,
      303,
    );
    await logIn(zone, officer);
  });

  test('logout ends the session on the server and is audited', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D05-P01', role: 'window-clerk', enrolled: true });
    const client = await logIn(zone, officer);
    const out = await client.post('/staff/logout', {}, { formUrl: '/' });
    assert.equal(out.statusCode, 303);
    assert.equal((await client.get('/')).statusCode, 303);
    assert.equal(
      (
        await zone.services.db
          .select()
          .from(sessions)
          .where(and(eq(sessions.subject, `staff:${officer.id}`), isNull(sessions.revokedAt)))
      ).length,
      0,
    );
    assert.deepEqual((await actionsFor(officer.badgeNo)).slice(-2), ['staff.login', 'staff.logout']);
  });

  test('the code step expires and cannot be reached without the password step', async () => {
    const client = browser(zone.app);
    const direct = await client.get('/staff/login/totp');
    assert.equal(direct.statusCode, 303);
    assert.equal(direct.headers.location, '/staff/login');
    const officer = await makeOfficer(zone, { unitCode: 'SF-D05', role: 'reviewer', enrolled: true });
    await client.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD });
    zone.advance(6 * 60 * 1000);
    const late = await client.post(
      '/staff/login/totp',
      { code: codeNow(zone, officer) },
      { formUrl: '/staff/login' },
    );
    assert.equal(late.statusCode, 303);
    assert.equal(late.headers.location, '/staff/login');
  });

  test('the login form is rate limited per address', async () => {
    const client = browser(zone.app);
    let last = 0;
    for (let i = 0; i < 11; i++)
      last = (await client.post('/staff/login', { badgeNo: 'NOSUCH', password: 'x' })).statusCode;
    assert.equal(last, 429);
  });
});

describe('attacks on the staff login', () => {
  /** The clock stands still during a test, so the waits two answers announce can be compared exactly. */
  function freezeClock(): () => void {
    const running = zone.services.now;
    const frozen = running();
    zone.services.now = () => frozen;
    return () => {
      zone.services.now = running;
    };
  }

  async function fromManyAddresses(count: number, fields: Record<string, string>) {
    const clients = Array.from({ length: count }, () => browser(zone.app));
    const tokens = await Promise.all(clients.map(async (c) => csrfFrom((await c.get('/staff/login')).body)));
    return Promise.all(clients.map((c, i) => c.post('/staff/login', fields, { csrf: tokens[i] })));
  }

  test('twenty wrong passwords at once: five are checked, the rest and then the right one wait', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D02-P01', role: 'reviewer', enrolled: true });
    const answers = await fromManyAddresses(20, { badgeNo: officer.badgeNo, password: 'Wrong@2026' });
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(15).fill(429)]);
    const right = await browser(zone.app).post('/staff/login', {
      badgeNo: officer.badgeNo,
      password: PASSWORD,
    });
    assert.equal(right.statusCode, 429);
  });

  test('twenty wrong codes at once: at most five are checked, and the right code then waits', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D02-P01', role: 'reviewer', enrolled: true });
    zone.advance(30_000);
    const client = browser(zone.app);
    await client.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD });
    const token = csrfFrom((await client.get('/staff/login/totp')).body) ?? '';
    const right = codeNow(zone, officer);
    const wrong = Array.from({ length: 21 }, (_, i) => String(200000 + i)).filter((c) => c !== right);
    const answers = await Promise.all(
      wrong.slice(0, 20).map((code, i) =>
        zone.app.inject({
          method: 'POST',
          url: '/staff/login/totp',
          remoteAddress: `10.66.0.${i + 1}`,
          headers: { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: token, code }).toString(),
        }),
      ),
    );
    assert.ok(answers.filter((a) => a.statusCode === 422).length <= 5, 'no more than five codes were tried');
    assert.ok(answers.some((a) => a.statusCode === 429));
    const again = browser(zone.app);
    assert.equal(
      (await again.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD })).statusCode,
      429,
    );
  });

  test('an unknown badge number gets the same answers and the same waits as a real one', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D02-P01', role: 'reviewer', enrolled: true });
    const thaw = freezeClock();
    try {
      const answers = [];
      for (const badgeNo of [officer.badgeNo, 'NOSUCH4242']) {
        await fromManyAddresses(5, { badgeNo, password: 'Wrong@2026' });
        answers.push(await browser(zone.app).post('/staff/login', { badgeNo, password: 'Wrong@2026' }));
      }
      const [real, unknown] = answers as [LightMyRequestResponse, LightMyRequestResponse];
      assert.equal(real.statusCode, 429);
      assert.equal(unknown.statusCode, 429);
      assert.equal(real.headers['retry-after'], unknown.headers['retry-after']);
      const summary = (body: string) => /<div class="error-summary"[\s\S]*?<\/ul>/.exec(body)?.[0];
      assert.equal(summary(real.body), summary(unknown.body));
    } finally {
      thaw();
    }
  });
});

describe('forwarded addresses', () => {
  let behindProxy: Workbench;
  const PROXY = '10.250.0.1';
  before(async () => {
    behindProxy = await startWorkbench({ TRUSTED_PROXIES: `${PROXY},10.251.0.0/16` });
  });
  after(async () => behindProxy.close());

  /** A login post from `remoteAddress` that claims, in X-Forwarded-For, to come from `forwardedFor`. */
  async function loginVia(
    app: FastifyInstance,
    remoteAddress: string,
    forwardedFor: string,
    badgeNo: string,
  ) {
    const headers = { 'x-forwarded-for': forwardedFor };
    const page = await app.inject({ method: 'GET', url: '/staff/login', remoteAddress, headers });
    return app.inject({
      method: 'POST',
      url: '/staff/login',
      remoteAddress,
      headers: {
        ...headers,
        cookie: page.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: csrfFrom(page.body) ?? '', badgeNo, password: 'x' }).toString(),
    });
  }

  async function auditedAddress(workbench: Workbench, badgeNo: string) {
    const [row] = await workbench.services.db
      .select({ sourceIp: auditLog.sourceIp })
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'staff.login.failed'), sql`${auditLog.detail}->>'badgeNo' = ${badgeNo}`),
      );
    return row?.sourceIp;
  }

  test('production mode alone does not make the header believed', async () => {
    const app = await createApp({
      zone: 'workbench',
      db: zone.services.db,
      sessionSecret: 'a'.repeat(32),
      logLevel: 'silent',
      production: true,
      trustedProxies: [],
      title: 'test',
      renderErrorPage: () => '',
      kernel: {
        registry: new PolicyRegistry<never>([]),
        loadActor: async () => {},
        actorOf: () => undefined,
        signInPath: '/staff/login',
      },
    });
    app.get('/whoami', { config: { permission: PUBLIC } }, async (request) => ({ ip: request.ip }));
    const answer = await app.inject({
      method: 'GET',
      url: '/whoami',
      remoteAddress: '10.78.0.1',
      headers: { 'x-forwarded-for': '203.0.113.50' },
    });
    await app.close();
    assert.equal(answer.json().ip, '10.78.0.1');
  });

  test('without a trusted proxy a forged header neither escapes the rate limit nor reaches the audit', async () => {
    let last = 0;
    for (let i = 0; i < 11; i++)
      last = (await loginVia(zone.app, '10.77.0.1', `203.0.113.${i + 1}`, `FORGED${i}`)).statusCode;
    assert.equal(last, 429, 'rotating X-Forwarded-For does not reset the per-address limit');
    assert.equal(await auditedAddress(zone, 'FORGED0'), '10.77.0.1');
  });

  test('behind a trusted proxy the forwarded address is the one limited and audited', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await loginVia(behindProxy.app, PROXY, `198.51.100.${i + 1}`, `PROXIED${i}`)).statusCode,
      );
    assert.ok(
      statuses.every((s) => s === 401),
      'each forwarded client has its own limit',
    );
    assert.equal(await auditedAddress(behindProxy, 'PROXIED0'), '198.51.100.1');
    // From an address outside the trusted list the header is ignored again.
    await loginVia(behindProxy.app, '10.252.0.9', '198.51.100.200', 'OUTSIDE1');
    assert.equal(await auditedAddress(behindProxy, 'OUTSIDE1'), '10.252.0.9');
  });
});
