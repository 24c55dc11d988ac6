import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import type { CaseRecord } from './cases.policy.ts';

// Who may see and act on which case, written out by hand for each kind of person.

const person = (id: string): CurrentCitizen => ({ id, displayName: id, mobile: '13800000000' });
const [applicant, rep, agent, stranger] = ['applicant', 'rep', 'agent', 'stranger'].map(person) as [
  CurrentCitizen,
  CurrentCitizen,
  CurrentCitizen,
  CurrentCitizen,
];

const own: CaseRecord = { citizenId: applicant.id, companyId: null, representatives: [] };
const byAgent: CaseRecord = { citizenId: agent.id, companyId: 'company', representatives: [rep.id] };
const byOtherAgent: CaseRecord = {
  citizenId: 'other-agent',
  companyId: 'company',
  representatives: [rep.id],
};
// A person's own case names no company: being someone's representative elsewhere gives nothing here.
const ownWithStrayList: CaseRecord = { citizenId: applicant.id, companyId: null, representatives: [rep.id] };

const actions = ['cases.view', 'cases.withdraw', 'cases.supplement'];

test('the applicant, and a company’s representative for its cases; nobody else', () => {
  const expected: [CurrentCitizen, CaseRecord, boolean][] = [
    [applicant, own, true],
    [stranger, own, false],
    [rep, own, false],
    [agent, byAgent, true],
    [rep, byAgent, true],
    [rep, byOtherAgent, true],
    [agent, byOtherAgent, false],
    [stranger, byAgent, false],
    [rep, ownWithStrayList, false],
  ];
  for (const action of actions) {
    for (const [who, record, allowed] of expected)
      assert.equal(portalPolicy.can(who, action, record), allowed, `${action} ${who.id} ${record.citizenId}`);
    // Any signed-in person may open 我的办件; nobody signed out may.
    assert.equal(portalPolicy.can(stranger, action), true);
    assert.equal(portalPolicy.can(undefined, action), false);
  }
});
