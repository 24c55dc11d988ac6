import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { citizens, notifications } from '../../src/portal/db/schema.ts';
import { FormClient, csrfFrom } from '../helpers/browser-like.ts';
import { freshMobile, registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(async () => zone.close());

async function lastCodeFor(mobile: string): Promise<string> {
  await zone.drainJobs();
  const [row] = await zone.services.db
    .select()
    .from(notifications)
    .where(eq(notifications.recipient, mobile))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  const code = /验证码 (\d{6})/.exec(row?.body ?? '')?.[1];
  assert.ok(code, 'an SMS code was sent');
  assert.equal(row?.status, 'sent');
  return code;
}

const registered = (client: FormClient) =>
  registerCitizen(zone, { client, displayName: '小王', password: 'Quiet-Harbour-42' });

describe('citizen registration and login', () => {
  test('a citizen registers with an SMS code and lands on the account page', async () => {
    const client = new FormClient(zone.app);
    const { mobile } = await registered(client);
    const account = await client.get('/account');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /小王/);
    assert.match(account.body, new RegExp(mobile.slice(0, 3) + '\\*\\*\\*\\*' + mobile.slice(7)));
    const [row] = await zone.services.db.select().from(citizens).where(eq(citizens.mobile, mobile));
    assert.ok(row && row.passwordHash.startsWith('$argon2id$'));
  });

  test('a wrong code keeps what was typed and says what is wrong (422)', async () => {
    const client = new FormClient(zone.app);
    const mobile = freshMobile();
    await client.post('/register', { mobile });
    const response = await client.post('/register/details', {
      code: '000000',
      displayName: '保留我',
      password: 'Quiet-Harbour-42',
      confirm: 'Quiet-Harbour-42',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /验证码不正确或已过期/);
    assert.match(response.body, /value="保留我"/);
    assert.match(response.body, /class="error-summary"/);
  });

  test('every problem of the form is listed at once, in English when asked', async () => {
    const client = new FormClient(zone.app);
    await client.get('/prefs/lang?set=en&next=/register');
    await client.post('/register', { mobile: freshMobile() });
    const response = await client.post('/register/details', {
      code: '',
      displayName: '',
      password: 'short',
      confirm: 'x',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Enter the code sent by SMS/);
    assert.match(response.body, /Enter a display name/);
    assert.match(response.body, /at least 10 characters/);
  });

  test('a short, common, guessable or personal password is refused with the reason, and nothing else is lost', async () => {
    const client = new FormClient(zone.app);
    const mobile = freshMobile();
    await client.post('/register', { mobile });
    for (const [password, message] of [
      ['Demo@2026', '密码至少10位'],
      ['password123', '这是最常被使用和泄露的密码之一'],
      ['aaaaaaaaaaaa', '密码由常见词语、日期、键盘上相邻的键或重复字符组成'],
      [`me${mobile}`, '密码不能包含您的手机号码'],
    ] as const) {
      const response = await client.post('/register/details', {
        code: '000000',
        displayName: '保留我',
        password,
        confirm: password,
      });
      assert.equal(response.statusCode, 422, password);
      assert.match(response.body, new RegExp(message), password);
      assert.match(response.body, /value="保留我"/);
    }
    await client.get('/prefs/lang?set=en&next=/register/details');
    const english = await client.post('/register/details', {
      code: '000000',
      displayName: 'keep',
      password: `me${mobile}`,
      confirm: `me${mobile}`,
    });
    assert.match(english.body, /must not contain your mobile number/);
  });

  test('an invalid mobile number is refused with a specific message', async () => {
    const client = new FormClient(zone.app);
    const response = await client.post('/register', { mobile: '12345' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /请输入正确的11位手机号码/);
    assert.match(response.body, /value="12345"/);
  });

  test('a second code within a minute is refused (429)', async () => {
    const client = new FormClient(zone.app);
    const mobile = freshMobile();
    assert.equal((await client.post('/register', { mobile })).statusCode, 303);
    const again = await client.post('/register', { mobile });
    assert.equal(again.statusCode, 429);
  });

  test('login, and a wrong password says only that number or password is wrong', async () => {
    const client = new FormClient(zone.app);
    const { mobile, password } = await registered(client);
    await client.post('/logout', {}, { formUrl: '/account' });
    const ok = await client.post('/login', { mobile, password });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/account');
    // Repeated failures slow down further attempts (test/portal/login-throttle.test.ts).
    const wrong = await new FormClient(zone.app).post('/login', { mobile, password: 'Wrong1234' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /手机号或密码不正确/);
    assert.match(wrong.body, /value="\d{11}"/, 'the number typed is kept');
  });

  test('an unknown number gets the same answer as a wrong password', async () => {
    const client = new FormClient(zone.app);
    const response = await client.post('/login', { mobile: '13700000000', password: 'Whatever1' });
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /手机号或密码不正确/);
  });

  test('password reset by SMS code ends every other session', async () => {
    const first = new FormClient(zone.app);
    const { mobile } = await registered(first);
    const second = new FormClient(zone.app);
    // One code a minute per number: step past the registration code.
    const realNow = zone.services.now;
    zone.services.now = () => new Date(Date.now() + 61_000);
    let reset;
    try {
      assert.equal((await second.post('/reset-password', { mobile })).statusCode, 303);
      const code = await lastCodeFor(mobile);
      reset = await second.post('/reset-password/new', {
        code,
        password: 'Lantern-Orchard-26',
        confirm: 'Lantern-Orchard-26',
      });
    } finally {
      zone.services.now = realNow;
    }
    assert.equal(reset.statusCode, 303);
    const revoked = await first.get('/account');
    assert.equal(revoked.statusCode, 303, 'the old session no longer works');
    assert.equal((await second.post('/login', { mobile, password: 'Lantern-Orchard-26' })).statusCode, 303);
  });
});

describe('profile', () => {
  test('the profile validates the ID number and stores it sealed and masked', async () => {
    const client = new FormClient(zone.app);
    const { mobile } = await registered(client);
    const bad = await client.post('/account/profile', {
      displayName: '小王',
      realName: '王小明',
      idNumber: '110105194912310021',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /校验位不正确/);
    assert.match(bad.body, /value="110105194912310021"/);
    const good = await client.post('/account/profile', {
      displayName: '小王',
      realName: '王小明',
      idNumber: '11010519491231002x',
    });
    assert.equal(good.statusCode, 303);
    const [row] = await zone.services.db.select().from(citizens).where(eq(citizens.mobile, mobile));
    assert.equal(row?.idNumberMasked, '110***********002X');
    assert.ok(row?.idNumberSealed && !row.idNumberSealed.includes('19491231'));
    assert.equal(zone.services.sealer.open(row.idNumberSealed), '11010519491231002X');
    const page = await client.get('/account');
    assert.match(page.body, /110\*{11}002X/);
    assert.doesNotMatch(page.body, /11010519491231002X/);
  });
});

describe('access and security', () => {
  const protectedPages = [
    '/account',
    '/account/profile',
    '/account/companies/new',
    '/account/companies/00000000-0000-0000-0000-000000000000',
  ];

  for (const url of protectedPages) {
    test(`GET ${url} sends a visitor to the login page`, async () => {
      const response = await zone.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 303);
      assert.match(String(response.headers.location), /^\/login\?next=/);
    });
  }

  test('the JSON API answers 401 when not signed in', async () => {
    const response = await zone.app.inject({ method: 'GET', url: '/api/v1/me' });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error.code, 'UNAUTHENTICATED');
  });

  test('a POST without the CSRF token is refused with 403', async () => {
    const client = new FormClient(zone.app);
    await client.get('/login');
    const response = await client.post('/login', { mobile: '13800000001', password: 'x' }, { csrf: null });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /页面已过期/);
  });

  test('hostile input is escaped on the page', async () => {
    const client = new FormClient(zone.app);
    const response = await client.post('/register', { mobile: '"><script>alert(1)</script>' });
    assert.equal(response.statusCode, 422);
    assert.doesNotMatch(response.body, /<script>alert/);
    assert.match(response.body, /&lt;script&gt;/);
  });

  test('the language and elder switches only redirect within the site', async () => {
    const response = await zone.app.inject({ method: 'GET', url: '/prefs/elder?set=1&next=//evil.example/' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/');
  });

  test('unknown pages get a 404 page in the chosen language', async () => {
    const response = await zone.app.inject({ method: 'GET', url: '/nope?lang=en' });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /text\/html; charset=utf-8/);
    assert.match(response.body, /not found/);
  });

  test('the API logs in and reports validation problems as JSON', async () => {
    const client = new FormClient(zone.app);
    const bad = await client.json('POST', '/api/v1/auth/sms-codes', { mobile: '123', purpose: 'register' });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.fields[0].field, 'mobile');
    const csrf = csrfFrom((await client.get('/login')).body);
    const login = await client.json(
      'POST',
      '/api/v1/auth/login',
      { mobile: '13800000009', password: 'nope' },
      csrf,
    );
    assert.equal(login.statusCode, 401);
  });

  test('the OpenAPI document is served', async () => {
    const response = await zone.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(response.statusCode, 200);
    const doc = response.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/auth/login']);
  });
});
