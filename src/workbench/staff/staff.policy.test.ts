import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role, Scope } from '../db/schema.ts';
import type { CurrentStaff } from '../session.ts';
import { roles } from './roles.ts';
import {
  allows,
  holdsAnywhere,
  mayGrant,
  mayManage,
  permissions,
  reachOf,
  type Permission,
} from './staff.policy.ts';

// The expectations are written out by hand below (not derived from the policy), and the test walks every
// role × scope × target relation × permission against them.

const HOME = 'SF-0000/SF-D01/SF-D01-P01';
const targets = {
  same: HOME,
  child: `${HOME}/SF-D01-P01-C01`,
  grandchild: `${HOME}/SF-D01-P01-C01/X`,
  parent: 'SF-0000/SF-D01',
  root: 'SF-0000',
  sibling: 'SF-0000/SF-D01/SF-D01-P02',
  otherBranch: 'SF-0000/SF-D02/SF-D02-P01',
  // Shares the text prefix but is not below: the classic materialised-path mistake.
  lookalike: `${HOME}0`,
} as const;
type Relation = keyof typeof targets;
const relations = Object.keys(targets) as Relation[];
const scopes: Scope[] = ['unit', 'subtree', 'all'];

const reachable: Record<Scope, readonly Relation[]> = {
  unit: ['same'],
  subtree: ['same', 'child', 'grandchild'],
  all: relations,
};

const holders: Record<Permission, readonly Role[] | 'everyone'> = {
  'org.read': 'everyone',
  'org.manage': ['administrator'],
  'staff.read': ['administrator', 'auditor'],
  'staff.manage': ['administrator'],
  'audit.read': ['administrator', 'auditor'],
  'catalog.edit': ['content-editor'],
  'catalog.publish': ['approver', 'administrator'],
  'content.edit': ['content-editor'],
  'content.publish': ['approver', 'administrator'],
  'cases.read': ['window-clerk', 'reviewer', 'approver', 'supervisor'],
  'cases.accept': ['window-clerk'],
  'cases.review': ['reviewer'],
  'cases.approve': ['approver'],
  'cases.decide': ['approver'],
  'cases.assign': ['supervisor'],
  'appointments.manage': ['supervisor'],
  'appointments.attend': ['window-clerk', 'supervisor'],
  'supervision.read': ['supervisor', 'approver'],
  'supervision.urge': ['supervisor'],
  'supervision.answer': ['window-clerk', 'reviewer', 'approver', 'supervisor'],
  'supervision.inspect': ['discipline-inspector'],
  'letters.read': ['letter-handler', 'supervisor', 'discipline-inspector'],
  'letters.handle': ['letter-handler'],
  'statistics.read': ['supervisor', 'approver'],
  'ratings.read': ['supervisor', 'approver', 'discipline-inspector'],
  'ratings.rectify': ['supervisor'],
  'ratings.sample': ['approver'],
  'finance.read': ['finance-officer', 'approver'],
  'finance.resolve': ['finance-officer'],
  'kb.read': ['letter-handler', 'content-editor', 'approver', 'supervisor', 'network-spokesperson'],
  'kb.edit': ['letter-handler', 'content-editor'],
  'kb.review': ['approver'],
  'qa.publish': ['network-spokesperson'],
  'ratings.set_aside': ['supervisor'],
  'ratings.review_set_aside': ['approver'],
  'ratings.record_window': ['window-clerk'],
  'traffic.read': ['traffic-officer'],
  'questionnaires.manage': ['supervisor'],
  'questionnaires.read': ['supervisor', 'approver'],
};

function officer(assignments: { role: Role; scope: Scope; unitPath?: string }[]): CurrentStaff {
  return {
    id: 'x',
    badgeNo: 'T1',
    name: '测试',
    unitCode: 'SF-D01-P01',
    assignments: assignments.map((a) => ({
      role: a.role,
      scope: a.scope,
      unitPath: a.unitPath ?? HOME,
      unitCode: (a.unitPath ?? HOME).split('/').pop()!,
    })),
  };
}

