import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { auditLog, units } from '../../src/workbench/db/schema.ts';
import { kbEntries } from '../../src/workbench/kb/kb.tables.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { seedDirectory } from '../../src/workbench/org/org.publish.ts';
import { openCase, SERVICES } from './cases.support.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
});
after(async () => zone.close());

const unitRow = async (code: string) =>
  (await zone.services.db.select().from(units).where(eq(units.code, code)))[0];
const sent = async (code: string) =>
  zone.services.db
    .select({ type: outbox.type, payload: outbox.payload })
    .from(outbox)
    .where(eq(outbox.stream, `unit:${code}`))
    .orderBy(outbox.seq);
const audited = async (code: string) =>
  (
    await zone.services.db
      .select({ action: auditLog.action, actor: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.target, `unit:${code}`))
      .orderBy(auditLog.seq)
  ).map((r) => r.action);

const station = {
  kind: 'station',
  name: '新城派出所',
  nameEn: 'Xincheng Police Station',
  isPublic: 'yes',
  district: '明湖区',
  address: '示范市明湖区新城路8号',
  phone: '0000-6108000',
  hours: '24小时接警；户籍窗口 周一至周五 9:00—17:00',
  schedule: '1-5 09:00-17:00',
  lat: '30.53',
  lng: '114.31',
};

describe('the demo directory seed', () => {
  test('publishes every public unit once, and a second run sends nothing', async () => {
    const first = await seedDirectory(zone.services);
    assert.ok(first > 40, `${first} units published`);
    assert.equal(await seedDirectory(zone.services), 0);
    assert.equal((await sent('SF-D01-P01'))[0]?.type, 'directory.unit.published');
    assert.deepEqual(await sent('SF-ZH'), [], 'the command centre is not public');
  });
});

describe('organisation management', () => {
  test('only an administrator sees the forms; a district administrator only within his district', async () => {
    const clerk = await logIn(
      zone,
      await makeOfficer(zone, { unitCode: 'SF-D01', role: 'window-clerk', enrolled: true }),
    );
    assert.equal((await clerk.get('/org/new')).statusCode, 403);
    assert.doesNotMatch((await clerk.get('/org/SF-D01')).body, /href="\/org\/SF-D01\/edit"/);

    const district = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-D01',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
    );
    const own = await district.get('/org/SF-D01-P01');
    assert.match(own.body, /href="\/org\/SF-D01-P01\/edit"/);
    assert.match(own.body, /<nav class="breadcrumb" aria-label="面包屑导航"><ol>/);
    assert.equal((await district.get('/org/SF-D02-P01/edit')).statusCode, 404);
    const form = await district.get('/org/new');
    assert.doesNotMatch(form.body, /value="SF-D02"/, 'units outside his reach are not offered as parents');
  });

  test('adds a unit, refusing bad input with 422 and keeping what was typed', async () => {
    const admin = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-0000',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
    );
    const refused = await admin.post(
      '/org/new',
      { ...station, code: 'sf bad', parentCode: 'SF-D01', phone: 'call us', lat: '91', schedule: 'weekdays' },
      { formUrl: '/org/new' },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /单位代码为2至40位/);
    assert.match(refused.body, /请输入电话号码/);
    assert.match(refused.body, /请输入纬度/);
    assert.match(refused.body, /开放时间格式不正确/);
    assert.match(refused.body, /value="新城派出所"/, 'the name is kept');

    const added = await admin.post(
      '/org/new',
      { ...station, code: 'SF-D01-P09', parentCode: 'SF-D01' },
      { formUrl: '/org/new' },
    );
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/org/SF-D01-P09');
    const row = await unitRow('SF-D01-P09');
    assert.equal(row?.path, 'SF-0000/SF-D01/SF-D01-P09');
    assert.deepEqual(await audited('SF-D01-P09'), ['org.unit.create']);
    const [message] = await sent('SF-D01-P09');
    assert.equal(message?.type, 'directory.unit.published');
    assert.equal((message?.payload as { parentName: string }).parentName, '示范市公安局明湖分局');

    const again = await admin.post(
      '/org/new',
      { ...station, code: 'SF-D01-P09', parentCode: 'SF-D01' },
      { formUrl: '/org/new' },
    );
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /已有单位使用该代码/);
  });

  test('edits a unit; making it private withdraws it from the directory', async () => {
    const admin = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-0000',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
    );
    await admin.post(
      '/org/new',
      { ...station, code: 'SF-D01-P77', parentCode: 'SF-D01' },
      { formUrl: '/org/new' },
    );
    const edited = await admin.post(
      '/org/SF-D01-P77/edit',
      { ...station, phone: '0000-6109000' },
      { formUrl: '/org/SF-D01-P77/edit' },
    );
    assert.equal(edited.statusCode, 303);
    assert.equal((await unitRow('SF-D01-P77'))?.phone, '0000-6109000');
    const { isPublic: _public, ...privateStation } = station;
    await admin.post('/org/SF-D01-P77/edit', privateStation, { formUrl: '/org/SF-D01-P77/edit' });
    assert.deepEqual(
      (await sent('SF-D01-P77')).map((m) => m.type),
      ['directory.unit.published', 'directory.unit.published', 'directory.unit.withdrawn'],
    );
    assert.deepEqual(await audited('SF-D01-P77'), ['org.unit.create', 'org.unit.edit', 'org.unit.edit']);
  });

  test('moves a unit with its subtree, refusing cycles and units with open work', async () => {
    const admin = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-0000',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
    );
    const move = (code: string, parentCode: string) =>
      admin.post(`/org/${code}/move`, { parentCode }, { formUrl: `/org/${code}/move` });

    const cycle = await move('SF-D02', 'SF-D02-P01');
    assert.equal(cycle.statusCode, 422);
    assert.match(cycle.body, /不能移到本单位或其下级单位之下/);

    const at = zone.services.now();
    const [entry] = await zone.services.db
      .insert(kbEntries)
      .values({
        unitCode: 'SF-D02-P01-C01',
        unitPath: 'SF-0000/SF-D02/SF-D02-P01/SF-D02-P01-C01',
        latestVersion: 1,
        createdBy: 'test',
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    const moved = await move('SF-D02-P01', 'SF-D03');
    assert.equal(moved.statusCode, 303);
    const [kept] = await zone.services.db.select().from(kbEntries).where(eq(kbEntries.id, entry!.id));
    assert.equal(
      kept?.unitPath,
      'SF-0000/SF-D03/SF-D02-P01/SF-D02-P01-C01',
      'its answers are shared from there',
    );
    assert.equal((await unitRow('SF-D02-P01'))?.path, 'SF-0000/SF-D03/SF-D02-P01');
    assert.equal((await unitRow('SF-D02-P01-C01'))?.path, 'SF-0000/SF-D03/SF-D02-P01/SF-D02-P01-C01');
    assert.ok((await audited('SF-D02-P01')).includes('org.unit.move'));

    await seedCatalog(zone.services);
    const { row: open } = await openCase(zone, SERVICES.certificate);
    const busyUnit = open.unitCode;
    const parentOfBusy = (await unitRow(busyUnit))?.parentCode;
    const target = parentOfBusy === 'SF-0000' ? 'SF-D04' : 'SF-0000';
    const refused = await move(busyUnit, target);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /还有在办的案件/);
  });

  test('closes a unit only when nothing is left in it, and keeps its row', async () => {
    const admin = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-0000',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
    );
    const close = (code: string) => admin.post(`/org/${code}/close`, {}, { formUrl: `/org/${code}/close` });

    const withUnits = await close('SF-D01');
    assert.equal(withUnits.statusCode, 422);
    assert.match(withUnits.body, /还有未撤销的下级单位/);
    assert.match(withUnits.body, /还有在用的人员账号或角色/);

    await admin.post(
      '/org/new',
      { ...station, code: 'SF-D01-P11', parentCode: 'SF-D01' },
      { formUrl: '/org/new' },
    );
    const closed = await close('SF-D01-P11');
    assert.equal(closed.statusCode, 303);
    const row = await unitRow('SF-D01-P11');
    assert.ok(row?.closedAt, 'the row stays, marked closed');
    assert.equal((await sent('SF-D01-P11')).at(-1)?.type, 'directory.unit.withdrawn');
    assert.match((await admin.get('/org/SF-D01-P11')).body, /已撤销/);
    const again = await close('SF-D01-P11');
    assert.equal(again.statusCode, 422);
    const [entry] = await zone.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, 'unit:SF-D01-P11'), eq(auditLog.action, 'org.unit.close')));
    assert.ok(entry);
  });
});

