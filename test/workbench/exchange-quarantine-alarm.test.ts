import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { quarantine } from '../../src/exchange/tables.ts';
import { exchangeAlarmStep } from '../../src/workbench/exchange-monitor/exchange-monitor.alarms.ts';
import { openAlarms } from '../../src/workbench/exchange-monitor/exchange-monitor.repository.ts';
import { offeredRoles } from '../../src/workbench/staff/staff.policy.ts';
import { roles } from '../../src/workbench/staff/roles.ts';
import { csrf, logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// A message off the whitelist, or any message the exchange quarantined, is an alarm until someone decides on
// it; the monitor names the reason in words. Staff administration offers only roles that open something.

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
});
after(async () => zone.close());

test('a quarantined message of an unknown type raises a critical alarm, which clears once it is decided', async () => {
  const db = zone.services.db;
  await exchangeAlarmStep(db, zone.services.now());
  assert.deepEqual(
    (await openAlarms(db)).filter((a) => a.rule === 'quarantine'),
    [],
    'nothing quarantined, no alarm',
  );
  const [entry] = await db
    .insert(quarantine)
    .values({
      direction: 'inbound',
      raw: { envelope: { type: 'x.not-whitelisted', stream: 's', seq: 1 } },
      reason: 'unknown-type',
      detail: 'x.not-whitelisted@1',
    })
    .returning({ id: quarantine.id });
  assert.ok(entry);
  const raised = await exchangeAlarmStep(db, zone.services.now());
  assert.ok(raised.raised >= 1);
  const alarm = (await openAlarms(db)).find((a) => a.rule === 'quarantine');
  assert.equal(alarm?.flow, 'portal-to-workbench');
  assert.equal(alarm?.severity, 'critical');
  assert.match(alarm?.detail ?? '', /消息类型不在白名单内/);

  const admin = await makeOfficer(zone, {
    role: 'administrator',
    unitCode: 'SF-0000',
    scope: 'all',
    enrolled: true,
  });
  const b = await logIn(zone, admin);
  const page = await b.get('/exchange');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /有报文被隔离/);
  assert.match(page.body, /消息类型不在白名单内/);
  assert.ok(!page.body.includes('x.not-whitelisted@1</td>'));
  const english = await b.get('/exchange?lang=en');
  assert.match(english.body, /Message type not on the whitelist/);

  await db.update(quarantine).set({ discardedAt: zone.services.now() }).where(eq(quarantine.id, entry.id));
  const cleared = await exchangeAlarmStep(db, zone.services.now());
  assert.ok(cleared.cleared >= 1);
  assert.equal((await openAlarms(db)).filter((a) => a.rule === 'quarantine').length, 0);
});

test('only roles some rule gives work are offered, and granting any other is refused', async () => {
  // Every role has its features now (letters and supervision included); the rule itself is what is tested:
  // a role is offered exactly when some permission names it.
  const offered = offeredRoles(roles);
  for (const role of roles) assert.ok(offered.includes(role), role);
  assert.deepEqual(offeredRoles([...roles, 'nobody' as (typeof roles)[number]]), offered);

  const admin = await makeOfficer(zone, {
    role: 'administrator',
    unitCode: 'SF-0000',
    scope: 'all',
    enrolled: true,
  });
  const b = await logIn(zone, admin);
  const form = await b.get('/staff/new');
  assert.equal(form.statusCode, 200);
  assert.ok(form.body.includes('value="window-clerk"'));
  assert.ok(form.body.includes('value="letter-handler"'));
  assert.ok(!form.body.includes('value="nobody"'));
  const refused = await b.post(
    '/staff/new',
    {
      _csrf: csrf(form.body),
      badgeNo: 'LH0001',
      name: '信件办理',
      unitCode: 'SF-0000',
      password: 'Letter-Lantern-2026',
      role: 'nobody',
      scope: 'unit',
    },
    { csrf: null },
  );
  assert.equal(refused.statusCode, 422);
});
