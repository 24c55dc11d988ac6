import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import { sessions } from '../../src/shared/db/tables.ts';
import { auditLog, staff } from '../../src/workbench/db/schema.ts';
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
    assert.equal(row?.failedLogins, 0, 'a completed login clears the failed attempt');
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

  test('five failures lock the account for 15 minutes, even for the right password', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D03', role: 'reviewer', enrolled: true });
    const client = browser(zone.app);
    for (let i = 1; i <= 4; i++) {
      assert.equal(
        (await client.post('/staff/login', { badgeNo: officer.badgeNo, password: `Wrong@${i}` })).statusCode,
        401,
      );
    }
    // The fifth failure may be a wrong code: password and code failures count together.
    await client.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD });
    const fifth = await client.post('/staff/login/totp', {
      code: '000000' === codeNow(zone, officer) ? '111111' : '000000',
    });
    assert.equal(fifth.statusCode, 423);
    assert.match(fifth.body, /锁定/);

    const locked = await browser(zone.app).post('/staff/login', {
      badgeNo: officer.badgeNo,
      password: PASSWORD,
    });
    assert.equal(locked.statusCode, 423);
    const actions = await actionsFor(officer.badgeNo);
    assert.equal(actions.filter((a) => a === 'staff.login.locked').length, 1);

    zone.advance(16 * 60 * 1000);
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
