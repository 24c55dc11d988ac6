import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role, Scope } from './db/schema.ts';
import { workbenchPolicy } from './policy.ts';
import type { CurrentStaff } from './session.ts';
import { roles } from './staff/roles.ts';

// The record-level rules of the workbench's registry: what a handler asks before it shows or changes one
// record. The expectations are written out by hand.

const TOP = 'SF-0000';
const D01 = 'SF-0000/SF-D01';
const STATION = 'SF-0000/SF-D01/SF-D01-P01';
const ELSEWHERE = 'SF-0000/SF-D02/SF-D02-P01';

function officer(assignments: { role: Role; scope: Scope; unitPath: string }[]): CurrentStaff {
  return {
    id: 'x',
    badgeNo: 'T1',
    name: '测试',
    unitCode: 'SF-D01-P01',
    assignments: assignments.map((a) => ({ ...a, unitCode: a.unitPath.split('/').pop()! })),
  };
}

describe('staff accounts', () => {
  const districtAdmin = officer([{ role: 'administrator', scope: 'subtree', unitPath: D01 }]);

  test('an account is seen within reach of its unit, and answers as missing elsewhere', () => {
    assert.equal(workbenchPolicy.can(districtAdmin, 'staff.read', { unitPath: STATION }), true);
    assert.equal(workbenchPolicy.can(districtAdmin, 'staff.read', { unitPath: ELSEWHERE }), false);
  });

  test('changing one needs reach over its unit and over every jurisdiction it holds', () => {
    const local = { unitPath: STATION, assignments: [{ scope: 'unit' as const, unitPath: STATION }] };
    const cityWide = { unitPath: STATION, assignments: [{ scope: 'all' as const, unitPath: TOP }] };
    assert.equal(workbenchPolicy.can(districtAdmin, 'staff.manage'), true);
    assert.equal(workbenchPolicy.can(districtAdmin, 'staff.manage', local), true);
    assert.equal(workbenchPolicy.can(districtAdmin, 'staff.manage', cityWide), false);
    assert.equal(workbenchPolicy.can(districtAdmin, 'staff.read', cityWide), true, 'but he may see it');
    const auditor = officer([{ role: 'auditor', scope: 'all', unitPath: TOP }]);
    assert.equal(workbenchPolicy.can(auditor, 'staff.manage'), false);
    assert.equal(workbenchPolicy.can(auditor, 'staff.manage', local), false);
  });
});

describe('audit entries', () => {
  test('an entry is read within reach of its writer’s unit; one that names no unit needs reach over all', () => {
    const district = officer([{ role: 'auditor', scope: 'subtree', unitPath: D01 }]);
    const everywhere = officer([{ role: 'auditor', scope: 'all', unitPath: TOP }]);
    assert.equal(workbenchPolicy.can(district, 'audit.read', { unitPath: STATION }), true);
    assert.equal(workbenchPolicy.can(district, 'audit.read', { unitPath: ELSEWHERE }), false);
    assert.equal(workbenchPolicy.can(district, 'audit.read', { unitPath: null }), false);
    assert.equal(workbenchPolicy.can(everywhere, 'audit.read', { unitPath: null }), true);
  });
});

describe('the exchange monitor', () => {
  // Force-wide: every unit, or the top unit and everything below it.
  const reaches: { label: string; scope: Scope; unitPath: string; forceWide: boolean }[] = [
    { label: 'all', scope: 'all', unitPath: STATION, forceWide: true },
    { label: 'top subtree', scope: 'subtree', unitPath: TOP, forceWide: true },
    { label: 'top unit only', scope: 'unit', unitPath: TOP, forceWide: false },
    { label: 'district subtree', scope: 'subtree', unitPath: D01, forceWide: false },
    { label: 'station', scope: 'unit', unitPath: STATION, forceWide: false },
  ];

  for (const role of roles) {
    test(`${role}: reads only force-wide as administrator or auditor, decides only as administrator`, () => {
      for (const reach of reaches) {
        const me = officer([{ role, scope: reach.scope, unitPath: reach.unitPath }]);
        const reads = reach.forceWide && (role === 'administrator' || role === 'auditor');
        const decides = reach.forceWide && role === 'administrator';
        assert.equal(workbenchPolicy.can(me, 'exchange.read'), reads, reach.label);
        assert.equal(workbenchPolicy.can(me, 'exchange.decide'), decides, reach.label);
      }
    });
  }

  test('roles add up across assignments', () => {
    const me = officer([
      { role: 'administrator', scope: 'subtree', unitPath: D01 },
      { role: 'auditor', scope: 'all', unitPath: TOP },
    ]);
    assert.equal(workbenchPolicy.can(me, 'exchange.read'), true);
    assert.equal(workbenchPolicy.can(me, 'exchange.decide'), false);
  });
});

describe('home and the unit directory', () => {
  test('every officer has a start page and reads every unit', () => {
    const clerk = officer([{ role: 'window-clerk', scope: 'unit', unitPath: STATION }]);
    const nobody = officer([]);
    for (const me of [clerk, nobody]) {
      assert.equal(workbenchPolicy.can(me, 'home.view'), true);
      assert.equal(workbenchPolicy.can(me, 'org.read', { unitPath: ELSEWHERE }), true);
    }
    assert.equal(workbenchPolicy.can(undefined, 'home.view'), false);
  });
});

describe('cases', () => {
  const here = { unitPath: STATION };
  const there = { unitPath: ELSEWHERE };

  test('the duties that handle cases read them within their reach; others not at all', () => {
    for (const role of roles) {
      const me = officer([{ role, scope: 'unit', unitPath: STATION }]);
      const handles = ['window-clerk', 'reviewer', 'approver', 'supervisor'].includes(role);
      assert.equal(workbenchPolicy.can(me, 'cases.read'), handles, role);
      assert.equal(workbenchPolicy.can(me, 'cases.read', here), handles, role);
      assert.equal(workbenchPolicy.can(me, 'cases.read', there), false, role);
    }
  });

  test('acting is for the window, the reviewer and the approver; reassigning for the supervisor', () => {
    for (const role of roles) {
      const me = officer([{ role, scope: 'subtree', unitPath: D01 }]);
      const acts = ['window-clerk', 'reviewer', 'approver'].includes(role);
      assert.equal(workbenchPolicy.can(me, 'cases.act', here), acts, role);
      assert.equal(workbenchPolicy.can(me, 'cases.act', there), false, role);
      assert.equal(workbenchPolicy.can(me, 'cases.assign', here), role === 'supervisor', role);
      assert.equal(workbenchPolicy.can(me, 'cases.assign', there), false, role);
    }
  });
});
