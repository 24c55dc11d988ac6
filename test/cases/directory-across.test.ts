import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { directoryUnits } from '../../src/portal/directory/directory.tables.ts';
import { parseSchedule, todayStatus } from '../../src/shared/directory/schedule.ts';
import { seedDirectory } from '../../src/workbench/org/org.publish.ts';
import { browser } from '../workbench/support.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { type TestZone } from '../helpers/zones.ts';
import { startApplyZone } from '../portal/applications.helpers.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from '../workbench/support.ts';

// The directory's whole way: the demo seed and an administrator's changes in the workbench, through the
// relay and the signatures, to the portal's /directory pages.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  portal = await startApplyZone();
  workbench = await startWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.close();
});

const cross = () => boundary.toPortal();

const visitor = () => browser(portal.app);

test('the seeded units reach the portal, listed by district and found by kind and name', async () => {
  await seedDirectory(workbench.services);
  await cross();
  const rows = await portal.services.db.select().from(directoryUnits);
  assert.ok(rows.length > 40, `${rows.length} units crossed`);
  assert.ok(!rows.some((r) => r.code === 'SF-ZH'), 'the command centre is internal');

  const list = await visitor().get('/directory');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /<h2[^>]*>明湖区<\/h2>/);
  assert.match(list.body, /href="\/directory\/SF-D01-P01"/);
  assert.match(list.body, /<nav class="breadcrumb"/);

  const qingjiang = await visitor().get('/directory?district=%E6%B8%85%E6%B1%9F%E5%8C%BA&kind=station');
  assert.match(qingjiang.body, /江岸派出所/);
  assert.doesNotMatch(qingjiang.body, /湖滨派出所/);
  assert.doesNotMatch(qingjiang.body, /清江分局<\/a>/, 'only stations');

  const found = await visitor().get('/directory?q=%E5%87%BA%E5%85%A5%E5%A2%83');
  assert.match(found.body, /市出入境接待大厅/);
  assert.doesNotMatch(found.body, /湖滨派出所/);

  const json = await visitor().json('GET', '/directory?kind=exit-entry-office');
  assert.equal(json.statusCode, 200);
  assert.equal((JSON.parse(json.body) as { total: number }).total, 3);

  const english = await visitor().get('/directory?lang=en');
  assert.match(english.body, /Hubin Police Station/);
});

test('a unit page: phone as a tel: link, hours today, services handled there, the map around it and the map link', async () => {
  const page = await visitor().get('/directory/SF-D01-P01');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="tel:00006101000"/);
  assert.match(page.body, /24小时接警/);
  const status = todayStatus(
    parseSchedule('1-6 09:00-17:00')!,
    portal.services.now(),
    portal.services.calendar,
  );
  assert.match(page.body, status.kind === 'hours' ? /今天 09:00—17:00 开放/ : /今天/);
  // The catalogue's household guides name 湖滨派出所户籍窗口 as a place of application.
  const guide = /href="(\/services\/items\/[a-z0-9-]+)"/.exec(page.body)?.[1];
  assert.ok(guide, 'a service handled there links to its guide');
  assert.equal((await visitor().get(guide)).statusCode, 200, 'and the guide opens');
  assert.match(page.body, /<svg[^>]*class="unit-map"[^>]*aria-labelledby="unit-map-title"/);
  assert.match(page.body, /href="geo:30\.\d+,114\.\d+"/);
  assert.match(page.body, /位置图/);

  assert.equal((await visitor().get('/directory/SF-ZH')).statusCode, 404);
  assert.equal((await visitor().get('/directory/SF-NONE')).statusCode, 404);
  assert.equal((await visitor().get('/directory/%3Cx%3E')).statusCode, 404);
});

test('an administrator’s edit, move and closing follow to the portal', async () => {
  const admin = await logIn(
    workbench,
    await makeOfficer(workbench, {
      unitCode: 'SF-0000',
      role: 'administrator',
      scope: 'subtree',
      enrolled: true,
    }),
  );
  const edit = await admin.get('/org/SF-D02-P05/edit');
  assert.equal(edit.statusCode, 200);
  const saved = await admin.post(
    '/org/SF-D02-P05/edit',
    {
      kind: 'station',
      name: '白鹭派出所',
      nameEn: 'Bailu Police Station',
      isPublic: 'yes',
      district: '清江区',
      address: '示范市清江区白鹭路新址88号',
      phone: '0000-6205000',
      hours: '24小时接警；户籍窗口 周一至周六 9:00—17:00',
      schedule: '1-6 09:00-17:00',
      lat: '30.49',
      lng: '114.21',
    },
    { formUrl: '/org/SF-D02-P05/edit' },
  );
  assert.equal(saved.statusCode, 303);
  await cross();
  assert.match((await visitor().get('/directory/SF-D02-P05')).body, /白鹭路新址88号/);

  const moved = await admin.post(
    '/org/SF-D02-P05/move',
    { parentCode: 'SF-D03' },
    { formUrl: '/org/SF-D02-P05/move' },
  );
  assert.equal(moved.statusCode, 303);
  await cross();
  const [row] = await portal.services.db
    .select()
    .from(directoryUnits)
    .where(eq(directoryUnits.code, 'SF-D02-P05'));
  assert.equal(row?.parentName, '示范市公安局望山分局');

  // A station with nobody in it and nothing below: closing takes it off the portal.
  const closed = await admin.post('/org/SF-D02-P05/close', {}, { formUrl: '/org/SF-D02-P05/close' });
  assert.equal(closed.statusCode, 303, closed.body.slice(0, 500));
  await cross();
  // Its address answers 410 Gone: closed, since when, and the unit its work went to.
  const gone = await visitor().get('/directory/SF-D02-P05');
  assert.equal(gone.statusCode, 410);
  assert.match(gone.body, /已撤销/);
  assert.match(gone.body, /<time datetime="\d{4}-/);
  assert.match(gone.body, /href="\/directory\/SF-D03"[^>]*>示范市公安局望山分局</);
  const goneEn = await visitor().get('/directory/SF-D02-P05?lang=en');
  assert.equal(goneEn.statusCode, 410);
  assert.match(goneEn.body, /has closed/);
  assert.equal((await visitor().json('GET', '/directory/SF-D02-P05')).statusCode, 410);
  assert.doesNotMatch((await visitor().get('/directory')).body, /SF-D02-P05/);
});
