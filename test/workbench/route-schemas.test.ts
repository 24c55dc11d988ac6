import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/workbench/db/schema.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { assertNoSchemaNames } from '../helpers/refusals.ts';
import {
  browser,
  csrf,
  logIn,
  makeOfficer,
  PASSWORD,
  startWorkbench,
  type Officer,
  type Workbench,
} from './support.ts';

// What the route schemas of the staff, sign-in, audit and unit pages refuse at the edge, in both languages,
// and what their JSON answers hold: the presenters' fields, never the rows behind them.

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

async function inEnglish(client: FormClient): Promise<void> {
  await client.get('/prefs/lang?set=en&next=/');
}

describe('refused at the edge, with the form shown again as typed', () => {
  test('an overlong badge number on the new-account form: its words in Chinese and English, no password', async () => {
    const admin = await logIn(zone, cityAdmin);
    const form = {
      badgeNo: 'B'.repeat(21),
      name: '边界',
      unitCode: 'SF-D01',
      password: 'Lantern-Quay-4418',
      role: 'reviewer',
      scope: 'unit',
    };
    const zh = await admin.post('/staff/new', form);
    assert.equal(zh.statusCode, 422);
    assert.match(zh.body, /<a href="#field-badgeNo">警号：过长，最多 20 个字符<\/a>/);
    assert.match(zh.body, /<\/span>过长，最多 20 个字符<\/p>/, 'beside the field, without its name');
    assert.match(zh.body, /value="边界"/, 'what was typed is kept');
    assert.doesNotMatch(zh.body, /Lantern-Quay-4418/, 'but never the password');
    await inEnglish(admin);
    const en = await admin.post('/staff/new', form);
    assert.equal(en.statusCode, 422);
    assert.match(en.body, /<a href="#field-badgeNo">Badge number: too long, at most 20 characters<\/a>/);
  });

  test('an overlong new password on an account page shows the account again', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D02-P02', role: 'window-clerk' });
    const admin = await logIn(zone, cityAdmin);
    const refused = await admin.post(
      `/staff/${officer.id}/reset-password`,
      { newPassword: 'x'.repeat(257) },
      { formUrl: `/staff/${officer.id}` },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /<a href="#field-newPassword">新密码：过长，最多 256 个字符<\/a>/);
    assert.match(refused.body, new RegExp(officer.badgeNo));
  });

  test('an account of another district answers an overlong field as a missing account does', async () => {
    const districtAdmin = await makeOfficer(zone, {
      unitCode: 'SF-D01',
      role: 'administrator',
      scope: 'subtree',
      enrolled: true,
    });
    const foreign = await makeOfficer(zone, { unitCode: 'SF-D02-P01', role: 'window-clerk' });
    const admin = await logIn(zone, districtAdmin);
    const token = csrf((await admin.get('/staff')).body);
    const answer = async (id: string) => {
      const r = await admin.post(
        `/staff/${id}/reset-password`,
        { newPassword: 'x'.repeat(257) },
        { csrf: token },
      );
      return [r.statusCode, r.body.includes(foreign.badgeNo)];
    };
    assert.deepEqual(await answer(foreign.id), [422, false]);
    assert.deepEqual(await answer('00000000-0000-4000-8000-000000000000'), [422, false]);
  });

  test('the sign-in form: an overlong badge number, in Chinese and English', async () => {
    const client = browser(zone.app);
    const zh = await client.post('/staff/login', { badgeNo: 'A'.repeat(21), password: PASSWORD });
    assert.equal(zh.statusCode, 422);
    assert.match(zh.body, /<a href="#field-badgeNo">警号：过长，最多 20 个字符<\/a>/);
    assert.match(zh.body, new RegExp(`value="${'A'.repeat(21)}"`));
    assert.doesNotMatch(zh.body, new RegExp(PASSWORD));
    await inEnglish(client);
    const en = await client.post('/staff/login?next=%2Faudit', {
      badgeNo: 'A'.repeat(21),
      password: PASSWORD,
    });
    assert.equal(en.statusCode, 422);
    assert.match(en.body, /<a href="#field-badgeNo">Badge number: too long, at most 20 characters<\/a>/);
    assert.match(en.body, /action="\/staff\/login\?next=%2Faudit"/, 'the target is kept');
  });

  test('the code step: an overlong code shows the code form again', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D03-P01', role: 'window-clerk', enrolled: true });
    const client = browser(zone.app);
    await client.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD });
    const refused = await client.post('/staff/login/totp', { code: '1'.repeat(17) });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /<a href="#field-code">动态口令：过长，最多 16 个字符<\/a>/);
    assert.match(refused.body, /name="code"/);
  });
});

