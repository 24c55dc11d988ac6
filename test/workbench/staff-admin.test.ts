import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import { sessions } from '../../src/shared/db/tables.ts';
import { auditLog, authThrottle, roleAssignments, staff } from '../../src/workbench/db/schema.ts';
import { badgeKey } from '../../src/workbench/staff/staff.repository.ts';
import {
  browser,
  logIn,
  makeOfficer,
  PASSWORD,
  startWorkbench,
  type Officer,
  type Workbench,
} from './support.ts';

let zone: Workbench;
let cityAdmin: Officer;
before(async () => {
  zone = await startWorkbench();
  cityAdmin = await makeOfficer(zone, {
    unitCode: 'SF-0000',
    role: 'administrator',
    scope: 'all',
    enrolled: true,
  });
});
after(async () => zone.close());

const idIn = (location: unknown) => /^\/staff\/([0-9a-f-]{36})$/.exec(String(location))?.[1];

describe('staff administration', () => {
  test('an administrator creates an account, which must enrol its authenticator at first login', async () => {
    const admin = await logIn(zone, cityAdmin);
    const form = await admin.get('/staff/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="SF-D03-P02"/);

    const created = await admin.post('/staff/new', {
      badgeNo: 'SF7101',
      name: '新民警',
      unitCode: 'SF-D03-P02',
      mobile: '138 0000 0001',
      password: 'Initial#2026',
      role: 'window-clerk',
      scope: 'unit',
    });
    assert.equal(created.statusCode, 303, created.body.slice(0, 500));
    const id = idIn(created.headers.location);
    assert.ok(id);

    const detail = await admin.get(`/staff/${id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /新民警（SF7101）/);
    assert.match(detail.body, /窗口受理员/);
    assert.match(detail.body, /13800000001/);
    const [row] = await zone.services.db.select().from(staff).where(eq(staff.id, id));
    assert.equal(row?.mustEnrolTotp, true);
    assert.ok(row?.passwordHash.startsWith('$argon2id$'));

    const audit = await zone.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, 'staff:SF7101'))
      .orderBy(auditLog.seq);
    assert.deepEqual(
      audit.map((r) => [r.action, r.actor]),
      [
        ['staff.create', cityAdmin.badgeNo],
        ['staff.view', cityAdmin.badgeNo],
      ],
    );
    assert.deepEqual(audit[0]?.detail, {
      unit: 'SF-D03-P02',
      role: 'window-clerk',
      scope: 'unit',
      roleUnit: 'SF-D03-P02',
    });

    const newcomer: Officer = { id, badgeNo: 'SF7101' };
    await logIn(zone, newcomer, 'Initial#2026');
  });

  test('the form lists every problem, keeps what was typed but never the password, and refuses a taken badge', async () => {
    const admin = await logIn(zone, cityAdmin);
    const bad = await admin.post('/staff/new', {
      badgeNo: 'a b',
      name: '',
      unitCode: 'NOPE',
      mobile: '123',
      password: 'short',
      role: 'king',
      scope: 'x',
    });
    assert.equal(bad.statusCode, 422);
    for (const text of [
      '警号为3至20位字母或数字',
      '请输入姓名',
      '请选择所在单位',
      '请输入正确的11位手机号码',
      '密码至少12位',
      '请选择角色',
      '请选择管辖范围',
    ]) {
      assert.match(bad.body, new RegExp(text));
    }
    assert.doesNotMatch(bad.body, /value="short"/);
    const taken = await admin.post('/staff/new', {
      badgeNo: 'sf1001',
      name: '重复',
      unitCode: 'SF-D01',
      password: 'Initial#2026',
      role: 'reviewer',
      scope: 'unit',
    });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /该警号已有账号/);
  });

  test('a new administrator cannot be given a short, common, guessable or personal password', async () => {
    const admin = await logIn(zone, cityAdmin);
    const attempt = (password: string) =>
      admin.post('/staff/new', {
        badgeNo: 'SF7205',
        name: '新管理员',
        unitCode: 'SF-0000',
        mobile: '13900000205',
        password,
        role: 'administrator',
        scope: 'all',
      });
    // "password1" was accepted before: eight characters and two kinds of character.
    for (const [password, message] of [
      ['password1', '密码至少12位'],
      ['password1234', '这是最常被使用和泄露的密码之一'],
      ['Password2026', '密码由常见词语、日期、键盘上相邻的键或重复字符组成'],
      ['Lantern-SF7205-x', '密码不能包含本人的警号或手机号码'],
      ['Lantern-13900000205', '密码不能包含本人的警号或手机号码'],
    ] as const) {
      const refused = await attempt(password);
      assert.equal(refused.statusCode, 422, password);
      assert.match(refused.body, new RegExp(message), password);
    }
    assert.equal((await zone.services.db.select().from(staff).where(eq(staff.badgeNo, 'SF7205'))).length, 0);
    await admin.get('/prefs/lang?set=en&next=/staff/new');
    const english = await attempt('password1234');
    assert.match(english.body, /one of the most used and leaked passwords/);
    assert.equal((await attempt('Lantern-Orchard-26')).statusCode, 303);
  });

  test('a sub-bureau administrator sees and edits only his own sub-bureau; elsewhere is 404', async () => {
    const d01Admin = await makeOfficer(zone, {
      unitCode: 'SF-D01',
      role: 'administrator',
      scope: 'subtree',
      enrolled: true,
    });
    const inside = await makeOfficer(zone, { unitCode: 'SF-D01-P02', role: 'window-clerk' });
    const outside = await makeOfficer(zone, { unitCode: 'SF-D02-P01', role: 'window-clerk' });
    const admin = await logIn(zone, d01Admin);

    const list = await admin.get('/staff');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(inside.badgeNo));
    assert.doesNotMatch(list.body, new RegExp(outside.badgeNo));
    assert.doesNotMatch(list.body, /SF2001/, 'the D02 demo approver is not listed');

    assert.equal((await admin.get(`/staff/${inside.id}`)).statusCode, 200);
    const notYours = await admin.get(`/staff/${outside.id}`);
    const missing = await admin.get('/staff/00000000-0000-4000-8000-000000000000');
    const garbage = await admin.get('/staff/not-a-uuid');
    assert.equal(notYours.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(garbage.statusCode, 404);

    const token = /name="_csrf" value="([^"]+)"/.exec((await admin.get('/staff')).body)?.[1];
    for (const action of ['disable', 'enable', 'reset-totp', 'revoke-sessions', 'assignments']) {
      const r = await admin.post(
        `/staff/${outside.id}/${action}`,
        { role: 'reviewer', unitCode: 'SF-D02', scope: 'unit' },
        { csrf: token },
      );
      assert.equal(r.statusCode, 404, action);
    }
    const [still] = await zone.services.db.select().from(staff).where(eq(staff.id, outside.id));
    assert.equal(still?.disabledAt, null);

    // Nor can he create an account, or grant a role, outside his sub-bureau or wider than his own reach.
    const elsewhere = await admin.post('/staff/new', {
      badgeNo: 'SF5102',
      name: '越权',
      unitCode: 'SF-D02-P01',
      password: 'Initial#2026',
      role: 'window-clerk',
      scope: 'unit',
    });
    assert.equal(elsewhere.statusCode, 422);
    assert.match(elsewhere.body, /只能选择您管辖范围内的单位/);
    assert.doesNotMatch((await admin.get('/staff/new')).body, /value="SF-D02"/);
    const wider = await admin.post(
      `/staff/${inside.id}/assignments`,
      { role: 'administrator', unitCode: 'SF-0000', scope: 'all' },
      { formUrl: `/staff/${inside.id}` },
    );
    assert.equal(wider.statusCode, 422);
    assert.match(wider.body, /不能授予超出您本人管辖范围的权限/);
  });

  test('a sub-bureau administrator may see, but not switch off, a city-wide officer based in his area (403)', async () => {
    const d03Admin = await makeOfficer(zone, {
      unitCode: 'SF-D03',
      role: 'administrator',
      scope: 'subtree',
      enrolled: true,
    });
    const cityAuditor = await makeOfficer(zone, { unitCode: 'SF-D03-P01', role: 'auditor', scope: 'all' });
    const admin = await logIn(zone, d03Admin);
    const page = await admin.get(`/staff/${cityAuditor.id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /停用账号/);
    const r = await admin.post(
      `/staff/${cityAuditor.id}/disable`,
      {},
      { formUrl: `/staff/${cityAuditor.id}` },
    );
    assert.equal(r.statusCode, 403);
  });

  test('a window clerk gets 403 for staff administration pages and for any account', async () => {
    const clerk = await makeOfficer(zone, { unitCode: 'SF-D01-P03', role: 'window-clerk', enrolled: true });
    const client = await logIn(zone, clerk);
    assert.equal((await client.get('/staff/new')).statusCode, 403);
    assert.equal((await client.get('/staff')).statusCode, 403);
    assert.equal(
      (
        await client.post(
          '/staff/new',
          {
            badgeNo: 'SF5103',
            name: '不行',
            unitCode: 'SF-D01-P03',
            password: 'Initial#2026',
            role: 'administrator',
            scope: 'all',
          },
          { formUrl: '/' },
        )
      ).statusCode,
      403,
    );
    // The route needs staff.read, which no role of his holds anywhere: refused before any account is looked up,
    // so the answer is the same for every id, his own included.
    assert.equal((await client.get(`/staff/${clerk.id}`)).statusCode, 403);
    assert.equal((await client.get('/staff/00000000-0000-4000-8000-000000000000')).statusCode, 403);
    assert.equal((await client.get('/audit')).statusCode, 403);
  });

  test('roles are added and removed, but nobody changes his own', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D04', role: 'reviewer', scope: 'unit' });
    const admin = await logIn(zone, cityAdmin);
    const added = await admin.post(
      `/staff/${officer.id}/assignments`,
      { role: 'approver', unitCode: 'SF-D04', scope: 'subtree' },
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(added.statusCode, 303);
    const twice = await admin.post(
      `/staff/${officer.id}/assignments`,
      { role: 'approver', unitCode: 'SF-D04', scope: 'subtree' },
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(twice.statusCode, 422);
    const rows = await zone.services.db
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.staffId, officer.id));
    assert.equal(rows.length, 2);
    const reviewer = rows.find((r) => r.role === 'reviewer');
    assert.ok(reviewer);
    const removed = await admin.post(
      `/staff/${officer.id}/assignments/${reviewer.id}/remove`,
      {},
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(
      (
        await zone.services.db.select().from(roleAssignments).where(eq(roleAssignments.staffId, officer.id))
      ).map((r) => r.role),
      ['approver'],
    );
    const actions = await zone.services.db
      .select({ action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.target, `staff:${officer.badgeNo}`), eq(auditLog.actor, cityAdmin.badgeNo)));
    assert.ok(actions.some((a) => a.action === 'staff.role.assign' && a.detail.role === 'approver'));
    assert.ok(actions.some((a) => a.action === 'staff.role.remove' && a.detail.role === 'reviewer'));

    const self = await admin.post(
      `/staff/${cityAdmin.id}/assignments`,
      { role: 'auditor', unitCode: 'SF-0000', scope: 'all' },
      { formUrl: `/staff/${cityAdmin.id}` },
    );
    assert.equal(self.statusCode, 403);
    assert.equal(
      (await admin.post(`/staff/${cityAdmin.id}/disable`, {}, { formUrl: `/staff/${cityAdmin.id}` }))
        .statusCode,
      403,
    );
  });

  test('resetting the authenticator ends the sessions and forces a new enrolment', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D06-P01', role: 'window-clerk', enrolled: true });
    const officerBrowser = await logIn(zone, officer);
    const admin = await logIn(zone, cityAdmin);
    const reset = await admin.post(
      `/staff/${officer.id}/reset-totp`,
      {},
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(reset.statusCode, 303);
    assert.equal((await officerBrowser.get('/')).statusCode, 303);
    const client = browser(zone.app);
    const step1 = await client.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD });
    assert.equal(step1.headers.location, '/staff/totp/enrol');
    const oldSecret = officer.secret;
    await logIn(zone, officer);
    assert.notEqual(officer.secret, oldSecret, 'a new secret was issued');
  });

  test('revoking sessions signs the officer out everywhere; revoking one’s own signs oneself out', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D06-P02', role: 'window-clerk', enrolled: true });
    const a = await logIn(zone, officer);
    const b = await logIn(zone, officer);
    const admin = await logIn(zone, cityAdmin);
    const r = await admin.post(
      `/staff/${officer.id}/revoke-sessions`,
      {},
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(r.statusCode, 303);
    assert.match((await admin.get(`/staff/${officer.id}`)).body, /已结束 2 个会话/);
    assert.equal((await a.get('/')).statusCode, 303);
    assert.equal((await b.get('/')).statusCode, 303);

    const own = await admin.post(
      `/staff/${cityAdmin.id}/revoke-sessions`,
      {},
      { formUrl: `/staff/${cityAdmin.id}` },
    );
    assert.equal(own.headers.location, '/staff/login');
    assert.equal((await admin.get('/')).statusCode, 303);
    assert.equal(
      (
        await zone.services.db
          .select()
          .from(sessions)
          .where(and(eq(sessions.subject, `staff:${cityAdmin.id}`), isNull(sessions.revokedAt)))
      ).length,
      0,
    );
  });

  test('an administrator resets a forgotten password, which also lifts a lock and ends the sessions', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D05-P02', role: 'window-clerk', enrolled: true });
    const officerBrowser = await logIn(zone, officer);
    // Guessers ran the badge number's login delay up to an hour.
    const delay = {
      failures: 12,
      blockedUntil: new Date(zone.services.now().getTime() + 3_600_000),
      lastAttemptAt: zone.services.now(),
    };
    await zone.services.db
      .insert(authThrottle)
      .values({ key: badgeKey(officer.badgeNo), ...delay })
      .onConflictDoUpdate({ target: authThrottle.key, set: delay });
    const admin = await logIn(zone, cityAdmin);
    assert.match(
      (await admin.get(`/staff/${officer.id}`)).body,
      /锁定至/,
      'the administrator sees the delay',
    );
    const weak = await admin.post(
      `/staff/${officer.id}/reset-password`,
      { newPassword: 'short' },
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /密码至少12位/);
    assert.doesNotMatch(weak.body, /value="short"/);
    for (const [password, message] of [
      ['qwertyuiop123', '这是最常被使用和泄露的密码之一'],
      [`Lantern-${officer.badgeNo.toLowerCase()}`, '密码不能包含本人的警号'],
    ] as const) {
      const refused = await admin.post(
        `/staff/${officer.id}/reset-password`,
        { newPassword: password },
        { formUrl: `/staff/${officer.id}` },
      );
      assert.equal(refused.statusCode, 422, password);
      assert.match(refused.body, new RegExp(message), password);
    }
    const reset = await admin.post(
      `/staff/${officer.id}/reset-password`,
      { newPassword: 'Fresh-Start-2026' },
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(reset.statusCode, 303);
    assert.equal((await officerBrowser.get('/')).statusCode, 303, 'old sessions ended');
    assert.equal(
      (await browser(zone.app).post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD }))
        .statusCode,
      401,
    );
    await logIn(zone, officer, 'Fresh-Start-2026');
    const [entry] = await zone.services.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'staff.password.reset'), eq(auditLog.target, `staff:${officer.badgeNo}`)),
      );
    assert.equal(entry?.actor, cityAdmin.badgeNo);
    assert.equal(JSON.stringify(entry?.detail).includes('Fresh'), false, 'the password is not in the log');
    assert.equal(
      (
        await admin.post(
          `/staff/${cityAdmin.id}/reset-password`,
          { newPassword: 'Fresh-Start-2026' },
          { formUrl: `/staff/${cityAdmin.id}` },
        )
      ).statusCode,
      403,
    );
  });

  test('home shows administrators the accounts still without an authenticator', async () => {
    const admin = await logIn(zone, cityAdmin);
    const home = await admin.get('/');
    assert.match(home.body, /尚未绑定动态口令的人员账号/);
    assert.match(home.body, /href="\/staff\?totp=pending"/);
    const pending = await admin.get('/staff?totp=pending');
    assert.match(pending.body, /SF1001/);
  });
});
