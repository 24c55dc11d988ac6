import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/shared/auth/password.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { citizens } from '../../src/portal/db/schema.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { DEMO_CITIZEN, seedPortal } from '../../src/portal/seed.ts';
import { FormClient, csrfFrom } from '../helpers/browser-like.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let portal: TestZone;
let workbench: TestZone;
const guide = `/services/items/${loadCatalogItems()[0]!.id}`;
const OTHER = { mobile: '13900009999', password: 'Other#Pass2026' };

before(async () => {
  // One after the other: an embedded engine migrating blocks the event loop the other zone starts on.
  portal = await startTestZone('portal');
  workbench = await startTestZone('workbench', { apiDocsUi: true });
  await seedPortal(portal.services);
  await publishCatalogDirectly(portal.services.db, loadCatalogItems());
  await portal.services.db.insert(citizens).values({
    mobile: OTHER.mobile,
    passwordHash: await hashPassword(OTHER.password),
    displayName: '另一位',
  });
});
after(async () => {
  await portal?.close();
  await workbench?.close();
});

async function sessionRows(zone: TestZone): Promise<number> {
  const result = await zone.database.db.execute(sql`SELECT count(*)::int AS n FROM sessions`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

const setCookies = (response: LightMyRequestResponse) => response.cookies.map((c) => c.name);

describe('anonymous visitors leave the session table alone', () => {
  const rounds = 20;

  test('portal: the login, registration, password reset, home and guide pages write no session', async () => {
    const before = await sessionRows(portal);
    const pages = ['/login', '/register', '/reset-password', '/', guide, '/login?next=%2Faccount'];
    for (let i = 0; i < rounds; i++) {
      // A crawler without cookies, and a returning visitor who keeps them.
      const fresh = new FormClient(portal.app);
      for (const url of pages) {
        const response = await fresh.get(url);
        assert.equal(response.statusCode, 200, url);
        assert.ok(!setCookies(response).includes('psb_session'), `${url} sets no session cookie`);
      }
    }
    const returning = new FormClient(portal.app);
    for (let i = 0; i < rounds; i++) for (const url of pages) await returning.get(url);
    assert.equal(await sessionRows(portal), before);
    assert.ok(csrfFrom((await returning.get('/login')).body), 'the form still carries its token');
  });

  test('workbench: the login page and the redirects to it write no session', async () => {
    const before = await sessionRows(workbench);
    for (let i = 0; i < rounds; i++) {
      const client = new FormClient(workbench.app);
      for (const url of ['/staff/login', '/', '/catalog', '/api/docs']) {
        const response = await client.get(url);
        assert.ok([200, 303].includes(response.statusCode), url);
        assert.ok(!setCookies(response).includes('psb_staff_session'), url);
      }
    }
    assert.equal(await sessionRows(workbench), before);
  });
});

describe('anonymous forms are protected by a signed double-submit token', () => {
  test('the login page, rendered once, still gives each visitor a token of his own, in his language', async () => {
    const tokens = new Set<string>();
    for (const [zone, url] of [
      [portal, '/login'],
      [portal, '/register'],
      [workbench, '/staff/login'],
    ] as const) {
      for (const lang of ['zh', 'en', 'zh']) {
        const client = new FormClient(zone.app);
        await client.get(`/prefs/lang?set=${lang}&next=/`);
        const page = await client.get(url);
        const token = csrfFrom(page.body);
        assert.ok(token && !tokens.has(token), `${url} has a fresh token`);
        tokens.add(token);
        assert.doesNotMatch(page.body, /csrf-[0-9a-f]{32}/, 'no placeholder left');
        assert.match(page.body, lang === 'en' ? /<html lang="en">/ : /<html lang="zh-CN">/);
      }
    }
  });

  // Each anonymous door, with fields that would otherwise be accepted or at least processed.
  const doors: [string, string, Record<string, string>][] = [
    ['/login', '/login', { mobile: DEMO_CITIZEN.mobile, password: DEMO_CITIZEN.password }],
    ['/register', '/register', { mobile: '13900001111' }],
    ['/reset-password', '/reset-password', { mobile: DEMO_CITIZEN.mobile }],
  ];

  for (const [action, formUrl, fields] of doors) {
    test(`POST ${action}: refused without a token, with a forged one, or with another visitor’s`, async () => {
      const victim = new FormClient(portal.app);
      await victim.get(formUrl);
      const refused = async (csrf: string | null) => {
        const response = await victim.post(action, fields, { csrf });
        assert.equal(response.statusCode, 403, `${action} with ${String(csrf)}`);
        assert.match(response.body, /页面已过期/);
      };
      await refused(null);
      await refused('forged-token');
      await refused('');
      const attacker = new FormClient(portal.app);
      await refused(csrfFrom((await attacker.get(formUrl)).body) ?? '');
      const accepted = await victim.post(action, fields, { formUrl });
      assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 300));
    });
  }

  test('the SMS code step refuses a missing or foreign token', async () => {
    const client = new FormClient(portal.app);
    assert.equal((await client.post('/register', { mobile: '13900002222' })).statusCode, 303);
    const fields = {
      code: '000000',
      displayName: '小李',
      password: 'Long#Pass2026',
      confirm: 'Long#Pass2026',
    };
    assert.equal((await client.post('/register/details', fields, { csrf: null })).statusCode, 403);
    const stranger = csrfFrom((await new FormClient(portal.app).get('/login')).body) ?? '';
    assert.equal((await client.post('/register/details', fields, { csrf: stranger })).statusCode, 403);
    assert.equal(
      (await client.post('/register/details', fields)).statusCode,
      422,
      'the code itself is checked',
    );
  });

  test('a token is bound to its signed cookie: no cookie, or the bare secret without its signature, fails', async () => {
    const page = await portal.app.inject({ url: '/login' });
    const cookie = page.cookies.find((c) => c.name === 'psb_csrf');
    assert.ok(cookie, 'the form sets its CSRF cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    const token = csrfFrom(page.body)!;
    const post = (cookieHeader: string) =>
      portal.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader },
        payload: new URLSearchParams({
          _csrf: token,
          mobile: DEMO_CITIZEN.mobile,
          password: 'wrong',
        }).toString(),
      });
    assert.equal((await post('')).statusCode, 403);
    const secret = cookie.value.slice(0, cookie.value.lastIndexOf('.'));
    assert.equal((await post(`psb_csrf=${secret}`)).statusCode, 403);
    assert.equal((await post(`psb_csrf=${cookie.value}`)).statusCode, 401, 'the real pair passes CSRF');
  });
});

