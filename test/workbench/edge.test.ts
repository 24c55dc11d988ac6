import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { captureLogs, concrete, routeList } from '../helpers/edge.ts';
import {
  browser,
  codeNow,
  csrf,
  logIn,
  makeOfficer,
  PASSWORD,
  secretFromEnrolPage,
  startWorkbench,
  type Officer,
  type Workbench,
} from './support.ts';

let zone: Workbench;
let officer: Officer;
before(async () => {
  zone = await startWorkbench();
  officer = await makeOfficer(zone, {
    unitCode: 'SF-0000',
    enrolled: true,
    assignments: [
      { role: 'administrator', unitCode: 'SF-0000', scope: 'all' },
      { role: 'content-editor', unitCode: 'SF-0000', scope: 'all' },
      // Cases: reading and reassigning, and acting, so every case route reaches its input checks.
      { role: 'supervisor', unitCode: 'SF-0000', scope: 'all' },
      { role: 'window-clerk', unitCode: 'SF-0000', scope: 'all' },
      // Letters and discipline inspection, so their routes reach their input checks too.
      { role: 'letter-handler', unitCode: 'SF-0000', scope: 'all' },
      { role: 'discipline-inspector', unitCode: 'SF-0000', scope: 'all' },
      // Ratings: sampling a rectification order is the leader's.
      { role: 'approver', unitCode: 'SF-0000', scope: 'all' },
      // Reconciliation, public Q&A and the vehicle registry have roles of their own.
      { role: 'finance-officer', unitCode: 'SF-0000', scope: 'all' },
      { role: 'network-spokesperson', unitCode: 'SF-0000', scope: 'all' },
      { role: 'traffic-officer', unitCode: 'SF-0000', scope: 'all' },
    ],
  });
});
after(async () => zone.close());

/** The headers every answer carries, error or not. */
function assertSecurityHeaders(response: LightMyRequestResponse): void {
  assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.headers['cache-control'], 'no-store');
}

function assertProjectJson(response: LightMyRequestResponse, code: string, status: number): void {
  assert.equal(response.statusCode, status, response.body.slice(0, 300));
  const body = response.json() as { error: { code: string; message: string; requestId: string } };
  assert.equal(body.error.code, code);
  assert.ok(body.error.message && body.error.requestId);
  assertSecurityHeaders(response);
}

function assertProjectPage(response: LightMyRequestResponse, status: number): void {
  assert.equal(response.statusCode, status, response.body.slice(0, 300));
  assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.match(response.body, /民警工作台|Officer Workbench/);
  assertSecurityHeaders(response);
}

// What an attacker's link carries after `next=`, and where the officer must land once signed in.
const hostileNext: [string, string][] = [
  ['/%09/evil.example', '/'],
  ['%2F%2509%2Fevil.example', '/'],
  ['/%0a/evil.example', '/'],
  ['%2F%250a', '/'],
  ['/%00', '/'],
  ['//evil.example', '/'],
  ['/%5Cevil.example', '/'],
  ['/.//evil.example', '/'],
  ['/%E4%BD%A0', '/%E4%BD%A0'],
];

