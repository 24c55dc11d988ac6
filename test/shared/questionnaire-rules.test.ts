import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Question, QuestionnaireDefinition } from '../../src/exchange/contracts/index.ts';
import { questionnaireRuleWords } from '../../src/shared/questionnaires/questionnaire.messages.ts';
import {
  checkDefinition,
  readResponse,
  shownQuestions,
} from '../../src/shared/questionnaires/questionnaire.rules.ts';

// The rules both zones apply to a questionnaire: a definition's conditions may only name an earlier choice
// question and one of its options; a response keeps only the questions shown, and requires only those.

const words = (zh: string) => ({ zh, en: '' });
const q = (id: string, kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  id,
  kind,
  label: words(`题目${id}`),
  required: false,
  options:
    kind === 'single' || kind === 'multiple'
      ? [
          { id: 'o1', label: words('是') },
          { id: 'o2', label: words('否') },
        ]
      : [],
  showIf: null,
  ...extra,
});
const def = (questions: Question[]): QuestionnaireDefinition => ({
  title: { zh: '问卷', en: 'Survey' },
  intro: { zh: '', en: '' },
  questions,
});
const messages = (d: QuestionnaireDefinition) =>
  checkDefinition(d).map((e) => questionnaireRuleWords('zh', e.message));

test('a condition naming an unknown question, a later one, itself, a non-choice one or an unknown option is refused', () => {
  assert.deepEqual(
    messages(def([q('q1', 'single'), q('q2', 'text', { showIf: { question: 'q9', option: 'o1' } })])),
    ['第 2 题的显示条件指向不存在的题目 q9'],
  );
  assert.deepEqual(
    messages(def([q('q1', 'text', { showIf: { question: 'q2', option: 'o1' } }), q('q2', 'single')])),
    ['第 1 题的显示条件指向后面的第 2 题；条件只能引用前面的题目'],
  );
  assert.deepEqual(messages(def([q('q1', 'single', { showIf: { question: 'q1', option: 'o1' } })])), [
    '第 1 题的显示条件不能指向本题',
  ]);
  assert.deepEqual(
    messages(def([q('q1', 'scale'), q('q2', 'text', { showIf: { question: 'q1', option: 'o1' } })])),
    ['第 2 题的显示条件指向第 1 题，但它不是选择题'],
  );
  assert.deepEqual(
    messages(def([q('q1', 'single'), q('q2', 'text', { showIf: { question: 'q1', option: 'o7' } })])),
    ['第 2 题的显示条件指向第 1 题不存在的选项 o7'],
  );
  assert.deepEqual(
    messages(def([q('q1', 'single'), q('q2', 'text', { showIf: { question: 'q1', option: 'o2' } })])),
    [],
  );
});

test('choice questions need two options; others take none; ids are unique', () => {
  assert.deepEqual(messages(def([q('q1', 'single', { options: [{ id: 'o1', label: words('是') }] })])), [
    '第 1 题是选择题，请至少填写两个选项（每行一个）',
  ]);
  assert.deepEqual(messages(def([q('q1', 'text', { options: [{ id: 'o1', label: words('是') }] })])), [
    '第 1 题不是选择题，不能填写选项',
  ]);
  assert.equal(messages(def([q('q1', 'text'), q('q1', 'scale')])).length, 1);
});

test('a hidden question is not required and its answer is dropped; a shown one is checked', () => {
  const d = def([
    q('q1', 'single', { required: true }),
    q('q2', 'text', { required: true, showIf: { question: 'q1', option: 'o2' } }),
    q('q3', 'scale', { required: true }),
    q('q4', 'multiple'),
  ]);
  const yes = readResponse(d, { q1: 'o1', q2: '被隐藏的回答', q3: '4', q4: ['o1', 'o2'] });
  assert.deepEqual(yes.errors, []);
  assert.deepEqual(
    yes.answers.map((a) => a.question),
    ['q1', 'q3', 'q4'],
  );
  assert.deepEqual(
    shownQuestions(d, { q1: 'o1' }).map((x) => x.id),
    ['q1', 'q3', 'q4'],
  );

  const no = readResponse(d, { q1: 'o2', q3: '6' });
  assert.deepEqual(
    no.errors.map((e) => [e.field, e.message]),
    [
      ['q2', 'quest.answerText'],
      ['q3', 'quest.answerScale'],
    ],
  );
  assert.deepEqual(
    readResponse(d, { q1: ['o1', 'o2'], q3: '3' }).errors.map((e) => e.field),
    ['q1'],
  );
  assert.deepEqual(
    readResponse(d, { q1: 'o9', q3: '3' }).errors.map((e) => e.field),
    ['q1'],
  );
  const texts = readResponse(d, { q1: 'o2', q2: '  窗口排队太久  ', q3: '2' });
  assert.equal(texts.answers.find((a) => a.question === 'q2')?.text, '窗口排队太久');
});