describe('signed-in forms stay protected, and sign-in keeps the token while it rotates the session', () => {
  test('the token of the login form still posts after sign-in; the session id is new', async () => {
    const client = new FormClient(portal.app);
    // A session exists before sign-in (a registration was started), so its rotation can be seen.
    const started = await client.post('/register', { mobile: '13900003333' });
    const sidBefore = started.cookies.find((c) => c.name === 'psb_session')?.value;
    assert.ok(sidBefore);
    const token = csrfFrom((await client.get('/login')).body)!;
    const before = await sessionRows(portal);
    const login = await client.post(
      '/login',
      { mobile: DEMO_CITIZEN.mobile, password: DEMO_CITIZEN.password },
      { csrf: token },
    );
    assert.equal(login.statusCode, 303);
    const issued = login.cookies.find((c) => c.name === 'psb_session');
    assert.ok(issued && issued.value !== sidBefore, 'sign-in issues a new session id');
    assert.equal(await sessionRows(portal), before + 1, 'one new session row, written at sign-in');
    // A form opened before sign-in (another tab) still posts.
    const saved = await client.post('/account/profile', { displayName: '示范用户' }, { csrf: token });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
  });

  test('a signed-in citizen’s form refuses a missing, forged or other citizen’s token', async () => {
    const victim = new FormClient(portal.app);
    await victim.post('/login', { mobile: DEMO_CITIZEN.mobile, password: DEMO_CITIZEN.password });
    const other = new FormClient(portal.app);
    await other.post('/login', OTHER);
    const otherToken = csrfFrom((await other.get('/account/profile')).body)!;
    for (const csrf of [null, 'forged-token', otherToken]) {
      const response = await victim.post('/account/profile', { displayName: '被篡改' }, { csrf });
      assert.equal(response.statusCode, 403, String(csrf));
    }
    for (const csrf of [null, otherToken])
      assert.equal((await victim.post('/logout', {}, { csrf })).statusCode, 403);
    const account = await victim.get('/account');
    assert.equal(account.statusCode, 200, 'still signed in');
    assert.doesNotMatch(account.body, /被篡改/);
  });
});

describe('the signed-in citizen is read with his session', () => {
  const storedData = async (sid: string) => {
    const result = await portal.database.db.execute(
      sql`SELECT data FROM sessions WHERE sid = ${sid.slice(0, sid.lastIndexOf('.'))}`,
    );
    return (result as unknown as { rows: { data: Record<string, unknown> }[] }).rows[0]?.data;
  };

  test('each request sees his row as it is now, and what came along is never written into the session', async () => {
    const client = new FormClient(portal.app);
    const login = await client.post('/login', OTHER);
    assert.equal(login.statusCode, 303);
    const sid = login.cookies.find((c) => c.name === 'psb_session')!.value;
    assert.match((await client.get('/account')).body, /另一位/);
    // Changed behind the session's back: the next request reads the row again, nothing is kept between them.
    await portal.services.db
      .update(citizens)
      .set({ displayName: '改过名' })
      .where(sql`${citizens.mobile} = ${OTHER.mobile}`);
    assert.match((await client.get('/account')).body, /改过名/);
    // Activity past the step writes the session: its subject and activity, nothing the read brought along.
    portal.advanceClock(2 * 60_000);
    assert.equal((await client.get('/account')).statusCode, 200);
    const data = await storedData(decodeURIComponent(sid));
    assert.ok(data, 'the session row is there');
    assert.match(String(data.subject), /^citizen:/);
    assert.equal(typeof data.lastActiveAt, 'number');
    assert.ok(!('readAlong' in data), JSON.stringify(data));
    await portal.services.db
      .update(citizens)
      .set({ displayName: '另一位' })
      .where(sql`${citizens.mobile} = ${OTHER.mobile}`);
  });
});
