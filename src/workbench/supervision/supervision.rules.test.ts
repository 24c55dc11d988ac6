import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escalatesOn } from './supervision.escalation.ts';
import {
  EscalationRuleError,
  escalationRules,
  loadEscalationRules,
  type EscalationRule,
} from './supervision.rules.ts';
import { unitAbove } from './supervision.service.ts';

const valid: EscalationRule = {
  id: 'unanswered',
  urgingStates: ['awaiting-answer'],
  source: 'case',
  workflow: 'case-certificate',
  states: ['submitted'],
  trigger: { kind: 'unanswered', workingDaysAfterReplyDate: 1 },
  levelsUp: 1,
  roles: ['discipline-inspector'],
};

test('the bureau’s rules load', () => {
  assert.deepEqual(
    escalationRules.map((r) => r.id),
    ['unanswered', 'repeated', 'letter-unanswered', 'letter-repeated'],
  );
  assert.equal(loadEscalationRules([valid]).length, 1);
});

test('a rule naming an urging state, workflow, state or role that does not exist is refused, each named', () => {
  const refuse = (rule: Partial<EscalationRule>, problem: RegExp) =>
    assert.throws(
      () => loadEscalationRules([{ ...valid, ...rule } as EscalationRule]),
      (error: Error) => error instanceof EscalationRuleError && problem.test(error.message),
    );
  refuse({ urgingStates: ['waiting'] }, /urging state "waiting" does not exist/);
  refuse({ urgingStates: ['answered'] }, /urging state "answered" cannot escalate/);
  refuse({ workflow: 'case-passport' }, /workflow "case-passport" does not exist/);
  refuse({ states: ['in-limbo'] }, /state "in-limbo" is in no workflow it names/);
  refuse({ workflow: '*', states: ['in-limbo'] }, /state "in-limbo" is in no workflow it names/);
  refuse({ roles: ['inspector-general' as never] }, /role "inspector-general" does not exist/);
  refuse({ trigger: { kind: 'repeated', urgings: 1 } }, /counts from the second/);
  refuse({ levelsUp: -1 }, /levelsUp/);
  refuse({ source: 'petition' as never }, /unknown source "petition"/);
  // A letter rule is checked against the letter workflow: a case's state or workflow is not one of its.
  refuse({ source: 'letter', workflow: 'case-certificate', states: [] }, /workflow "case-certificate"/);
  refuse({ source: 'letter', workflow: '*', states: ['submitted'] }, /state "submitted" is in no workflow/);
  assert.equal(
    loadEscalationRules([{ ...valid, source: 'letter', workflow: 'letter', states: ['open-simple'] }]).length,
    1,
  );
  assert.throws(() => loadEscalationRules([valid, valid]), /a second rule with this id/);
});

test('an unanswered urging escalates the given working days after the day after its reply date', () => {
  // Reply by Wednesday 30 September 2026; National Day runs 1–7 October.
  assert.equal(
    escalatesOn('2026-09-30', { ...valid, trigger: { kind: 'unanswered', workingDaysAfterReplyDate: 0 } }),
    '2026-10-08',
  );
  assert.equal(escalatesOn('2026-09-30', valid), '2026-10-09');
  // Friday 13 November: the next Monday.
  assert.equal(
    escalatesOn('2026-11-13', { ...valid, trigger: { kind: 'unanswered', workingDaysAfterReplyDate: 0 } }),
    '2026-11-16',
  );
});

test('escalation goes so many levels above the urging unit, and no higher than the bureau', () => {
  assert.deepEqual(unitAbove('SF-0000/SF-D01/SF-D01-P01', 1), { code: 'SF-D01', path: 'SF-0000/SF-D01' });
  assert.deepEqual(unitAbove('SF-0000/SF-D01', 1), { code: 'SF-0000', path: 'SF-0000' });
  assert.deepEqual(unitAbove('SF-0000', 2), { code: 'SF-0000', path: 'SF-0000' });
  assert.deepEqual(unitAbove('SF-0000/SF-D01', 0), { code: 'SF-D01', path: 'SF-0000/SF-D01' });
});