describe('open redirect after the TOTP step (issue 8.2)', () => {
  for (const [next, landing] of hostileNext) {
    test(`next=${next}: signed in after password and code, and lands on ${landing}`, async () => {
      const client = browser(zone.app);
      zone.advance(30_000);
      const form = await client.get(`/staff/login?next=${next}`);
      assert.equal(form.statusCode, 200);
      const action = /<form class="form" action="([^"]*)"/.exec(form.body)?.[1] ?? '';
      assert.doesNotMatch(action, /evil/);
      const step1 = await client.post(
        `/staff/login?next=${next}`,
        { badgeNo: officer.badgeNo, password: PASSWORD },
        { csrf: csrf(form.body) },
      );
      assert.equal(step1.statusCode, 303, step1.body.slice(0, 300));
      assert.equal(step1.headers.location, '/staff/login/totp');
      const step2 = await client.post('/staff/login/totp', { code: codeNow(zone, officer) });
      assert.equal(step2.statusCode, 303, step2.body.slice(0, 300));
      assert.equal(step2.headers.location, landing);
      assert.equal((await client.get('/')).statusCode, 200, 'signed in');
    });
  }

  for (const path of ['/prefs/lang?set=en', '/prefs/elder?set=1']) {
    test(`${path} never leaves the site`, async () => {
      for (const [next, landing] of hostileNext) {
        const response = await zone.app.inject({ method: 'GET', url: `${path}&next=${next}` });
        assert.equal(response.statusCode, 303, `${next}: ${response.body.slice(0, 200)}`);
        assert.equal(response.headers.location, landing, next);
        assert.ok(response.cookies.length > 0, 'the preference is still switched');
      }
    });
  }
});

describe('errors always take the project shape and headers (issue 8.9)', () => {
  test('a too-large row number in the audit query is a 422, not a 500', async () => {
    const client = await logIn(zone, officer);
    for (const before of ['99999999999999999999', '-1', '1e5', 'abc']) {
      const page = await client.get(`/audit?before=${before}`);
      assertProjectPage(page, 422);
      assert.match(page.body, /before/);
      const json = await client.get(`/audit?before=${before}`, { accept: 'application/json' });
      assertProjectJson(json, 'VALIDATION', 422);
    }
    assert.equal((await client.get('/audit?before=5')).statusCode, 200);
  });

  test('a malformed URL, a path segment over 100 characters, a NUL in the path', async () => {
    const long = 'a'.repeat(150);
    for (const [url, status] of [
      ['/%ZZ', 400],
      ['/catalog/%ZZ', 400],
      [`/catalog/${long}`, 404],
      [`/org/${long}/x`, 404],
      // Not a catalogue address, and no text with a NUL names anything: not found (catalog-authoring-edge.test.ts
      // checks the NUL in a catalogue address, signed in).
      ['/no-such/a%00b', 404],
      // A public page, for the same reason: the unit directory now sends him to sign in first.
      ['/staff/login?expired=%00', 422],
    ] as const) {
      const page = await zone.app.inject({ method: 'GET', url });
      assertProjectPage(page, status);
      const json = await zone.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
      assert.equal(json.statusCode, status, url);
      assert.ok(!json.body.includes('%ZZ') && !json.body.includes(long), 'the URL is not echoed');
      assertSecurityHeaders(json);
      assert.ok((json.json() as { error: { requestId: string } }).error.requestId);
    }
  });

  test('too large and unsupported bodies, and a not-found page, in English when asked', async () => {
    const tooLarge = await zone.app.inject({
      method: 'POST',
      url: '/staff/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'lang=en' },
      payload: `badgeNo=${'x'.repeat(1_100_000)}`,
    });
    assertProjectPage(tooLarge, 413);
    assert.match(tooLarge.body, /too large/);
    const unsupported = await zone.app.inject({
      method: 'POST',
      url: '/staff/login',
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
      payload: '<a/>',
    });
    assertProjectJson(unsupported, 'UNSUPPORTED_MEDIA_TYPE', 415);
    assertProjectPage(await zone.app.inject({ method: 'GET', url: '/no/such/page' }), 404);
  });
});

describe('no-store on signed-in pages (issue 8.12)', () => {
  test('the TOTP enrolment page, which shows the secret, and every signed-in page are not stored', async () => {
    const fresh = await makeOfficer(zone, { unitCode: 'SF-0000', role: 'auditor', scope: 'all' });
    const client = browser(zone.app);
    const step1 = await client.post('/staff/login', { badgeNo: fresh.badgeNo, password: PASSWORD });
    assert.equal(step1.headers.location, '/staff/totp/enrol');
    const enrol = await client.get('/staff/totp/enrol');
    secretFromEnrolPage(enrol.body);
    assert.equal(enrol.headers['cache-control'], 'no-store');
    const signedIn = await logIn(zone, officer);
    for (const url of ['/', '/audit', '/staff', '/catalog'])
      assert.equal((await signedIn.get(url)).headers['cache-control'], 'no-store', url);
    // Shared static files keep their caching.
    const style = await signedIn.get('/static/openpsb.css');
    assert.match(String(style.headers['cache-control']), /public/);
  });
});

