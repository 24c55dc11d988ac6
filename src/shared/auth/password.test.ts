import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MIN_LENGTH, passwordProblem } from './password.ts';

describe('the password rule', () => {
  test('the first check, dictionaries included, stays fast; later checks are faster still', async () => {
    // Runs first in this file so it measures the lazy load. The bound is generous on purpose (about 0.15 s
    // on a quiet machine): it catches a dictionary rebuilt per call, not a busy machine.
    const started = performance.now();
    assert.equal(await passwordProblem('Kestrel-Meadow-2026', { kind: 'staff' }), undefined);
    const first = performance.now() - started;
    const again = performance.now();
    for (let i = 0; i < 20; i++) await passwordProblem(`Kestrel-Meadow-${i}`, { kind: 'citizen' });
    const each = (performance.now() - again) / 20;
    assert.ok(first < 3000, `first check took ${first.toFixed(0)} ms`);
    assert.ok(each < 200, `a check took ${each.toFixed(0)} ms`);
  });

  test('the minimum length is 10 for citizens and 12 for staff, counted in characters', async () => {
    assert.deepEqual(MIN_LENGTH, { citizen: 10, staff: 12 });
    assert.equal(await passwordProblem('Quiet-Har', { kind: 'citizen' }), 'too-short');
    assert.equal(await passwordProblem('Quiet-Harb', { kind: 'citizen' }), undefined);
    assert.equal(await passwordProblem('Quiet-Harb4', { kind: 'staff' }), 'too-short');
    assert.equal(await passwordProblem('Quiet-Harb42', { kind: 'staff' }), undefined);
    // Nine Chinese characters are nine, not twenty-seven bytes.
    assert.equal(await passwordProblem('春眠不觉晓处处闻啼', { kind: 'citizen' }), 'too-short');
  });

  test('the password that was accepted for a new administrator is refused, and so are its longer cousins', async () => {
    assert.equal(await passwordProblem('password1', { kind: 'staff' }), 'too-short');
    for (const common of ['password1234', 'PASSWORD1234', 'qwertyuiop123', '1qaz2wsx3edc', 'password123'])
      assert.equal(await passwordProblem(common, { kind: 'citizen' }), 'common', common);
  });

  test('no composition rule: a long passphrase of plain words passes, a short mix of all four kinds may not', async () => {
    assert.equal(await passwordProblem('lantern orchard copper kettle', { kind: 'staff' }), undefined);
    assert.equal(await passwordProblem('Password2026', { kind: 'staff' }), 'guessable');
    assert.equal(await passwordProblem('Passw0rd2026!', { kind: 'staff' }), 'guessable');
    assert.equal(await passwordProblem('police123456', { kind: 'staff' }), 'guessable');
    assert.equal(await passwordProblem('aaaaaaaaaaaaaaaa', { kind: 'staff' }), 'guessable');
  });

  test("a password containing the user's own mobile number or login name is refused, in any case", async () => {
    const citizen = { kind: 'citizen', personal: ['13800000001'] } as const;
    assert.equal(await passwordProblem('me-13800000001-x', citizen), 'personal');
    assert.equal(await passwordProblem('Lantern-Orchard-26', citizen), undefined);
    const officer = { kind: 'staff', personal: ['SF7205', null, undefined] } as const;
    assert.equal(await passwordProblem('my-sf7205-Lantern', officer), 'personal');
    assert.equal(await passwordProblem('Lantern-Orchard-26', officer), undefined);
    // Too short an identifier to mean anything is not held against the password.
    assert.equal(await passwordProblem('Lantern-Orchard-26', { kind: 'staff', personal: ['26'] }), undefined);
  });

  test('a very long password is checked in bounded time', async () => {
    const started = performance.now();
    assert.equal(await passwordProblem('Lantern-Orchard-'.repeat(4000), { kind: 'staff' }), undefined);
    assert.ok(performance.now() - started < 3000);
  });
});
