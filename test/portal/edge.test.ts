import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { FormClient, csrfFrom } from '../helpers/browser-like.ts';
import { CITIZEN_PASSWORD, registerCitizen } from '../helpers/citizens.ts';
import { captureLogs, concrete, routeList } from '../helpers/edge.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let zone: TestZone;
const PASSWORD = CITIZEN_PASSWORD;
let mobile = '';
before(async () => {
  zone = await startTestZone('portal');
  ({ mobile } = await registerCitizen(zone, { displayName: '小边' }));
});
after(async () => zone.close());

function assertSecurityHeaders(response: LightMyRequestResponse): void {
  assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.headers['cache-control'], 'no-store');
}

const hostileNext: [string, string][] = [
  ['/%09/evil.example', '/account'],
  ['%2F%2509%2Fevil.example', '/account'],
  ['/%0a/evil.example', '/account'],
  ['%2F%250d%250a', '/account'],
  ['/%00', '/account'],
  ['//evil.example', '/account'],
  ['/%5Cevil.example', '/account'],
  ['/%2e%2e//evil.example', '/account'],
  ['https://evil.example', '/account'],
  ['/%E4%BD%A0', '/%E4%BD%A0'],
];

describe('open redirect at the portal login (issue 8.2)', () => {
  for (const [next, landing] of hostileNext) {
    test(`next=${next}: the right password signs the citizen in and lands on ${landing}`, async () => {
      const client = new FormClient(zone.app);
      const form = await client.get(`/login?next=${next}`);
      assert.equal(form.statusCode, 200);
      const response = await client.post(
        `/login?next=${next}`,
        { mobile, password: PASSWORD },
        { csrf: csrfFrom(form.body) ?? '' },
      );
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      assert.equal(response.headers.location, landing);
      assert.equal((await client.get('/account')).statusCode, 200, 'signed in');
    });
  }

  for (const path of ['/prefs/lang?set=en', '/prefs/elder?set=1']) {
    test(`${path} never leaves the site and never fails`, async () => {
      for (const [next, landing] of hostileNext) {
        const response = await zone.app.inject({ method: 'GET', url: `${path}&next=${next}` });
        assert.equal(response.statusCode, 303, `${next}: ${response.body.slice(0, 200)}`);
        assert.equal(response.headers.location, landing === '/account' ? '/' : landing, next);
      }
    });
  }
});

describe('errors always take the project shape and headers (issue 8.9)', () => {
  test('a malformed URL, an overlong segment, a NUL in the query: page and JSON', async () => {
    const long = 'a'.repeat(150);
    for (const [url, status, code] of [
      ['/%ZZ', 400, 'BAD_REQUEST'],
      ['/api/v1/services/%ZZ', 400, 'BAD_REQUEST'],
      [`/services/items/${long}`, 404, 'NOT_FOUND'],
      [`/api/v1/services/${long}`, 404, 'NOT_FOUND'],
      ['/services?q=%00', 422, 'VALIDATION'],
      ['/api/v1/services?q=a%00', 422, 'VALIDATION'],
    ] as const) {
      const page = await zone.app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, status, url);
      assertSecurityHeaders(page);
      if (!url.startsWith('/api/')) assert.match(page.body, /<html lang="zh-CN">[\s\S]*网上公安局/);
      const json = await zone.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
      assert.equal(json.statusCode, status, url);
      assertSecurityHeaders(json);
      assert.equal((json.json() as { error: { code: string } }).error.code, code);
      assert.ok(!json.body.includes('%ZZ') && !json.body.includes(long), 'the URL is not echoed');
    }
  });

  test('the JSON API: too large, unsupported type, NUL and direction overrides, all in its error shape', async () => {
    const post = (payload: string, type = 'application/json') =>
      zone.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': type },
        payload,
      });
    const tooLarge = await post(JSON.stringify({ mobile: 'x'.repeat(1_100_000), password: 'x' }));
    assert.equal(tooLarge.statusCode, 413);
    assert.equal((tooLarge.json() as { error: { code: string } }).error.code, 'TOO_LARGE');
    assertSecurityHeaders(tooLarge);
    const xml = await post('<login/>', 'application/xml');
    assert.equal(xml.statusCode, 415);
    assertSecurityHeaders(xml);
    for (const mobileValue of [`${mobile}\u0000`, `${mobile}\u202e`, '1'.repeat(900_000)]) {
      const refused = await post(JSON.stringify({ mobile: mobileValue, password: PASSWORD }));
      assert.equal(refused.statusCode, 422);
      const body = refused.json() as {
        error: { code: string; fields: { field: string; message: string }[] };
      };
      assert.equal(body.error.code, 'VALIDATION');
      assert.equal(body.error.fields[0]?.field, 'mobile');
      assertSecurityHeaders(refused);
    }
  });

  test('a control character in a form field is named by its label, in English when asked', async () => {
    const client = new FormClient(zone.app);
    await client.get('/prefs/lang?set=en&next=/register');
    const response = await client.post('/register', { mobile: '1390000\u00000000' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /<a href="#field-mobile">Mobile number: contains a control character/);
    assertSecurityHeaders(response);
  });
});

