import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { FormClient, csrfFrom } from '../helpers/browser-like.ts';
import { freshMobile, lastSmsTo, registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// Attacks on the sign-in doors, each sent the way it worked before: parallel guesses, probing for accounts,
// forged forwarding headers. The route limit per address is raised here so that only the throttle answers.

let zone: TestZone;
let clockOffset = 0;
before(async () => {
  zone = await startTestZone('portal', { env: { AUTH_RATE_LIMIT: '1000' } });
  // A clock that moves only when a test moves it, so the waits announced are exact.
  const start = Date.now();
  zone.services.now = () => new Date(start + clockOffset);
});
after(async () => zone.close());

let nextAddress = 1;
const freshAddress = () => `172.20.${nextAddress >> 8}.${nextAddress++ & 255}`;

const registered = () => registerCitizen(zone, { password: 'Lantern-Quay-4418', displayName: '小李' });

/** One login form post from an address of its own, with its own session and CSRF token. */
async function loginFrom(address: string, mobile: string, password: string): Promise<LightMyRequestResponse> {
  const page = await zone.app.inject({ method: 'GET', url: '/login', remoteAddress: address });
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return zone.app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: address,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfFrom(page.body) ?? '', mobile, password }).toString(),
  });
}

const errorSummary = (body: string) => /<div class="error-summary"[\s\S]*?<\/ul>/.exec(body)?.[0];

describe('password guessing', () => {
  test('twenty wrong passwords at once: five are checked, the rest and then the right one wait (429)', async () => {
    const { mobile, password } = await registered();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => loginFrom(freshAddress(), mobile, 'Wrong1234')),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(15).fill(429)]);
    const right = await loginFrom(freshAddress(), mobile, password);
    assert.equal(right.statusCode, 429, 'the right password waits too, so guessing stops');
    assert.equal(right.headers['retry-after'], '60');
    assert.match(right.body, /操作过于频繁/);
    assert.match(right.body, /href="\/reset-password"/, 'the owner is offered the reset by SMS');
  });

  test('the delay doubles with each further failure and ends by itself', async () => {
    const { mobile, password } = await registered();
    for (let i = 0; i < 5; i++)
      assert.equal((await loginFrom(freshAddress(), mobile, 'Nope12345')).statusCode, 401);
    assert.equal((await loginFrom(freshAddress(), mobile, 'Nope12345')).headers['retry-after'], '60');
    clockOffset += 61_000;
    assert.equal((await loginFrom(freshAddress(), mobile, 'Nope12345')).statusCode, 401);
    const doubled = await loginFrom(freshAddress(), mobile, password);
    assert.equal(doubled.statusCode, 429);
    assert.equal(doubled.headers['retry-after'], '120');
    clockOffset += 121_000;
    assert.equal((await loginFrom(freshAddress(), mobile, password)).statusCode, 303);
    // A completed login clears the number's count.
    assert.equal((await loginFrom(freshAddress(), mobile, 'Nope12345')).statusCode, 401);
  });

  test('an unknown number gets the same answers and the same delays as a real one', async () => {
    const { mobile: real } = await registered();
    const unknown = freshMobile();
    for (const mobile of [real, unknown]) {
      for (let i = 0; i < 5; i++)
        assert.equal((await loginFrom(freshAddress(), mobile, 'Guess1234')).statusCode, 401);
    }
    const [a, b] = [
      await loginFrom(freshAddress(), real, 'x1'),
      await loginFrom(freshAddress(), unknown, 'x1'),
    ];
    assert.equal(a.statusCode, 429);
    assert.equal(b.statusCode, 429);
    assert.equal(a.headers['retry-after'], b.headers['retry-after']);
    assert.equal(errorSummary(a.body), errorSummary(b.body));
  });

  test('the page and the JSON API count against one number together', async () => {
    const { mobile } = await registered();
    for (let i = 0; i < 3; i++)
      assert.equal((await loginFrom(freshAddress(), mobile, 'Wrong1234')).statusCode, 401);
    const api = (remoteAddress: string) =>
      zone.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { mobile, password: 'Wrong1234' },
      });
    assert.equal((await api(freshAddress())).statusCode, 401);
    assert.equal((await api(freshAddress())).statusCode, 401);
    const refused = await api(freshAddress());
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'RATE_LIMITED');
    assert.equal(refused.headers['retry-after'], '60');
  });

  test('one address guessing many numbers is slowed down too', async () => {
    const address = freshAddress();
    for (let i = 0; i < 20; i++)
      assert.equal((await loginFrom(address, freshMobile(), 'Wrong1234')).statusCode, 401);
    const refused = await loginFrom(address, freshMobile(), 'Wrong1234');
    assert.equal(refused.statusCode, 429);
    assert.equal(
      (await loginFrom(freshAddress(), freshMobile(), 'Wrong1234')).statusCode,
      401,
      'others go on',
    );
  });

  test('the owner resets the password by SMS and signs in at once, whatever the guessers did', async () => {
    const { mobile } = await registered();
    await Promise.all(Array.from({ length: 8 }, () => loginFrom(freshAddress(), mobile, 'Wrong1234')));
    clockOffset += 61_000; // one code a minute per number
    const owner = new FormClient(zone.app);
    assert.equal((await owner.post('/reset-password', { mobile })).statusCode, 303);
    const code = /验证码 (\d{6})/.exec(await lastSmsTo(zone, mobile))?.[1] ?? '';
    const reset = await owner.post('/reset-password/new', {
      code,
      password: 'Harbour-Kite-5172',
      confirm: 'Harbour-Kite-5172',
    });
    assert.equal(reset.statusCode, 303);
    assert.equal((await loginFrom(freshAddress(), mobile, 'Harbour-Kite-5172')).statusCode, 303);
  });
});

