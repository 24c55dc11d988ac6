import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  browser,
  codeNow,
  csrf,
  logIn,
  makeOfficer,
  PASSWORD,
  startWorkbench,
  type Workbench,
} from './support.ts';

let zone: Workbench;
before(async () => {
  // The API documentation's access rule is under test here, so its UI is served.
  zone = await startWorkbench({}, { apiDocsUi: true });
});
after(async () => zone.close());

// Which routes need what is tested for every route in test/permissions/, generated from the route list.
describe('signing in on the way', () => {
  test('after login the officer is sent back to where he was going', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D02-P01', role: 'window-clerk', enrolled: true });
    const client = browser(zone.app);
    await client.post('/staff/login?next=%2Forg%2FSF-D02', { badgeNo: officer.badgeNo, password: PASSWORD });
    zone.advance(30_000);
    const done = await client.post('/staff/login/totp', { code: codeNow(zone, officer) });
    assert.equal(done.headers.location, '/org/SF-D02');
    const offsite = browser(zone.app);
    await offsite.post('/staff/login?next=%2F%2Fevil.example', {
      badgeNo: officer.badgeNo,
      password: PASSWORD,
    });
    zone.advance(30_000);
    assert.equal(
      (await offsite.post('/staff/login/totp', { code: codeNow(zone, officer) })).headers.location,
      '/',
    );
  });
});

describe('CSRF', () => {
  test('a login POST without the token is refused (403)', async () => {
    const client = browser(zone.app);
    await client.get('/staff/login');
    const r = await client.post('/staff/login', { badgeNo: 'admin', password: PASSWORD }, { csrf: null });
    assert.equal(r.statusCode, 403);
  });

  test('a signed-in administrator’s POSTs without the token, or with a wrong one, are refused (403)', async () => {
    const admin = await makeOfficer(zone, {
      unitCode: 'SF-0000',
      role: 'administrator',
      scope: 'all',
      enrolled: true,
    });
    const target = await makeOfficer(zone, { unitCode: 'SF-D01-P01', role: 'window-clerk' });
    const client = await logIn(zone, admin);
    const create = {
      badgeNo: 'SF5901',
      name: '跨站',
      unitCode: 'SF-D01',
      password: 'Initial#2026',
      role: 'administrator',
      scope: 'all',
    };
    assert.equal((await client.post('/staff/new', create, { csrf: null })).statusCode, 403);
    assert.equal((await client.post('/staff/new', create, { csrf: 'forged-token' })).statusCode, 403);
    assert.equal((await client.post(`/staff/${target.id}/disable`, {}, { csrf: null })).statusCode, 403);
    assert.equal((await client.post('/staff/logout', {}, { csrf: null })).statusCode, 403);
    assert.equal((await client.get('/')).statusCode, 200, 'still signed in');
  });

  test('a token from another session does not work', async () => {
    const stranger = browser(zone.app);
    const token = csrf((await stranger.get('/staff/login')).body);
    const client = browser(zone.app);
    await client.get('/staff/login');
    assert.equal(
      (await client.post('/staff/login', { badgeNo: 'admin', password: PASSWORD }, { csrf: token }))
        .statusCode,
      403,
    );
  });
});

describe('API documentation', () => {
  test('anonymous visitors are sent to the login page (UI) or refused (the JSON and YAML documents)', async () => {
    const client = browser(zone.app);
    for (const url of ['/api/docs', '/api/docs/']) {
      const page = await client.get(url);
      assert.equal(page.statusCode, 303, url);
      assert.equal(page.headers.location, '/staff/login?next=%2Fapi%2Fdocs');
    }
    for (const url of ['/api/docs/json', '/api/docs/yaml', '/api/docs/static/swagger-initializer.js']) {
      const response = await client.get(url);
      assert.equal(response.statusCode, 401, url);
      assert.equal(JSON.parse(response.body).error.code, 'UNAUTHENTICATED');
      assert.doesNotMatch(response.body, /\/staff\/new|openapi/);
    }
  });

  test('signed-in staff read the UI and the document', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D01-P01', role: 'window-clerk', enrolled: true });
    const client = await logIn(zone, officer);
    assert.equal((await client.get('/api/docs')).statusCode, 200);
    const doc = await client.get('/api/docs/json');
    assert.equal(doc.statusCode, 200);
    assert.equal(JSON.parse(doc.body).openapi, '3.1.0');
  });
});
