import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import type { CompanyRecord } from './companies.policy.ts';

// Who may see and act on which company, claim and invitation, written out by hand for each kind of person.

const person = (id: string, mobile = `1380000000${id.length}`): CurrentCitizen => ({
  id,
  displayName: id,
  mobile,
});
const rep = person('rep');
const agent = person('agent');
const claimant = person('claimant');
const stranger = person('stranger');

const active: CompanyRecord = {
  status: 'active',
  createdBy: rep.id,
  members: [
    { citizenId: rep.id, role: 'legal-representative' },
    { citizenId: agent.id, role: 'agent' },
  ],
};
const pending: CompanyRecord = { status: 'pending', createdBy: claimant.id, members: [] };
const refused: CompanyRecord = { status: 'refused', createdBy: claimant.id, members: [] };
// A claim that never became active gives nobody a place in it, even one recorded by mistake.
const refusedWithMember: CompanyRecord = {
  status: 'refused',
  createdBy: claimant.id,
  members: [{ citizenId: agent.id, role: 'agent' }],
};

const can = (who: CurrentCitizen, action: string, record: unknown) => portalPolicy.can(who, action, record);

describe('company policy', () => {
  test('every citizen may open the company pages and claim; nobody signed out may', () => {
    for (const action of ['company.claim', 'company.view', 'company.manage', 'company.leave']) {
      assert.equal(portalPolicy.can(stranger, action), true, action);
      assert.equal(portalPolicy.can(undefined, action), false, action);
    }
  });

  test('an active company is seen by the people who act for it, and only them', () => {
    assert.equal(can(rep, 'company.view', active), true);
    assert.equal(can(agent, 'company.view', active), true);
    assert.equal(can(stranger, 'company.view', active), false);
    assert.equal(can(claimant, 'company.view', active), false);
  });

  test('a pending or refused claim is seen by its claimant only', () => {
    for (const claim of [pending, refused]) {
      assert.equal(can(claimant, 'company.view', claim), true, claim.status);
      assert.equal(can(stranger, 'company.view', claim), false, claim.status);
      assert.equal(can(rep, 'company.view', claim), false, claim.status);
    }
    assert.equal(can(agent, 'company.view', refusedWithMember), false);
  });

  test('only the legal representative manages agents; anyone acting for the company may leave it', () => {
    assert.equal(can(rep, 'company.manage', active), true);
    assert.equal(can(agent, 'company.manage', active), false);
    assert.equal(can(stranger, 'company.manage', active), false);
    assert.equal(can(claimant, 'company.manage', pending), false, 'a claim is nothing to manage');
    assert.equal(can(rep, 'company.leave', active), true);
    assert.equal(can(agent, 'company.leave', active), true);
    assert.equal(can(stranger, 'company.leave', active), false);
    assert.equal(can(agent, 'company.leave', refusedWithMember), false);
  });

  test('an invitation is answered only by the holder of the number it was sent to', () => {
    const invited = person('invited', '13900000001');
    assert.equal(can(invited, 'company.answerInvitation', { mobile: '13900000001' }), true);
    assert.equal(can(stranger, 'company.answerInvitation', { mobile: '13900000001' }), false);
    assert.equal(can(rep, 'company.answerInvitation', { mobile: '13900000001' }), false);
  });
});
