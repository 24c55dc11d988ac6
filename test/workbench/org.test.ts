import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { roleAssignments, staff, units } from '../../src/workbench/db/schema.ts';
import { CITY_CODE, demoCityUnits } from '../../src/workbench/org/demo-city.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
});
after(async () => zone.close());

describe('the demo city', () => {
  const all = demoCityUnits();
  const byCode = new Map(all.map((u) => [u.code, u]));
  const kinds = (kind: string) => all.filter((u) => u.kind === kind);

  test('has a bureau, 5–6 sub-bureaus with 4–7 stations each (30+ in all), community offices and departments', () => {
    assert.equal(kinds('bureau').length, 1);
    const subs = kinds('sub-bureau');
    assert.ok(subs.length >= 5 && subs.length <= 6);
    for (const s of subs) {
      const stations = all.filter((u) => u.parentCode === s.code && u.kind === 'station').length;
      assert.ok(stations >= 4 && stations <= 7, `${s.code} has ${stations} stations`);
    }
    assert.ok(kinds('station').length >= 30);
    for (const station of kinds('station')) {
      const offices = all.filter((u) => u.parentCode === station.code).length;
      assert.ok(offices <= 3, station.code);
    }
    assert.ok(kinds('community-office').length > 0);
    for (const code of [
      'SF-HZ',
      'SF-CRJ',
      'SF-ZA',
      'SF-JJ',
      'SF-JD',
      'SF-WA',
      'SF-XF',
      'SF-JG',
      'SF-FZ',
      'SF-DC',
      'SF-ZH',
    ]) {
      assert.equal(byCode.get(code)?.parentCode, CITY_CODE, code);
    }
    assert.ok(kinds('traffic-site').length > 0);
    assert.ok(kinds('exit-entry-office').length > 0);
  });

  test('every unit is complete, coded by its place in the tree, and fictional', () => {
    assert.equal(byCode.size, all.length, 'codes are unique');
    for (const u of all) {
      const parent = u.parentCode ? byCode.get(u.parentCode) : undefined;
      assert.equal(u.path, parent ? `${parent.path}/${u.code}` : u.code, u.code);
      if (u.parentCode)
        assert.ok(parent && all.indexOf(parent) < all.indexOf(u), `${u.code}: parent listed first`);
      assert.match(u.phone, /^0000-\d{7}$/, u.code);
      assert.ok(u.name && u.nameEn && u.address.startsWith('示范市') && u.hours, u.code);
      assert.ok(Math.abs(u.lat - 30.5) < 0.25 && Math.abs(u.lng - 114.3) < 0.25, u.code);
    }
    for (const s of kinds('station')) assert.match(s.code, /^SF-D0\d-P0\d$/);
    for (const c of kinds('community-office')) assert.match(c.code, /^SF-D0\d-P0\d-C0\d$/);
    assert.equal(new Set(all.map((u) => u.phone)).size, all.length, 'phone numbers are unique');
  });

  test('seeding twice changes nothing', async () => {
    const before = await Promise.all([
      zone.services.db.select({ n: count() }).from(units),
      zone.services.db.select({ n: count() }).from(staff),
    ]);
    const accounts = await seedWorkbench(zone.services);
    const afterwards = await Promise.all([
      zone.services.db.select({ n: count() }).from(units),
      zone.services.db.select({ n: count() }).from(staff),
    ]);
    assert.deepEqual(afterwards, before);
    assert.equal(before[0][0]?.n, all.length);
    assert.deepEqual(
      accounts.map((a) => a.login),
      [
        ...['admin', 'SF1001', 'SF2001', 'SF3001', 'SF4001', 'SF5101', 'SF6001'],
        // A window clerk, a reviewer and an approver at each unit deciding online cases.
        ...['81', '82', '83', '84'].flatMap((unit) => ['01', '02', '03'].map((n) => `SF${unit}${n}`)),
        // A window clerk and a supervisor at each office that takes bookings (90: the police museum).
        ...['85', '86', '90'].flatMap((unit) => ['01', '04'].map((n) => `SF${unit}${n}`)),
        // The letter handlers of six units, and the force-wide discipline inspector.
        ...['01', '02', '03', '04', '05', '06'].map((n) => `SF70${n}`),
        'SF7901',
        // The bureau's finance officer (finance/).
        'SF8801',
        // Two network spokespersons (one drafts a Q&A, the other approves) and a traffic officer.
        'SF7801',
        'SF7802',
        'SF8701',
      ],
    );
    assert.ok(accounts.every((a) => a.zone === 'workbench' && a.password === 'Shifan-Police-26'));
    assert.equal((await zone.services.db.select({ n: count() }).from(roleAssignments))[0]?.n, 36);
  });
});

describe('organisation pages', () => {
  test('any signed-in officer reads the tree, folded with <details>, and a unit’s details', async () => {
    const clerk = await makeOfficer(zone, { unitCode: 'SF-D06-P03', role: 'window-clerk', enrolled: true });
    const client = await logIn(zone, clerk);
    const tree = await client.get('/org');
    assert.equal(tree.statusCode, 200);
    assert.match(tree.body, /<details open="">/);
    assert.match(tree.body, /<summary>下级单位/);
    assert.match(tree.body, /href="\/org\/SF-D01-P01-C01"/);

    const unit = await client.get('/org/SF-D02-P01');
    assert.equal(unit.statusCode, 200);
    assert.match(unit.body, /派出所/);
    assert.match(unit.body, /0000-6201000/);
    assert.match(unit.body, /href="\/org\/SF-D02"/, 'links to its parent');

    const english = await client.get('/org/SF-D02?lang=en');
    assert.match(english.body, /Qingjiang Sub-bureau/);

    assert.equal((await client.get('/org/SF-NOPE')).statusCode, 404);
    assert.equal((await client.get('/org/%3Cscript%3E')).statusCode, 404);
  });
});
