import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editorValues, optionsOf, readEditor } from './questionnaires.form.ts';

const form = {
  titleZh: '办事满意度',
  titleEn: 'Satisfaction',
  slots: '3',
  q1_kind: 'single',
  q1_zh: '总体满意吗？',
  q1_options: '满意 | Satisfied\n一般 | Fair\n不满意 | Not satisfied',
  q2_kind: 'text',
  q2_zh: '哪里不满意？',
  q2_if: 'q1:o3',
};

test('saved options carry their ids, so moving a line in an edit keeps its condition on the same answer', () => {
  const first = readEditor(form);
  assert.deepEqual(first.errors, []);
  const values = editorValues(first.definition);
  assert.equal(values.q1_options, '[o1] 满意 | Satisfied\n[o2] 一般 | Fair\n[o3] 不满意 | Not satisfied');

  // The author moves "not satisfied" to the top and adds a new option at the end.
  const lines = values.q1_options!.split('\n');
  const edited = readEditor({
    ...values,
    q1_options: [lines[2], lines[0], lines[1], '非常满意 | Very satisfied'].join('\n'),
  });
  assert.deepEqual(edited.errors, []);
  const [q1, q2] = edited.definition.questions;
  assert.deepEqual(
    q1?.options.map((o) => [o.id, o.label.en]),
    [
      ['o3', 'Not satisfied'],
      ['o1', 'Satisfied'],
      ['o2', 'Fair'],
      ['o4', 'Very satisfied'],
    ],
  );
  const shownWhen = q1?.options.find((o) => o.id === q2?.showIf?.option);
  assert.equal(shownWhen?.label.en, 'Not satisfied');
});

test('new lines and a repeated id take the next free number; removing an option leaves the others’ ids alone', () => {
  assert.deepEqual(
    optionsOf('[o2] 乙\n甲\n[o2] 丙\n[o9] 丁').map((o) => [o.id, o.label.zh]),
    [
      ['o2', '乙'],
      ['o1', '甲'],
      ['o3', '丙'],
      ['o9', '丁'],
    ],
  );
  assert.deepEqual(
    optionsOf('[o1] 满意\n[o3] 不满意').map((o) => o.id),
    ['o1', 'o3'],
  );
});