describe('staff policy: the permission matrix', () => {
  test('covers every permission in the policy', () => {
    assert.deepEqual([...permissions].sort(), Object.keys(holders).sort());
  });

  let cases = 0;
  for (const role of roles) {
    for (const scope of scopes) {
      test(`${role} with scope ${scope}`, () => {
        const me = officer([{ role, scope }]);
        for (const permission of permissions) {
          const h = holders[permission];
          const roleHas = h === 'everyone' || h.includes(role);
          assert.equal(holdsAnywhere(me, permission), roleHas, `${permission} anywhere`);
          for (const relation of relations) {
            const expected = h === 'everyone' || (roleHas && reachable[scope].includes(relation));
            assert.equal(
              allows(me, permission, targets[relation]),
              expected,
              `${role}/${scope} ${permission} on ${relation}`,
            );
            cases++;
          }
        }
      });
    }
  }

  test('the generated matrix is complete', () => {
    assert.equal(cases, roles.length * scopes.length * permissions.length * relations.length);
  });

  test('an officer with no role may only read the organisation', () => {
    const me = officer([]);
    for (const permission of permissions) {
      for (const relation of relations)
        assert.equal(allows(me, permission, targets[relation]), permission === 'org.read');
    }
  });

  test('several assignments add up, each within its own jurisdiction', () => {
    const me = officer([
      { role: 'window-clerk', scope: 'all' },
      { role: 'administrator', scope: 'subtree', unitPath: 'SF-0000/SF-D02' },
    ]);
    assert.equal(allows(me, 'staff.manage', targets.otherBranch), true);
    assert.equal(
      allows(me, 'staff.manage', targets.same),
      false,
      'the city-wide clerk role does not lend its reach',
    );
    assert.deepEqual(reachOf(me, 'staff.manage'), { all: false, exact: [], subtrees: ['SF-0000/SF-D02'] });
    assert.deepEqual(reachOf(me, 'org.read'), { all: true });
  });
});

describe('staff policy: granting jurisdiction', () => {
  // Whether an administrator with `held` scope at HOME may grant `granted` scope at the target.
  const grantable: Record<Scope, Record<Scope, readonly Relation[]>> = {
    all: { unit: relations, subtree: relations, all: relations },
    subtree: { unit: ['same', 'child', 'grandchild'], subtree: ['same', 'child', 'grandchild'], all: [] },
    unit: { unit: ['same'], subtree: [], all: [] },
  };

  for (const held of scopes) {
    test(`an administrator with scope ${held}`, () => {
      const me = officer([{ role: 'administrator', scope: held }]);
      for (const granted of scopes) {
        for (const relation of relations) {
          const expected = grantable[held][granted].includes(relation);
          assert.equal(
            mayGrant(me, { scope: granted, unitPath: targets[relation] }),
            expected,
            `${held} grants ${granted} at ${relation}`,
          );
        }
      }
    });
  }

  test('no other role may grant anything', () => {
    for (const role of roles.filter((r) => r !== 'administrator')) {
      assert.equal(
        mayGrant(officer([{ role, scope: 'all' }]), { scope: 'unit', unitPath: HOME }),
        false,
        role,
      );
    }
  });

  test('managing an account needs reach over its unit and over everything it holds', () => {
    const me = officer([{ role: 'administrator', scope: 'subtree', unitPath: 'SF-0000/SF-D01' }]);
    assert.equal(mayManage(me, { unitPath: HOME, assignments: [{ scope: 'unit', unitPath: HOME }] }), true);
    assert.equal(mayManage(me, { unitPath: HOME, assignments: [{ scope: 'all', unitPath: HOME }] }), false);
    assert.equal(
      mayManage(me, { unitPath: HOME, assignments: [{ scope: 'unit', unitPath: targets.otherBranch }] }),
      false,
    );
    assert.equal(mayManage(me, { unitPath: targets.otherBranch, assignments: [] }), false);
  });
});
