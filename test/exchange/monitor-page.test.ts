import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { envelopeBytes, type Envelope } from '../../src/exchange/envelope.ts';
import { receive } from '../../src/exchange/inbox.ts';
import { monitorBeat } from '../../src/exchange/monitor.ts';
import { appendOutbox } from '../../src/exchange/outbox.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { keyringFrom } from '../../src/exchange/runtime.ts';
import { ZoneSigner, type Keyring } from '../../src/exchange/signing.ts';
import {
  exchangeQuarantineMirror,
  exchangeQuarantineRequests,
  quarantine,
} from '../../src/exchange/tables.ts';
import { auditLog } from '../../src/workbench/db/schema.ts';
import { CITY_CODE } from '../../src/workbench/org/demo-city.ts';
import { startTestZone, testPublicKeys, type TestZone } from '../helpers/zones.ts';
import { browser, csrf, logIn, makeOfficer, startWorkbench, type Workbench } from '../workbench/support.ts';
import { realnameRequest } from './helpers.ts';

let workbench: Workbench;
let portal: TestZone;
let keyring: Keyring;
const sign = () => portal.signOutbox();
let ownEntry: string;
let portalEntry: string;
const ends = () => ({ portal: portal.database.db, workbench: workbench.database.db });

before(async () => {
  [workbench, portal] = await Promise.all([startWorkbench(), startTestZone('portal')]);
  keyring = keyringFrom(testPublicKeys);
  // One message forged on its way in (refused by the workbench), one refused by the relay at the portal.
  const env: Envelope = {
    id: randomUUID(),
    type: 'realname.verify.request',
    version: 1,
    stream: 'page',
    seq: 1,
    sentAt: new Date().toISOString(),
    from: 'portal',
    payload: realnameRequest({ name: '<script>alert(1)</script>' }),
  };
  const rogue = ZoneSigner.generate('portal', portal.exchange.signer.keyId);
  await receive(workbench.database.db, keyring, env, rogue.sign(envelopeBytes(env)), {
    zone: 'workbench',
  });
  await portal.database.db.transaction((tx) =>
    appendOutbox(tx, { type: 'registry.dump', version: 1, stream: 'page-portal', payload: { all: true } }),
  );
  await sign();
  await relayOnce(
    { db: portal.database.db, zone: 'portal' },
    { db: workbench.database.db, zone: 'workbench' },
    keyring,
  );
  await monitorBeat(ends());
  const [own] = await workbench.database.db.select().from(quarantine);
  const [mirrored] = await workbench.database.db.select().from(exchangeQuarantineMirror);
  assert.ok(own && mirrored);
  ownEntry = own.id;
  portalEntry = mirrored.id;
});
after(async () => {
  await workbench?.close();
  await portal?.close();
});

const someone = '00000000-0000-4000-8000-000000000000';