describe('refusals speak of fields as the page names them', () => {
  test('no refusal on a refused form holds a schema property name, in Chinese or English', async () => {
    const form = {
      badgeNo: 'B'.repeat(21),
      name: '名'.repeat(31),
      unitCode: 'U'.repeat(41),
      mobile: '1'.repeat(21),
      password: 'p'.repeat(257),
      role: 'r'.repeat(33),
      scope: 's'.repeat(17),
    };
    const admin = await logIn(zone, cityAdmin);
    const visitor = browser(zone.app);
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') {
        await inEnglish(admin);
        await inEnglish(visitor);
      }
      const refused = await admin.post('/staff/new', form);
      assert.equal(refused.statusCode, 422);
      assertNoSchemaNames(refused.body, lang, Object.keys(form));
      const login = await visitor.post('/staff/login', { badgeNo: 'A\u202e', password: 'p'.repeat(257) });
      assert.equal(login.statusCode, 422);
      assertNoSchemaNames(login.body, lang, ['badgeNo', 'password']);
    }
  });
});

describe('a path parameter no record can have', () => {
  test('answers not found, as a missing account does, on pages, forms and JSON, after signing in', async () => {
    const visitor = browser(zone.app);
    assert.equal(
      (await visitor.get(`/staff/${'s'.repeat(65)}`)).statusCode,
      303,
      'who is asking comes first',
    );
    const admin = await logIn(zone, cityAdmin);
    const token = csrf((await admin.get('/staff')).body);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [missing, 's'.repeat(65), 'a%00b', 'x'.repeat(300)]) {
      assert.equal((await admin.get(`/staff/${id}`)).statusCode, 404, id);
      const json = await admin.get(`/staff/${id}`, { accept: 'application/json' });
      assert.equal(json.statusCode, 404, id);
      const { error } = json.json() as { error: { code: string; fields: unknown[] } };
      assert.deepEqual([error.code, error.fields], ['NOT_FOUND', []]);
      const button = await admin.post(`/staff/${id}/disable`, {}, { csrf: token });
      assert.equal(button.statusCode, 404, `${id}: a button on no account`);
    }
    // Two parameters: either one that no record can have is enough.
    const assignment = await admin.post(
      `/staff/${missing}/assignments/${'a'.repeat(65)}/remove`,
      {},
      { csrf: token },
    );
    assert.equal(assignment.statusCode, 404);
  });
});

describe('refused at the edge: queries of the list pages', () => {
  test('a page number that is not a whole number, in Chinese, English and JSON', async () => {
    const admin = await logIn(zone, cityAdmin);
    const zh = await admin.get('/staff?page=abc');
    assert.equal(zh.statusCode, 422);
    // No form here to show it beside: the refusal's general words come first.
    assert.match(zh.body, /提交的信息有误，请检查后重试：类型不正确/);
    const json = await admin.get('/staff?page=abc', { accept: 'application/json' });
    assert.equal(json.statusCode, 422);
    assert.deepEqual(
      (json.json() as { error: { code: string; fields: { field: string }[] } }).error.fields.map(
        (f) => f.field,
      ),
      ['page'],
    );
    await inEnglish(admin);
    const notValid = 'Some of the information is not valid';
    assert.match(
      (await admin.get('/staff?page=0')).body,
      new RegExp(`${notValid}: out of the allowed range`),
    );
    assert.match(
      (await admin.get('/staff?page=abc')).body,
      new RegExp(`${notValid}: not the expected kind of value`),
    );
  });

  test('an overlong search or actor, and a malformed date', async () => {
    const admin = await logIn(zone, cityAdmin);
    const search = await admin.get(`/staff?q=${'x'.repeat(51)}`);
    assert.equal(search.statusCode, 422);
    assert.match(search.body, /提交的信息有误，请检查后重试：过长，最多 50 个字符/);
    assert.equal((await admin.get(`/audit?actor=${'x'.repeat(41)}`)).statusCode, 422);
    const date = await admin.get('/audit?from=2026-1-1');
    assert.equal(date.statusCode, 422);
    assert.match(date.body, /提交的信息有误，请检查后重试：格式不正确/);
    assert.equal((await admin.get('/audit?from=&to=&actor=&action=')).statusCode, 200, 'empty filters');
  });
});

