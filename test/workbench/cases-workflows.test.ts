import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { WorkflowDefinitionError } from '../../src/shared/workflow/workflow.definition.ts';
import {
  acceptance,
  applicantMay,
  caseWorkflow,
  caseWorkflows,
  row,
} from '../../src/workbench/cases/cases.workflows.ts';
import {
  checkItemWorkflowRules,
  itemWorkflowRules,
  workflowForItem,
} from '../../src/workbench/cases/cases.item-workflows.ts';
import { roleHolds } from '../../src/workbench/staff/staff.policy.ts';
import { roles } from '../../src/workbench/staff/roles.ts';

// Every case workflow is checked when it is loaded; these tests show that each check catches its mistake, and
// that what is loaded passes them all.

const done = { final: true, public: 'completed', zh: '办结', en: 'Done' } as const;
const accepted = { deadline: { workingDays: 5 }, public: 'accepted', zh: '已受理', en: 'Accepted' } as const;

test('every loaded workflow: each state reached, shown to the applicant, on a deadline when officers act', () => {
  for (const id of caseWorkflows.ids()) {
    const w = caseWorkflows.current(id);
    const rows = Object.values(w.definition.transitions).flat();
    for (const state of Object.keys(w.definition.states)) {
      assert.ok(w.publicStatus[state], `${id}: ${state} has a public status`);
      if (rows.some((r) => r.from === state && r.actors.includes('staff')))
        assert.ok(w.definition.states[state]?.deadline, `${id}: ${state} has a deadline`);
    }
    for (const r of rows.filter((r) => r.actors.includes('staff')))
      assert.ok(
        roles.some((role) => roleHolds(role, r.permission as never)),
        `${id}: ${r.action} is some duty's`,
      );
    assert.equal(w.definition.states.submitted?.deadline?.workingDays, 5, `${id}: five days to accept`);
    assert.ok(w.definition.find('submitted', 'deem-accept'), `${id}: deemed acceptance`);
  }
});

test('a state nothing leads to is refused', () => {
  assert.throws(
    () =>
      caseWorkflow('case-broken', 1, { accepted, completed: done, orphan: { ...accepted } }, [
        ...acceptance('accepted'),
        row('accepted', 'complete', 'completed', 'cases.accept'),
      ]),
    (e: Error) => e instanceof WorkflowDefinitionError && /"orphan" cannot be reached/.test(e.message),
  );
});

test('an action no duty holds is refused', () => {
  assert.throws(
    () =>
      caseWorkflow('case-broken', 1, { accepted, completed: done }, [
        ...acceptance('accepted'),
        { ...row('accepted', 'complete', 'completed', 'cases.accept'), permission: 'cases.archive' },
      ]),
    (e: Error) => /permission cases.archive is held by no role/.test(e.message),
  );
});

test('a state officers act in without a deadline is refused', () => {
  assert.throws(
    () =>
      caseWorkflow('case-broken', 1, { accepted: { ...accepted, deadline: undefined }, completed: done }, [
        ...acceptance('accepted'),
        row('accepted', 'complete', 'completed', 'cases.accept'),
      ]),
    /"accepted": officers act in it but no deadline runs/,
  );
});

test('a unit level on a state nobody acts in, or an unknown level, is refused', () => {
  assert.throws(
    () =>
      caseWorkflow('case-broken', 1, { accepted, completed: { ...done, level: 'city' } }, [
        ...acceptance('accepted'),
        row('accepted', 'complete', 'completed', 'cases.accept'),
      ]),
    /"completed": a unit level \(city\) needs a known level and officers acting in it/,
  );
  assert.throws(
    () =>
      caseWorkflow(
        'case-broken',
        1,
        { accepted: { ...accepted, level: 'galaxy' as 'city' }, completed: done },
        [...acceptance('accepted'), row('accepted', 'complete', 'completed', 'cases.accept')],
      ),
    /"accepted": a unit level \(galaxy\)/,
  );
  const city = caseWorkflows.current('case-licence-city');
  assert.deepEqual(city.levels, { reviewed: 'city' });
  assert.ok(city.definition.find('reviewed', 'return') && city.definition.find('accepted', 'return'));
});

test('what the applicant may do follows the table', () => {
  const licence = caseWorkflows.current('case-licence');
  assert.deepEqual(applicantMay(licence, 'submitted'), ['withdraw']);
  assert.deepEqual(applicantMay(licence, 'missing-materials'), ['withdraw', 'supplement']);
  assert.deepEqual(applicantMay(licence, 'reviewed'), ['withdraw']);
  assert.deepEqual(applicantMay(licence, 'approval-withheld'), ['withdraw'], 'until the decision');
  assert.deepEqual(applicantMay(licence, 'granted'), []);
  assert.deepEqual(applicantMay(caseWorkflows.current('case-filing'), 'accepted'), []);
});

test('every catalogue item that takes applications online meets a workflow, by the mapping', () => {
  const online = loadCatalogItems().filter((item) => item.onlineDepth.levels.includes('online-submission'));
  assert.ok(online.length > 20);
  const used = new Set(online.map((item) => workflowForItem(item)));
  assert.deepEqual([...used].sort(), [
    'case-certificate',
    'case-filing',
    'case-licence',
    'case-licence-city',
    'case-pre-application',
  ]);
  assert.throws(
    () => checkItemWorkflowRules([{ itemType: 'licensing', workflow: 'case-licence' }], caseWorkflows),
    /the last rule must match every item/,
  );
  assert.throws(
    () => checkItemWorkflowRules([{ workflow: 'case-nothing' as 'case-licence' }], caseWorkflows),
    /unknown workflow case-nothing/,
  );
  assert.doesNotThrow(() => checkItemWorkflowRules(itemWorkflowRules, caseWorkflows));
});
