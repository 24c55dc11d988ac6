import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoCodes } from '../../src/workbench/staff/demo-codes.ts';
import { DEMO_STAFF_PASSWORD, seedWorkbench } from '../../src/workbench/seed.ts';
import { browser, startWorkbench, type Workbench } from './support.ts';

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
  await seedWorkbench(zone.services);
});
after(async () => zone.close());

function codeOf(text: string, badge: string): string | undefined {
  return new RegExp(`^  ${badge}\\s+(\\d{6})$`, 'm').exec(text)?.[1];
}

describe('openpsb demo-codes', () => {
  test('a demo officer enrols and signs in with the printed codes, no authenticator app needed', async () => {
    const before = await demoCodes(zone.services);
    assert.equal(before.ok, true);
    assert.match(before.text, /SF1001\s+\(no authenticator yet/);

    const client = browser(zone.app);
    const step1 = await client.post('/staff/login', { badgeNo: 'SF1001', password: DEMO_STAFF_PASSWORD });
    assert.equal(step1.headers.location, '/staff/totp/enrol');
    assert.equal((await client.get('/staff/totp/enrol')).statusCode, 200);

    const enrolCode = codeOf((await demoCodes(zone.services)).text, 'SF1001');
    assert.ok(enrolCode, 'the code of the secret the enrolment page shows');
    const enrolled = await client.post('/staff/totp/enrol', { code: enrolCode });
    assert.equal(enrolled.statusCode, 303, enrolled.body.slice(0, 300));
    assert.equal((await client.get('/')).statusCode, 200);

    // The next sign-in, one time step later, takes the next printed code.
    zone.advance(30_000);
    const again = browser(zone.app);
    const password = await again.post('/staff/login', { badgeNo: 'SF1001', password: DEMO_STAFF_PASSWORD });
    assert.equal(password.headers.location, '/staff/login/totp');
    const code = codeOf((await demoCodes(zone.services)).text, 'SF1001');
    assert.ok(code);
    assert.equal((await again.post('/staff/login/totp', { code })).statusCode, 303);
  });

  test('outside a demo install it prints no code', async () => {
    const answer = await demoCodes({ ...zone.services, embedded: false });
    assert.equal(answer.ok, false);
    assert.doesNotMatch(answer.text, /\d{6}/);
  });
});