describe('who may use the exchange monitor', () => {
  test('without signing in: the page goes to login, the API answers 401', async () => {
    for (const url of ['/exchange', `/exchange/quarantine/workbench/${someone}`]) {
      const client = browser(workbench.app);
      const page = await client.get(url);
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, `/staff/login?next=${encodeURIComponent(url)}`);
      assert.equal((await client.get(url, { accept: 'application/json' })).statusCode, 401);
    }
    const client = browser(workbench.app);
    const token = csrf((await client.get('/staff/login')).body);
    const post = await client.post(
      `/exchange/quarantine/workbench/${ownEntry}/decide`,
      { action: 'discard', reason: 'no login' },
      { csrf: token },
    );
    assert.equal(post.statusCode, 303);
    assert.match(String(post.headers.location), /^\/staff\/login/);
  });

  test('officers without force-wide administrator or auditor roles get 403', async () => {
    const officers = [
      await makeOfficer(workbench, { unitCode: 'SF-D01-P01', role: 'window-clerk', enrolled: true }),
      // An administrator of one sub-bureau does not reach the force-wide exchange.
      await makeOfficer(workbench, {
        unitCode: 'SF-D01',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
      await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'auditor', scope: 'subtree', enrolled: true }),
    ];
    for (const officer of officers) {
      const client = await logIn(workbench, officer);
      assert.equal((await client.get('/exchange')).statusCode, 403);
      assert.equal((await client.get(`/exchange/quarantine/workbench/${ownEntry}`)).statusCode, 403);
      const post = await client.post(
        `/exchange/quarantine/workbench/${ownEntry}/decide`,
        { action: 'discard', reason: 'not mine to decide' },
        { formUrl: '/' },
      );
      assert.equal(post.statusCode, 403);
    }
  });

  test('a force-wide auditor reads (audited for the message itself) but may not decide', async () => {
    const auditor = await makeOfficer(workbench, {
      unitCode: CITY_CODE,
      role: 'auditor',
      scope: 'all',
      enrolled: true,
    });
    const client = await logIn(workbench, auditor);
    const page = await client.get('/exchange');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /边界交换监控/);
    assert.match(page.body, /您可以查看，但不能放行或丢弃报文/);
    const entry = await client.get(`/exchange/quarantine/workbench/${ownEntry}`);
    assert.equal(entry.statusCode, 200);
    assert.doesNotMatch(entry.body, /name="reason"/);
    // The hostile name in the refused message is shown as text, never as markup, and personal data masked.
    assert.doesNotMatch(entry.body, /<script>|<sc\*/);
    assert.match(entry.body, /&lt;sc\*+ipt&gt;/);
    assert.doesNotMatch(entry.body, /11010519491231002X/);
    assert.match(entry.body, /110\*{11}002X/);
    const views = await workbench.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'exchange.quarantine.view'));
    assert.ok(
      views.some((v) => v.actor === auditor.badgeNo && v.target === `quarantine:workbench:${ownEntry}`),
    );
    const post = await client.post(
      `/exchange/quarantine/workbench/${ownEntry}/decide`,
      { action: 'discard', reason: 'auditors only look' },
      { formUrl: `/exchange/quarantine/workbench/${ownEntry}` },
    );
    assert.equal(post.statusCode, 403);
  });
});

