import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { citizens, inbox, outbox, realnameChecks } from '../../src/portal/db/schema.ts';
import { realnameVerifyRequest, realnameVerifyResult } from '../../src/exchange/contracts/index.ts';
import { purgeCrossedPayloads } from '../../src/exchange/retention.ts';
import { realnameStream } from '../../src/portal/realname/realname.service.ts';
import { auditLog } from '../../src/workbench/db/schema.ts';
import {
  DEMO_RESIDENT,
  seedRegistry,
  syntheticResidents,
} from '../../src/workbench/registry/registry.seed.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let portal: TestZone;
let workbench: TestZone;
/** Each zone signs what it wrote to its outbox, as its worker would, before the relay takes it. */
const signAll = async () => {
  await portal.signOutbox();
  await workbench.signOutbox();
};
let boundary: Boundary;

before(async () => {
  [portal, workbench] = await Promise.all([startTestZone('portal'), startTestZone('workbench')]);
  // The registry is sealed with the workbench's own key; the test zones each have their own.
  await seedRegistry(workbench.services, 50);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.close();
});

/** One full round trip: relay out, the workbench answers, relay back, the portal applies the answer. */
const crossBothWays = () => boundary.thereAndBack();

const citizen = () => registerCitizen(portal, { displayName: '核验' });

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
    await signAll();
    await boundary.relay.runOnce();
    // The person corrects the name before the first answer arrives.
    await client.post('/account/profile', { displayName: '核验', realName: resident.name });
    await crossBothWays();
    await crossBothWays();
    assert.equal(await statusOf(mobile), 'verified');
  });
});

describe('who owns an ID number, and limits that survive retention', () => {
  const save = (client: FormClient, realName: string | undefined, idNumber: string) =>
    client.post('/account/profile', { displayName: '核验', ...(realName ? { realName } : {}), idNumber });

  test('the daily limit still holds after retention has emptied the payloads', async () => {
    const { client } = await citizen();
    const resident = syntheticResidents(50)[13]!;
    for (const name of ['名甲', '名乙', '名丙', '名丁', '名戊'])
      assert.equal((await save(client, name, resident.idNumber)).statusCode, 303);
    await crossBothWays();
    const purged = await purgeCrossedPayloads(portal.database.db, new Date(Date.now() + 3_600_000));
    assert.ok(purged.outbox >= 5, 'the requests no longer carry who asked');
    const refused = await save(client, '名己', resident.idNumber);
    assert.equal(refused.statusCode, 429);
  });

  test("two people's checks travel in streams of their own, and the answers come back in them", async () => {
    const [first, second] = [await citizen(), await citizen()];
    await save(first.client, '错名一', syntheticResidents(50)[15]!.idNumber);
    await save(second.client, '错名二', syntheticResidents(50)[15]!.idNumber);
    const idOf = async (mobile: string) =>
      (await portal.services.db.select().from(citizens).where(eq(citizens.mobile, mobile)))[0]!.id;
    const ids = [await idOf(first.mobile), await idOf(second.mobile)];
    const streams = await portal.services.db
      .select({ stream: outbox.stream })
      .from(outbox)
      .where(eq(outbox.type, realnameVerifyRequest.type));
    for (const id of ids) assert.ok(streams.some((s) => s.stream === realnameStream(id)));
    assert.notEqual(realnameStream(ids[0]!), realnameStream(ids[1]!));
    await crossBothWays();
    const answered = await portal.services.db
      .select({ stream: inbox.stream })
      .from(inbox)
      .where(eq(inbox.type, realnameVerifyResult.type));
    for (const id of ids) assert.ok(answered.some((s) => s.stream === realnameStream(id)));
  });

  test('an ID number typed without a name reserves nothing: its owner still verifies with it', async () => {
    const resident = syntheticResidents(50)[17]!;
    const squatter = await citizen();
    assert.equal((await save(squatter.client, undefined, resident.idNumber)).statusCode, 303);
    const owner = await citizen();
    assert.equal((await save(owner.client, resident.name, resident.idNumber)).statusCode, 303);
    await crossBothWays();
    assert.equal(await statusOf(owner.mobile), 'verified');
    assert.equal(await statusOf(squatter.mobile), 'none');
  });

  test('a number verified on another account is refused with 409, and only after a check was counted', async () => {
    const resident = syntheticResidents(50)[19]!;
    const owner = await citizen();
    await save(owner.client, resident.name, resident.idNumber);
    await crossBothWays();
    assert.equal(await statusOf(owner.mobile), 'verified');
    const other = await citizen();
    const refused = await save(other.client, resident.name, resident.idNumber);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /已在其他账号完成实名认证/);
    assert.match(refused.body, new RegExp(`value="${resident.name}"`), 'what was typed is kept');
    const [row] = await portal.services.db.select().from(citizens).where(eq(citizens.mobile, other.mobile));
    const counted = await portal.services.db
      .select()
      .from(realnameChecks)
      .where(eq(realnameChecks.citizenId, row!.id));
    assert.equal(counted.length, 1, 'asking used one of the day’s five checks');
  });

  test('two accounts racing for one number: one is verified, the other is told, never a 500', async () => {
    const resident = syntheticResidents(50)[21]!;
    const [a, b] = [await citizen(), await citizen()];
    const answers = await Promise.all([
      save(a.client, resident.name, resident.idNumber),
      save(b.client, resident.name, resident.idNumber),
    ]);
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      [303, 303],
    );
    await crossBothWays();
    const outcomes = [await statusOf(a.mobile), await statusOf(b.mobile)].sort();
    assert.deepEqual(outcomes, ['id-taken', 'verified']);
    const loser = (await statusOf(a.mobile)) === 'id-taken' ? a : b;
    assert.match((await loser.client.get('/account')).body, /已在另一个账号完成实名认证/);
    const stuck = await portal.services.db.execute(
      sql`SELECT count(*)::int AS n FROM inbox WHERE processed_at IS NULL`,
    );
    assert.equal((stuck as unknown as { rows: { n: number }[] }).rows[0]?.n, 0, 'no answer is left failing');
  });
});
