import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { flashSigner } from '../../src/shared/http/flash.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// The one-time message after a form travels in a cookie signed with its own key: shown once on the page the
// redirect leads to, then cleared; a cookie anyone else made shows nothing.

let zone: TestZone;
let me: RegisteredCitizen;
before(async () => {
  zone = await startTestZone('portal');
  me = await registerCitizen(zone);
});
after(() => zone.close());

describe('the flash cookie', () => {
  test('opens only what its own key sealed', () => {
    const signer = flashSigner('key-one');
    const sealed = signer.seal('信件已提交。a.b');
    assert.equal(signer.open(sealed), '信件已提交。a.b');
    assert.equal(signer.open(sealed.replace('信件', '伪造')), undefined, 'changed text');
    assert.equal(flashSigner('key-two').open(sealed), undefined, 'another key');
    for (const bad of ['', '.', 'no-signature', `${sealed}x`]) assert.equal(signer.open(bad), undefined, bad);
  });

  test('shown once after the redirect, then cleared; a forged one shows nothing', async () => {
    const done = await me.client.post('/interaction/write/consultation', {
      topic: 'household',
      subject: '身份证补办需要什么材料',
      body: '我的身份证丢了，想问补办需要带哪些材料。',
      publish: 'no',
    });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    assert.ok(
      done.cookies.some((c) => c.name === 'psb_flash' && c.value),
      'the flash is set',
    );
    const next = String(done.headers.location);
    const shown = await me.client.get(next);
    assert.ok(shown.body.includes('信件已提交。'), 'shown on the page the redirect leads to');
    assert.ok(
      shown.cookies.some((c) => c.name === 'psb_flash' && c.value === ''),
      'and cleared',
    );
    assert.ok(!(await me.client.get(next)).body.includes('信件已提交。'), 'once');

    const forged = await me.client.get(next, {
      cookie: `${me.client.cookieHeader()}; psb_flash=${encodeURIComponent('伪造的提示.c2lnbmF0dXJl')}`,
    });
    assert.equal(forged.statusCode, 200);
    assert.ok(!forged.body.includes('伪造的提示'));
  });
});
