import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(async () => zone.close());

test('after a password reset the sign-in page confirms it', async () => {
  const plain = await zone.app.inject({ url: '/login' });
  assert.doesNotMatch(plain.body, /密码已重置/);
  const page = await zone.app.inject({ url: '/login?reset=1' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /class="notification-banner notification-banner--success" role="alert"/);
  assert.match(page.body, /密码已重置，请用新密码登录。/);
  const en = await zone.app.inject({ url: '/login?reset=1&lang=en' });
  assert.match(en.body, /Your password has been reset/);
});

test('an account without a real-name check is called to do it, on the account page and the form', async () => {
  const { client } = await registerCitizen(zone);
  const account = await client.get('/account');
  assert.match(account.body, /请完成实名认证/);
  assert.match(account.body, /href="\/account\/profile#field-realName"/);
  assert.match((await client.get('/account/profile')).body, /即与公安机关人口信息核验/);

  // A saved change is confirmed by a success banner above the title, once.
  const saved = await client.post('/account/profile', {
    displayName: '新称呼',
    realName: '',
    idNumber: '',
    email: '',
    address: '',
  });
  assert.equal(saved.statusCode, 303);
  const after = await client.get('/account');
  const banner = after.body.indexOf('notification-banner--success');
  assert.ok(banner > 0 && banner < after.body.indexOf('<h1'), 'the banner comes before the title');
  assert.match(after.body, /个人信息已保存。/);
  assert.doesNotMatch((await client.get('/account')).body, /个人信息已保存。/);
});

test('the demo SMS sandbox shows local times and words, not ISO stamps and codes', async () => {
  await registerCitizen(zone);
  const page = await zone.app.inject({ url: '/dev/messages' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<td[^>]*>短信<\/td>/);
  assert.match(page.body, /<td[^>]*>(待发送|已发送)<\/td>/);
  assert.match(page.body, /<time datetime="[^"]+Z">\d{4}年\d{1,2}月\d{1,2}日 /);
  assert.doesNotMatch(page.body, />\d{4}-\d\d-\d\dT[^<]*Z</);
});
