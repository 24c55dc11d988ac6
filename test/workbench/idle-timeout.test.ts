import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { csrf, logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

// A signed-in session ends after SESSION_IDLE_MINUTES (30 by default) without activity; activity, or the
// warning's "continue" button, keeps it going; the login page then says why the officer was signed out.

let zone: Workbench;
let officer: Officer;
const MINUTE = 60_000;

before(async () => {
  zone = await startWorkbench();
  officer = await makeOfficer(zone, { unitCode: 'SF-0000', role: 'auditor', scope: 'all', enrolled: true });
});
after(() => zone.close());

test('activity keeps the session; thirty idle minutes end it, and the login page says why', async () => {
  const client = await logIn(zone, officer);
  const page = await client.get('/audit');
  assert.equal(page.statusCode, 200);
  // The page carries the time left for the warning the script shows.
  const remaining = Number(/data-session-remaining="(\d+)"/.exec(page.body)?.[1]);
  assert.ok(remaining > 29 * MINUTE && remaining <= 30 * MINUTE, String(remaining));

  zone.advance(20 * MINUTE);
  assert.equal((await client.get('/audit')).statusCode, 200, 'twenty minutes idle is not thirty');
  zone.advance(20 * MINUTE);
  assert.equal((await client.get('/audit')).statusCode, 200, 'the previous request counted as activity');

  zone.advance(31 * MINUTE);
  const refused = await client.get('/audit');
  assert.equal(refused.statusCode, 303);
  assert.equal(refused.headers.location, `/staff/login?next=${encodeURIComponent('/audit')}&expired=1`);
  const login = await client.get(String(refused.headers.location));
  assert.ok(login.body.includes('由于长时间未操作，为保护您的信息安全，已自动退出登录'));
  // Signed out for good: the session no longer names the officer, however soon he comes back.
  assert.equal((await client.get('/audit')).statusCode, 303);
});

test('the warning’s “continue” keeps the session alive; it needs the CSRF token and a live session', async () => {
  const client = await logIn(zone, officer);
  const token = csrf((await client.get('/')).body);
  zone.advance(29 * MINUTE);
  assert.equal((await client.json('POST', '/session/keepalive')).statusCode, 403, 'no token');
  const kept = await client.json('POST', '/session/keepalive', undefined, token);
  assert.equal(kept.statusCode, 200);
  assert.deepEqual(kept.json(), { remainingMs: 30 * MINUTE });
  zone.advance(29 * MINUTE);
  assert.equal((await client.get('/audit')).statusCode, 200);

  zone.advance(31 * MINUTE);
  assert.equal((await client.json('POST', '/session/keepalive', undefined, token)).statusCode, 401);
});