describe('SMS codes', () => {
  /** Twenty guesses of the reset code at once, from twenty addresses, all in the victim's pending session. */
  async function guessResetCodeInParallel(mobile: string): Promise<{ attacker: FormClient; code: string }> {
    const attacker = new FormClient(zone.app);
    assert.equal((await attacker.post('/reset-password', { mobile })).statusCode, 303);
    const code = /验证码 (\d{6})/.exec(await lastSmsTo(zone, mobile))?.[1] ?? '';
    // Guesses that are surely wrong, so the test never passes or fails by luck.
    const guesses = Array.from({ length: 21 }, (_, i) => String(100000 + i)).filter((g) => g !== code);
    const csrf = csrfFrom((await attacker.get('/reset-password/new')).body) ?? '';
    const answers = await Promise.all(
      guesses.slice(0, 20).map((guess) =>
        zone.app.inject({
          method: 'POST',
          url: '/reset-password/new',
          remoteAddress: freshAddress(),
          headers: { cookie: attacker.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            _csrf: csrf,
            code: guess,
            password: 'Copper-Finch-8830',
            confirm: 'Copper-Finch-8830',
          }).toString(),
        }),
      ),
    );
    assert.ok(answers.every((a) => a.statusCode === 422));
    return { attacker, code };
  }

  test('twenty wrong codes at once use up the code: the right one no longer resets the password', async () => {
    const { mobile, password } = await registered();
    clockOffset += 61_000;
    const { attacker, code } = await guessResetCodeInParallel(mobile);
    const late = await attacker.post('/reset-password/new', {
      code,
      password: 'Copper-Finch-8830',
      confirm: 'Copper-Finch-8830',
    });
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /验证码不正确或已过期/);
    assert.equal(
      (await loginFrom(freshAddress(), mobile, password)).statusCode,
      303,
      'the password is unchanged',
    );
  });
});

describe('probing for accounts', () => {
  test('registration answers alike for a taken and a free number; the holder is told by SMS how to sign in', async () => {
    const { mobile: taken } = await registered();
    clockOffset += 61_000;
    const free = freshMobile();
    const [a, b] = [new FormClient(zone.app), new FormClient(zone.app)];
    const [takenAnswer, freeAnswer] = [
      await a.post('/register', { mobile: taken }),
      await b.post('/register', { mobile: free }),
    ];
    assert.equal(takenAnswer.statusCode, 303);
    assert.equal(freeAnswer.statusCode, 303);
    assert.equal(takenAnswer.headers.location, freeAnswer.headers.location);
    const notice = await lastSmsTo(zone, taken);
    assert.match(notice, /已有账号/);
    assert.match(notice, /忘记密码/);
    assert.doesNotMatch(notice, /\d{6}/, 'the holder gets no code for an account that exists');
    assert.match(await lastSmsTo(zone, free), /验证码 \d{6}/);
    // The next step and the one-a-minute limit behave alike too.
    const details = {
      code: '123456',
      displayName: '探测',
      password: 'Lantern-Quay-4418',
      confirm: 'Lantern-Quay-4418',
    };
    const [x, y] = [await a.post('/register/details', details), await b.post('/register/details', details)];
    assert.equal(x.statusCode, 422);
    assert.equal(y.statusCode, 422);
    assert.equal(errorSummary(x.body), errorSummary(y.body));
    assert.equal((await a.post('/register', { mobile: taken })).statusCode, 429);
    assert.equal((await b.post('/register', { mobile: free })).statusCode, 429);
  });

  test('a password reset answers alike for a number with and without an account, limits included', async () => {
    const { mobile: known } = await registered();
    clockOffset += 61_000;
    const unknown = freshMobile();
    const client = new FormClient(zone.app);
    for (const mobile of [known, unknown])
      assert.equal((await client.post('/reset-password', { mobile })).statusCode, 303);
    for (const mobile of [known, unknown])
      assert.equal((await client.post('/reset-password', { mobile })).statusCode, 429);
  });
});