describe('an administrator on the exchange monitor', () => {
  test('sees both flows and both quarantined messages; the portal’s without its content', async () => {
    const admin = await makeOfficer(workbench, {
      unitCode: CITY_CODE,
      role: 'administrator',
      scope: 'all',
      enrolled: true,
    });
    const client = await logIn(workbench, admin);
    const page = await client.get('/exchange');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /互联网区 → 公安网区/);
    assert.match(page.body, /公安网区 → 互联网区/);
    assert.match(page.body, new RegExp(`/exchange/quarantine/workbench/${ownEntry}`));
    assert.match(page.body, new RegExp(`/exchange/quarantine/portal/${portalEntry}`));
    assert.match(page.body, /签名无效/);
    assert.match(page.body, /不在白名单/);
    const portalPage = await client.get(`/exchange/quarantine/portal/${portalEntry}`);
    assert.equal(portalPage.statusCode, 200);
    assert.match(portalPage.body, /内容不进入公安网/);
    assert.doesNotMatch(portalPage.body, /&quot;all&quot;/);
  });

  test('unknown, malformed or other-zone ids are 404', async () => {
    const admin = await makeOfficer(workbench, {
      unitCode: CITY_CODE,
      role: 'administrator',
      scope: 'all',
      enrolled: true,
    });
    const client = await logIn(workbench, admin);
    for (const url of [
      `/exchange/quarantine/workbench/${someone}`,
      `/exchange/quarantine/portal/${ownEntry}`,
      `/exchange/quarantine/elsewhere/${ownEntry}`,
      '/exchange/quarantine/workbench/1%27%20OR%201=1',
    ]) {
      assert.equal((await client.get(url)).statusCode, 404, url);
    }
    const post = await client.post(
      `/exchange/quarantine/workbench/${someone}/decide`,
      { action: 'discard', reason: 'no such entry' },
      { formUrl: '/exchange' },
    );
    assert.equal(post.statusCode, 404);
  });

  test('a decision the form cannot have sent is refused at the edge, with the form shown again', async () => {
    const admin = await makeOfficer(workbench, {
      unitCode: CITY_CODE,
      role: 'administrator',
      scope: 'all',
      enrolled: true,
    });
    const client = await logIn(workbench, admin);
    const url = `/exchange/quarantine/workbench/${ownEntry}`;
    const unknown = await client.post(
      `${url}/decide`,
      { action: 'burn', reason: '不在选项里' },
      { formUrl: url },
    );
    assert.equal(unknown.statusCode, 422);
    // A button has no label: the summary speaks of what was sent.
    assert.match(unknown.body, /<a href="#field-action">所提交的内容：不是允许的选项<\/a>/);
    assert.match(unknown.body, /不在选项里/, 'the reason typed is kept');
    await client.get('/prefs/lang?set=en&next=/');
    const long = await client.post(
      `${url}/decide`,
      { action: 'discard', reason: 'x'.repeat(501) },
      { formUrl: url },
    );
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /<a href="#field-reason">Reason: too long, at most 500 characters<\/a>/);
    const missing = await client.post(
      `/exchange/quarantine/workbench/${someone}/decide`,
      { action: 'burn', reason: 'no such entry' },
      { formUrl: url },
    );
    assert.equal(missing.statusCode, 422, 'no entry to show again: the refusal itself is answered');
    assert.equal((await workbench.database.db.select().from(exchangeQuarantineRequests)).length, 0);
  });

  test('a decision needs a reason (422) and a CSRF token (403); it is audited, carried out, and shown', async () => {
    const admin = await makeOfficer(workbench, {
      unitCode: CITY_CODE,
      role: 'administrator',
      scope: 'all',
      enrolled: true,
    });
    const client = await logIn(workbench, admin);
    const url = `/exchange/quarantine/portal/${portalEntry}`;
    const blank = await client.post(`${url}/decide`, { action: 'release', reason: ' ' }, { formUrl: url });
    assert.equal(blank.statusCode, 422);
    assert.match(blank.body, /请填写处理理由/);
    const noAction = await client.post(`${url}/decide`, { reason: 'a good reason' }, { formUrl: url });
    assert.equal(noAction.statusCode, 422);
    const forged = await client.post(
      `${url}/decide`,
      { action: 'release', reason: 'a good reason' },
      { csrf: 'x' },
    );
    assert.equal(forged.statusCode, 403);

    const ok = await client.post(
      `${url}/decide`,
      { action: 'release', reason: '白名单已更新，重新检查' },
      { formUrl: url },
    );
    assert.equal(ok.statusCode, 303);
    const after = await client.get(url);
    assert.match(after.body, /已提交放行/);
    assert.match(after.body, /等待交换程序执行/);
    assert.doesNotMatch(after.body, /name="reason"/, 'no second decision while one waits');
    const again = await client.post(
      `${url}/decide`,
      { action: 'discard', reason: 'changed my mind' },
      { formUrl: '/exchange' },
    );
    assert.equal(again.statusCode, 409);
    const [audit] = await workbench.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'exchange.quarantine.release'));
    assert.equal(audit?.actor, admin.badgeNo);
    assert.equal(audit?.target, `quarantine:portal:${portalEntry}`);
    assert.equal(audit?.detail.reason, '白名单已更新，重新检查');

    const beat = await monitorBeat(ends());
    const [request] = await workbench.database.db.select().from(exchangeQuarantineRequests);
    assert.equal(beat.decisions.outcomes[request!.id], 'released');
    const done = await client.get(url);
    assert.match(done.body, /已放行/);
    // Still not on the whitelist: released, checked again, and quarantined again as a new entry.
    await sign();
    assert.equal(
      (
        await relayOnce(
          { db: portal.database.db, zone: 'portal' },
          { db: workbench.database.db, zone: 'workbench' },
          keyring,
        )
      ).quarantined,
      1,
    );
    await monitorBeat(ends());
    const list = await client.get('/exchange');
    assert.match(list.body, /最近处理的隔离报文/);
    const open = await workbench.database.db.select().from(exchangeQuarantineMirror);
    assert.equal(open.filter((m) => !m.releasedAt && !m.discardedAt).length, 1);
  });
});