// Personal data planted in every field; none of it may reach the log, whatever the answer.
const PLANTED = {
  mobile: '13912345678',
  realName: '王秘密',
  name: '王秘密',
  address: '示范市机密路88号',
  idNumber: '11010519491231002X',
  password: 'Planted@Secret9',
  badgeNo: 'PLANTED77',
};
const SECRETS = ['13912345678', '王秘密', '机密路', '11010519491231002X', 'Planted@Secret9', 'PLANTED77'];

function withNul(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, `${v}\u0000`]));
}

describe('planted personal data never reaches the log (issue 8.8)', () => {
  test('every route, with NUL bytes, direction overrides and overlong text in every field', async () => {
    const client = await logIn(zone, officer);
    const token = csrf((await client.get('/staff/new')).body);
    const logs = captureLogs(zone.app.log, zone.services.log);
    const routes = routeList(zone.app).filter((r) => !r.url.includes('*'));
    assert.ok(routes.length > 30, 'the route list was read');
    for (const route of routes) {
      const url = concrete(route.url);
      const variants = [withNul(PLANTED), { ...PLANTED, name: `${PLANTED.name}\u202e` }];
      for (const fields of variants) {
        const response =
          route.method === 'GET'
            ? await client.get(`${url}?${new URLSearchParams(fields)}`)
            : await client.post(url, { ...fields, comment: 'x', code: '123456' }, { csrf: token });
        assert.equal(response.statusCode, 422, `${route.method} ${url}: ${response.body.slice(0, 200)}`);
        assert.match(response.body, /控制字符|方向控制符/, `${route.method} ${url}`);
      }
      if (route.method === 'POST') {
        const json = await client.json(
          'POST',
          url,
          { ...withNul(PLANTED), nested: { deep: ['\u0000'] } },
          token,
        );
        assert.equal(json.statusCode, 422, `${url} (JSON): ${json.body.slice(0, 200)}`);
        const fields = (json.json() as { error: { fields: { field: string }[] } }).error.fields;
        assert.ok(
          fields.some((f) => f.field === 'nested.deep.0'),
          'a nested field is named by its path',
        );
      }
    }
    const text = logs.text();
    assert.match(text, /request refused/, 'the log was captured');
    for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} leaked into the log`);
  });

  test('a 900 KB address is refused with a clear message; the editor accepts its long JSON', async () => {
    const client = await logIn(zone, officer);
    const token = csrf((await client.get('/staff/new')).body);
    const response = await client.post('/staff/new', { address: 'x'.repeat(900_000) }, { csrf: token });
    assert.equal(response.statusCode, 422);
    // The form has no such field to name: the summary speaks of what was sent.
    assert.match(response.body, /所提交的内容：过长，最多 2000 个字符/);
    // The route declares the editor's JSON field long; it passes the edge (and is refused later, as not found).
    const editor = await client.post(
      '/catalog/x1/edit',
      { nested: '[]'.padEnd(50_000, ' ') },
      { csrf: token },
    );
    assert.notEqual(editor.statusCode, 422);
    const line = await client.post(
      '/catalog/x1/edit',
      { nameZh: 'a\nb', summaryZh: 'a\r\nb' },
      { csrf: token },
    );
    assert.notEqual(line.statusCode, 422, 'text areas of the editor may span lines');
    const single = await client.post('/staff/new', { name: 'a\nb' }, { csrf: token });
    assert.equal(single.statusCode, 422, 'a single-line field may not');
  });
});
