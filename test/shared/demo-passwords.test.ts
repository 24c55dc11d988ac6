import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_CITIZEN } from '../../src/portal/seed.ts';
import { passwordProblem } from '../../src/shared/auth/password.ts';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../src/workbench/seed.ts';
import { PASSWORD } from '../workbench/support.ts';

// The printed demo logins and the test officers' password must pass the rule a real user meets, or the demo
// would teach people passwords the platform itself refuses.
test('the demo and test passwords satisfy the password rule', async () => {
  assert.equal(
    await passwordProblem(DEMO_CITIZEN.password, { kind: 'citizen', personal: [DEMO_CITIZEN.mobile] }),
    undefined,
  );
  for (const officer of DEMO_STAFF)
    assert.equal(
      await passwordProblem(DEMO_STAFF_PASSWORD, { kind: 'staff', personal: [officer.badgeNo] }),
      undefined,
      officer.badgeNo,
    );
  assert.equal(await passwordProblem(PASSWORD, { kind: 'staff' }), undefined);
});
