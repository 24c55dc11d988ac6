import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { citizens, smsCodes } from '../../src/portal/db/schema.ts';
import { portalPolicy } from '../../src/portal/policy.ts';
import { PUBLIC } from '../../src/shared/policy/registry.ts';
import { FormClient, csrfFrom } from '../helpers/browser-like.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { assertNoSchemaNames } from '../helpers/refusals.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// Every portal route names its permission and declares its input; what the schemas refuse comes back on the
// form with what was typed (422), in the visitor's language, before any service sees it.

let zone: TestZone;
let citizen: RegisteredCitizen;
before(async () => {
  zone = await startTestZone('portal');
  citizen = await registerCitizen(zone, { displayName: '小表' });
});
after(async () => zone.close());

const english = async () => {
  const client = new FormClient(zone.app);
  await client.get('/prefs/lang?set=en&next=/');
  return client;
};

/** A form post with one field sent twice, which no form of the portal does: the field is then not a text. */
async function postTwice(client: FormClient, url: string, field: string, rest: Record<string, string>) {
  const csrf = csrfFrom((await client.get(url)).body) ?? '';
  const payload = `${new URLSearchParams({ _csrf: csrf, ...rest })}&${field}=1&${field}=2`;
  return zone.app.inject({
    method: 'POST',
    url,
    remoteAddress: client.remoteAddress,
    payload,
    headers: { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('permissions', () => {
  test('every portal route declares the permission it needs', () => {
    const routes = zone.app.routeList;
    assert.ok(routes.length > 30, 'the route list was read');
    assert.deepEqual(
      routes.filter((route) => route.permission !== PUBLIC && !portalPolicy.has(route.permission)),
      [],
    );
    const permissionOf = (method: string, url: string) =>
      routes.find((route) => route.method === method && route.url === url)?.permission;
    assert.equal(permissionOf('GET', '/services/items/:id'), 'public');
    assert.equal(permissionOf('POST', '/login'), 'public');
    assert.equal(permissionOf('GET', '/account'), 'account.use');
    assert.equal(permissionOf('POST', '/session/keepalive'), 'account.use');
    assert.equal(permissionOf('POST', '/account/companies/:id/invitations'), 'company.manage');
    assert.equal(permissionOf('POST', '/account/invitations/:id/accept'), 'company.answerInvitation');
  });

  test('the timeout warning keeps a signed-in session alive; a visitor without one gets 401', async () => {
    const token = csrfFrom((await citizen.client.get('/account')).body);
    const kept = await citizen.client.json('POST', '/session/keepalive', undefined, token);
    assert.equal(kept.statusCode, 200);
    assert.deepEqual(kept.json(), { remainingMs: zone.services.sessionIdleMs });
    const visitor = new FormClient(zone.app);
    const visitorToken = csrfFrom((await visitor.get('/login')).body);
    const refused = await visitor.json('POST', '/session/keepalive', undefined, visitorToken);
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().error.code, 'UNAUTHENTICATED');
  });
});

describe('schema refusals on forms', () => {
  test('an overlong field comes back on its form with what was typed, in Chinese and in English', async () => {
    const long = '1'.repeat(21);
    const zh = await new FormClient(zone.app).post('/register', { mobile: long });
    assert.equal(zh.statusCode, 422);
    assert.match(zh.body, /class="error-summary"/);
    // The summary names the field by its label; beside the field, the words need no name.
    assert.match(zh.body, /<a href="#field-mobile">手机号码：过长，最多 20 个字符<\/a>/);
    assert.match(zh.body, /id="field-mobile-error">[^]*?<\/span>过长，最多 20 个字符<\/p>/);
    assert.match(zh.body, new RegExp(`value="${long}"`));
    const en = await (await english()).post('/register', { mobile: long });
    assert.equal(en.statusCode, 422);
    assert.match(en.body, /<a href="#field-mobile">Mobile number: too long, at most 20 characters<\/a>/);
    assert.match(en.body, /<\/span>Too long, at most 20 characters<\/p>/);
  });

  test('the profile keeps everything typed when one field is too long, and saves nothing', async () => {
    const refused = await citizen.client.post('/account/profile', {
      displayName: '名'.repeat(21),
      realName: '王小明',
      address: '示范市滨湖路1号',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /<a href="#field-displayName">称呼：过长，最多 20 个字符<\/a>/);
    assert.match(refused.body, /value="王小明"/);
    assert.match(refused.body, /value="示范市滨湖路1号"/);
    const [row] = await zone.services.db.select().from(citizens).where(eq(citizens.id, citizen.id));
    assert.equal(row?.displayName, '小表');
    assert.equal(row?.address, null);
  });

  test('a field that is not a text is refused on the form, in Chinese and in English', async () => {
    const zh = await postTwice(new FormClient(zone.app), '/login', 'mobile', { password: 'Whatever-1234' });
    assert.equal(zh.statusCode, 422);
    assert.match(zh.body, /<a href="#field-mobile">手机号码：类型不正确<\/a>/);
    assert.match(zh.body, /<form[^>]*action="\/login/, 'the login form is shown again');
    const en = await postTwice(await english(), '/login', 'mobile', { password: 'Whatever-1234' });
    assert.equal(en.statusCode, 422);
    assert.match(en.body, /<a href="#field-mobile">Mobile number: not the expected kind of value<\/a>/);
  });

  test('fields a form does not have are dropped, not stored', async () => {
    const saved = await citizen.client.post('/account/profile', {
      displayName: '小表',
      realNameStatus: 'verified',
      mobile: '13900000000',
    });
    assert.equal(saved.statusCode, 303);
    const [row] = await zone.services.db.select().from(citizens).where(eq(citizens.id, citizen.id));
    assert.equal(row?.realNameStatus, 'none');
    assert.equal(row?.mobile, citizen.mobile);
  });
});

describe('refusals speak of fields as the page names them', () => {
  test('no refusal on a refused form holds a schema property name, in Chinese or English', async () => {
    const profile = {
      displayName: '名'.repeat(21),
      realName: '王'.repeat(31),
      idNumber: '1'.repeat(21),
      email: `${'e'.repeat(250)}@example.cn`,
      address: '滨湖路\u0000一号',
    };
    const english = await registerCitizen(zone, { displayName: '小英' });
    await english.client.get('/prefs/lang?set=en&next=/');
    for (const [lang, client] of [
      ['zh', citizen.client],
      ['en', english.client],
    ] as const) {
      const refused = await client.post('/account/profile', profile);
      assert.equal(refused.statusCode, 422);
      assertNoSchemaNames(refused.body, lang, Object.keys(profile));
      const visitor = new FormClient(zone.app);
      if (lang === 'en') await visitor.get('/prefs/lang?set=en&next=/');
      const register = await visitor.post('/register', { mobile: '1'.repeat(21) });
      assertNoSchemaNames(register.body, lang, ['mobile']);
      const login = await postTwice(visitor, '/login', 'mobile', { password: 'p'.repeat(201) });
      assert.equal(login.statusCode, 422);
      assertNoSchemaNames(login.body, lang, ['mobile', 'password']);
    }
  });
});

describe('a path parameter no record can have', () => {
  test('answers not found, as a missing record does, on pages, forms and JSON, after signing in', async () => {
    const visitor = new FormClient(zone.app);
    const signIn = await visitor.get(`/account/companies/${'c'.repeat(37)}`);
    assert.equal(signIn.statusCode, 303, 'who is asking comes first');
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [missing, 'c'.repeat(37), 'not-a-uuid', 'a%00b', 'x'.repeat(300)]) {
      const page = await citizen.client.get(`/account/companies/${id}`);
      assert.equal(page.statusCode, 404, id);
      const json = await citizen.client.get(`/account/companies/${id}`, { accept: 'application/json' });
      assert.equal(json.statusCode, 404, id);
      assert.equal(json.json().error.code, 'NOT_FOUND');
      assert.deepEqual(json.json().error.fields, []);
      // A form about an id the schema takes is shown again, or refused as for a missing company (422 both).
      if (id === missing || id === 'not-a-uuid') continue;
      const form = await citizen.client.post(
        `/account/companies/${id}/invitations`,
        { mobile: '1'.repeat(21) },
        { formUrl: '/account' },
      );
      assert.equal(form.statusCode, 404, `${id}: no form is shown again for no company`);
    }
  });
});

describe('schema refusals in the API', () => {
  test('an overlong or mistyped field is refused with 422 in the API shape, in Chinese and in English', async () => {
    // Each from an address of its own: code requests are limited per address, refused ones too.
    const client = () => new FormClient(zone.app);
    const refusals: [object, { field: string; zh: string; en: string }][] = [
      [
        { mobile: '1'.repeat(21), purpose: 'register' },
        { field: 'mobile', zh: '过长，最多 20 个字符', en: 'Too long, at most 20 characters' },
      ],
      [
        { mobile: ['13800000001', '13800000002'], purpose: 'register' },
        { field: 'mobile', zh: '类型不正确', en: 'Not the expected kind of value' },
      ],
      [
        { mobile: '13800000001', purpose: 'take-over' },
        { field: 'purpose', zh: '不是允许的选项', en: 'Not one of the allowed values' },
      ],
    ];
    for (const [body, expected] of refusals) {
      const zh = await client().json('POST', '/api/v1/auth/sms-codes', body);
      assert.equal(zh.statusCode, 422, JSON.stringify(body));
      assert.equal(zh.json().error.code, 'VALIDATION');
      assert.equal(zh.json().error.message, '提交的信息有误，请检查后重试');
      assert.deepEqual(zh.json().error.fields[0], { field: expected.field, message: expected.zh });
      const en = await client().json('POST', '/api/v1/auth/sms-codes?lang=en', body);
      assert.equal(en.statusCode, 422);
      assert.equal(en.json().error.message, 'Some of the information is not valid');
      assert.deepEqual(en.json().error.fields[0], { field: expected.field, message: expected.en });
    }
    const codes = await zone.services.db.select().from(smsCodes).where(eq(smsCodes.mobile, '13800000001'));
    assert.deepEqual(codes, [], 'no code was sent');
  });
});
