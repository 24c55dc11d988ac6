import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  defineWorkflow,
  WorkflowDefinitionError,
  WorkflowVersions,
  type WorkflowSpec,
} from './workflow.definition.ts';
import { spec, type Actions, type Key, type Message } from './workflow.fixture.ts';

describe('a workflow definition is checked when it is loaded', () => {
  const failsWith = (change: (s: WorkflowSpec<Key, Actions, Message>) => void, pattern: RegExp) => {
    const broken = spec();
    change(broken);
    assert.throws(
      () => defineWorkflow(broken),
      (error: unknown) => {
        assert.ok(error instanceof WorkflowDefinitionError);
        assert.match(error.message, /workflow permit@1 is not valid/);
        assert.match(error.message, pattern);
        return true;
      },
    );
  };

  test('a correct table loads and answers which actions each state allows', () => {
    const definition = defineWorkflow(spec());
    assert.deepEqual(definition.actionsFrom('submitted').sort(), ['approve', 'reject', 'retract']);
    assert.deepEqual(definition.actionsFrom('rejected'), []);
    assert.equal(definition.find('submitted', 'approve')?.to, 'approved');
    assert.equal(definition.find('draft', 'approve'), undefined);
  });

  test('a state the table uses but does not declare', () => {
    failsWith((s) => {
      s.transitions.reject = [{ ...s.transitions.reject[0]!, to: 'refused' }];
    }, /unknown state "refused"/);
    failsWith((s) => {
      s.initial = 'new';
    }, /initial state "new" is not declared/);
  });

  test('a state nothing leads to', () => {
    failsWith((s) => {
      s.states.archived = {};
    }, /state "archived" cannot be reached from "draft"/);
    // Without "submit" everything after the draft is unreachable, and each is named.
    failsWith((s) => {
      s.transitions.submit = [];
    }, /state "submitted" cannot be reached[\s\S]*state "approved" cannot be reached/);
  });

  test('two transitions for one state and action', () => {
    failsWith((s) => {
      s.transitions.reject = [s.transitions.reject[0]!, { ...s.transitions.reject[0]!, to: 'retracted' }];
    }, /a second transition for "reject" from "submitted"/);
  });

  test('a way out of a final state, an unaudited person, four eyes for the platform, a bad deadline', () => {
    failsWith((s) => {
      s.transitions.withdraw = [{ ...s.transitions.withdraw[0]!, from: 'rejected' }];
    }, /"rejected" is final/);
    failsWith((s) => {
      s.transitions.retract = [{ ...s.transitions.retract[0]!, audit: undefined }];
    }, /a person's action must write an audit entry/);
    failsWith((s) => {
      s.transitions.publish = [{ ...s.transitions.publish[0]!, fourEyes: true }];
    }, /four eyes needs a person deciding/);
    failsWith((s) => {
      s.states.submitted = { deadline: { workingDays: 0 } };
    }, /deadline must be a whole number of working days/);
  });

  test('versions of one workflow: new records take the newest, each record keeps its own', () => {
    const v1 = defineWorkflow(spec());
    const v2 = defineWorkflow({ ...spec(), version: 2 });
    const versions = new WorkflowVersions([v2, v1]);
    assert.equal(versions.current.version, 2);
    assert.equal(versions.of('permit', 1), v1);
    assert.throws(() => versions.of('permit', 3), /no workflow permit@3 is loaded/);
    assert.throws(() => versions.of('letter', 1), /no workflow letter@1/);
    assert.throws(() => new WorkflowVersions([v1, v1]), /permit@1 is defined twice/);
  });
});
