import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { processInbox } from '../../src/exchange/inbox.ts';
import { citizens, notifications } from '../../src/portal/db/schema.ts';
import { auditLog } from '../../src/workbench/db/schema.ts';
import {
  DEMO_RESIDENT,
  seedRegistry,
  syntheticResidents,
} from '../../src/workbench/registry/registry.seed.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { startTestZone, testKeys, type TestZone } from '../helpers/zones.ts';

let portal: TestZone;
let workbench: TestZone;
let relay: Relay;

before(async () => {
  [portal, workbench] = await Promise.all([startTestZone('portal'), startTestZone('workbench')]);
  // The registry is sealed with the workbench's own key; the test zones each have their own.
  await seedRegistry(workbench.services, 50);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testKeys),
    pino({ level: 'silent' }),
    60_000,
  );
});
after(async () => {
  await relay.stop();
  await Promise.all([portal.close(), workbench.close()]);
});

/** One full round trip: relay out, the workbench answers, relay back, the portal applies the answer. */
async function crossBothWays(): Promise<void> {
  await relay.runOnce();
  await processInbox(workbench.database.db, workbench.inboxHandlers);
  await relay.runOnce();
  await processInbox(portal.database.db, portal.inboxHandlers);
}

let nextMobile = 13600000000;
async function citizen(): Promise<{ client: FormClient; mobile: string }> {
  const client = new FormClient(portal.app);
  const mobile = String(++nextMobile);
  await client.post('/register', { mobile });
  await portal.drainJobs();
  const [sms] = await portal.services.db
    .select()
    .from(notifications)
    .where(eq(notifications.recipient, mobile))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  const code = /验证码 (\d{6})/.exec(sms?.body ?? '')?.[1] ?? '';
  const done = await client.post('/register/details', {
    code,
    displayName: '核验',
    password: 'Quiet-Harbour-42',
    confirm: 'Quiet-Harbour-42',
  });
  assert.equal(done.statusCode, 303);
  return { client, mobile };
}

async function statusOf(mobile: string): Promise<string | undefined> {
  const [row] = await portal.services.db.select().from(citizens).where(eq(citizens.mobile, mobile));
  return row?.realNameStatus;
}

describe('real-name verification across the exchange', () => {
  test('a matching name and ID number becomes verified once the answer returns', async () => {
    const { client, mobile } = await citizen();
    const saved = await client.post('/account/profile', {
      displayName: '核验',
      realName: DEMO_RESIDENT.name,
      idNumber: DEMO_RESIDENT.idNumber,
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(await statusOf(mobile), 'pending');
    assert.match((await client.get('/account')).body, /核验中/);
    await crossBothWays();
    assert.equal(await statusOf(mobile), 'verified');
    assert.match((await client.get('/account')).body, /已实名认证/);
  });

  test('a wrong name is not matched, and the portal learns nothing but that', async () => {
    const { client, mobile } = await citizen();
    const resident = syntheticResidents(50)[7]!;
    await client.post('/account/profile', {
      displayName: '核验',
      realName: '错名字',
      idNumber: resident.idNumber,
    });
    await crossBothWays();
    assert.equal(await statusOf(mobile), 'not-matched');
    const received = await portal.services.db.execute(sql`SELECT payload FROM inbox`);
    for (const row of (received as unknown as { rows: { payload: Record<string, unknown> }[] }).rows) {
      assert.deepEqual(Object.keys(row.payload).sort(), ['citizenRef', 'outcome', 'requestId']);
    }
    // Correcting the name checks again and succeeds.
    await client.post('/account/profile', { displayName: '核验', realName: resident.name });
    await crossBothWays();
    assert.equal(await statusOf(mobile), 'verified');
  });

  test('each check is written to the workbench audit log', async () => {
    const checks = () =>
      workbench.services.db.select().from(auditLog).where(eq(auditLog.action, 'registry.realname-check'));
    const before = await checks();
    const { client } = await citizen();
    const resident = syntheticResidents(50)[13]!;
    await client.post('/account/profile', {
      displayName: '核验',
      realName: resident.name,
      idNumber: resident.idNumber,
    });
    await client.post('/account/profile', { displayName: '核验', realName: '错名字' });
    await crossBothWays();
    const added = (await checks()).slice(before.length);
    assert.equal(added.length, 2, 'one row per check');
    assert.ok(added.every((r) => r.actor === 'exchange' && r.target?.startsWith('citizen:')));
  });

  test('checks are limited to five a day per person', async () => {
    const { client } = await citizen();
    const resident = syntheticResidents(50)[9]!;
    for (const name of ['名甲', '名乙', '名丙', '名丁', '名戊']) {
      const ok = await client.post('/account/profile', {
        displayName: '核验',
        realName: name,
        idNumber: resident.idNumber,
      });
      assert.equal(ok.statusCode, 303);
    }
    const refused = await client.post('/account/profile', {
      displayName: '核验',
      realName: '名己',
      idNumber: resident.idNumber,
    });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /操作过于频繁/);
  });

  test('a late answer to a superseded request changes nothing', async () => {
    const { client, mobile } = await citizen();
    const resident = syntheticResidents(50)[11]!;
    await client.post('/account/profile', {
      displayName: '核验',
      realName: '错名字',
      idNumber: resident.idNumber,
    });
    await relay.runOnce();
    // The person corrects the name before the first answer arrives.
    await client.post('/account/profile', { displayName: '核验', realName: resident.name });
    await crossBothWays();
    await crossBothWays();
    assert.equal(await statusOf(mobile), 'verified');
  });
});