describe('JSON from the presenters', () => {
  test('a staff account: what the page shows, with its roles, and no secrets; the read is audited', async () => {
    const officer = await makeOfficer(zone, { unitCode: 'SF-D04-P01', role: 'reviewer', enrolled: true });
    const admin = await logIn(zone, cityAdmin);
    const response = await admin.get(`/staff/${officer.id}`, { accept: 'application/json' });
    assert.equal(response.statusCode, 200);
    const body = response.json() as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), [
      'assignments',
      'badgeNo',
      'createdAt',
      'disabled',
      'disabledAt',
      'failedLogins',
      'id',
      'lockedUntil',
      'mobile',
      'mustEnrolTotp',
      'name',
      'unitCode',
      'unitName',
    ]);
    assert.equal(body.badgeNo, officer.badgeNo);
    assert.match(String(body.createdAt), /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(
      (body.assignments as { role: string; scope: string; unitCode: string }[]).map((a) => [
        a.role,
        a.scope,
        a.unitCode,
      ]),
      [['reviewer', 'unit', 'SF-D04-P01']],
    );
    assert.doesNotMatch(response.body, /argon2|passwordHash|totpSealed|totpLastStep/);
    const views = await zone.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `staff:${officer.badgeNo}`));
    assert.ok(views.some((v) => v.action === 'staff.view' && v.actor === cityAdmin.badgeNo));
  });

  test('the staff list, and an account out of reach answering as a missing one', async () => {
    const districtAdmin = await makeOfficer(zone, {
      unitCode: 'SF-D05',
      role: 'administrator',
      scope: 'subtree',
      enrolled: true,
    });
    const inside = await makeOfficer(zone, { unitCode: 'SF-D05-P01', role: 'window-clerk' });
    const outside = await makeOfficer(zone, { unitCode: 'SF-D06-P01', role: 'window-clerk' });
    const admin = await logIn(zone, districtAdmin);
    const list = await admin.get(`/staff?q=${inside.badgeNo}`, { accept: 'application/json' });
    assert.equal(list.statusCode, 200);
    const { items, total, page, pageCount } = list.json() as {
      items: { badgeNo: string }[];
      total: number;
      page: number;
      pageCount: number;
    };
    assert.deepEqual([items.map((i) => i.badgeNo), total, page, pageCount], [[inside.badgeNo], 1, 1, 1]);
    const foreign = await admin.get(`/staff/${outside.id}`, { accept: 'application/json' });
    const missing = await admin.get('/staff/00000000-0000-4000-8000-000000000000', {
      accept: 'application/json',
    });
    assert.equal(foreign.statusCode, 404);
    assert.deepEqual(
      (foreign.json() as { error: { code: string } }).error.code,
      (missing.json() as { error: { code: string } }).error.code,
    );
  });

  test('the unit directory: every unit with its parent, and one unit with its chain and children', async () => {
    const clerk = await makeOfficer(zone, { unitCode: 'SF-D01-P03', role: 'window-clerk', enrolled: true });
    const client = await logIn(zone, clerk);
    const all = (await client.get('/org', { accept: 'application/json' })).json() as {
      total: number;
      units: { code: string; parentCode: string | null }[];
    };
    assert.equal(all.units.length, all.total);
    assert.equal(all.units[0]?.parentCode, null);
    const one = await client.get('/org/SF-D02', { accept: 'application/json' });
    assert.equal(one.statusCode, 200);
    const view = one.json() as {
      unit: Record<string, unknown>;
      ancestors: { code: string }[];
      children: { parentCode: string }[];
    };
    assert.equal(view.unit.code, 'SF-D02');
    assert.equal(view.unit.kind, 'sub-bureau');
    assert.equal(
      'path' in view.unit || 'sortOrder' in view.unit,
      false,
      'how the tree is stored stays inside',
    );
    assert.deepEqual(
      view.ancestors.map((a) => a.code),
      ['SF-0000', 'SF-D02'],
    );
    assert.ok(view.children.length > 0 && view.children.every((c) => c.parentCode === 'SF-D02'));
    assert.equal((await client.get('/org/SF-NOPE', { accept: 'application/json' })).statusCode, 404);
  });
});