describe('a community office’s area and officer', () => {
  test('refuses coordinates outside the city, keeping what was typed', async () => {
    const admin = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-0000',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
    );
    const swapped = await admin.post(
      '/org/new',
      { ...station, code: 'SF-D01-P66', parentCode: 'SF-D01', lat: '39.9', lng: '116.4' },
      { formUrl: '/org/new' },
    );
    assert.equal(swapped.statusCode, 422);
    assert.match(swapped.body, /这个坐标不在示范市范围内/);
    assert.match(swapped.body, /value="39.9"/);
    assert.equal(await unitRow('SF-D01-P66'), undefined);
  });

  test('edits the area and officer, refusing a bad line by its number; the portal is sent name and badge only', async () => {
    await seedDirectory(zone.services);
    const admin = await logIn(
      zone,
      await makeOfficer(zone, {
        unitCode: 'SF-D01',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
    );
    const code = 'SF-D01-P01-C01';
    assert.match((await admin.get(`/org/${code}`)).body, new RegExp(`href="/org/${code}/beat"`));
    const form = await admin.get(`/org/${code}/beat`);
    assert.match(form.body, /湖滨路\/Hubin Road 1-200/);
    const refused = await admin.post(
      `/org/${code}/beat`,
      { area: '湖滨路 1-200\n湖滨路 300-100', officerName: '王', officerBadge: 'sf 1' },
      { formUrl: `/org/${code}/beat` },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /辖区第 2 行格式不正确/);
    assert.match(refused.body, /请输入社区民警姓名/);
    assert.match(refused.body, /请输入警号/);
    assert.match(refused.body, /湖滨路 300-100/, 'the area is kept');
    const saved = await admin.post(
      `/org/${code}/beat`,
      { area: '湖滨路/Hubin Road 1-250 单\n春晖小区', officerName: '周演示', officerBadge: 'sf20001' },
      { formUrl: `/org/${code}/beat` },
    );
    assert.equal(saved.statusCode, 303);
    assert.deepEqual((await audited(code)).at(-1), 'org.unit.beat');
    const last = (await sent(code)).at(-1)?.payload as Record<string, unknown>;
    assert.deepEqual(last.officer, { name: '周演示', badgeNo: 'SF20001' });
    assert.deepEqual(last.beat, {
      roads: [{ road: '湖滨路', roadEn: 'Hubin Road', from: 1, to: 250, parity: 'odd' }],
      places: [{ name: '春晖小区', nameEn: null }],
    });
    assert.doesNotMatch(JSON.stringify(last), /mobile/);
    const station = await admin.get('/org/SF-D01-P01/beat');
    assert.equal(station.statusCode, 404, 'only a community office has an area');
  });
});