describe('no-store on signed-in pages and API answers (issue 8.12)', () => {
  test('signed-in pages and every API answer are not stored; anonymous public pages and static files may be', async () => {
    const client = new FormClient(zone.app);
    await client.post('/login', { mobile, password: PASSWORD });
    for (const url of ['/account', '/', '/services'])
      assert.equal((await client.get(url)).headers['cache-control'], 'no-store', url);
    assert.match(String((await client.get('/static/openpsb.css')).headers['cache-control']), /public/);
    for (const url of ['/api/v1/services', '/api/v1/me']) {
      const anonymous = await zone.app.inject({ method: 'GET', url });
      assert.equal(anonymous.headers['cache-control'], 'no-store', url);
    }
    const publicPage = await zone.app.inject({ method: 'GET', url: '/services' });
    assert.notEqual(publicPage.headers['cache-control'], 'no-store');
  });
});

const PLANTED = {
  mobile: '13912345678',
  realName: '王秘密',
  displayName: '王秘密',
  name: '王秘密',
  address: '示范市机密路88号',
  idNumber: '11010519491231002X',
  password: 'Planted@Secret9',
  creditCode: '91110000PLANTED77X',
};
const SECRETS = ['13912345678', '王秘密', '机密路', '11010519491231002X', 'Planted@Secret9', 'PLANTED77'];

describe('planted personal data never reaches the log (issue 8.8)', () => {
  test('every route, signed in, with NUL bytes and direction overrides in every field, form and JSON', async () => {
    const client = new FormClient(zone.app);
    await client.post('/login', { mobile, password: PASSWORD });
    const token =
      csrfFrom((await client.get('/account')).body) ?? csrfFrom((await client.get('/login')).body);
    assert.ok(token);
    const logs = captureLogs(zone.app.log, zone.services.log);
    const routes = routeList(zone.app).filter((r) => !r.url.includes('*') && r.url !== '/logout');
    assert.ok(routes.length > 15, 'the route list was read');
    const nul = Object.fromEntries(Object.entries(PLANTED).map(([k, v]) => [k, `${v}\u0000`]));
    for (const route of routes) {
      const url = concrete(route.url);
      // Open311 answers a client's mistake as its spec says: 400, with the spec's error list.
      const refused = url.startsWith('/open311/') ? 400 : 422;
      for (const fields of [nul, { ...PLANTED, realName: `${PLANTED.realName}\u2067` }]) {
        const response: LightMyRequestResponse =
          route.method === 'GET'
            ? await client.get(`${url}?${new URLSearchParams(fields)}`)
            : await client.post(url, fields, { csrf: token });
        assert.equal(response.statusCode, refused, `${route.method} ${url}: ${response.body.slice(0, 200)}`);
      }
      if (route.method === 'POST') {
        const json = await client.json('POST', url, nul, token);
        assert.equal(json.statusCode, refused, `${url} (JSON): ${json.body.slice(0, 200)}`);
      }
    }
    const text = logs.text();
    assert.match(text, /request refused/, 'the log was captured');
    for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} leaked into the log`);
  });
});
