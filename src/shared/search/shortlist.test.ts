import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planSearch } from './shortlist.ts';

const docs = new Map([
  ['办理', 8400],
  ['身份', 6000],
  ['份证', 6000],
  ['犬只', 12],
  ['登记', 900],
]);

test('the rarest lexemes that fit the budget make the first shortlist; the commoner ones follow, all of them together first', () => {
  const plan = planSearch(['办理', '身份', '份证', '犬只', '登记', '无此'], docs, 10_000, 1000)!;
  assert.deepEqual(
    plan.terms.map((t) => t.term),
    ['犬只', '登记', '份证', '身份', '办理'],
    'rarest first; a lexeme no version holds is left out',
  );
  assert.deepEqual(plan.shortlists, [
    "'犬只' | '登记'",
    "'份证' & '身份' & '办理'",
    "'份证' & '身份'",
    "'份证'",
  ]);
  assert.equal(plan.always, 2, 'the rare lexemes and all the commoner ones together are always read');
  const [rare, , , common] = plan.terms;
  assert.ok(rare!.idf > 5 * common!.idf, `${rare!.idf} against ${common!.idf}`);
});

test('a question of commonplace lexemes only starts from all of them together', () => {
  const plan = planSearch(['办理', '身份'], docs, 10_000, 1000)!;
  assert.deepEqual(plan.shortlists, ["'身份' & '办理'", "'身份'"]);
  assert.equal(plan.always, 1);
});

test('with many commoner lexemes the shortlists halve, down to the rarest', () => {
  const many = Array.from({ length: 12 }, (_, i) => `词${String.fromCharCode(0x4e00 + i)}`);
  const plan = planSearch(many, new Map(many.map((t, i) => [t, 5000 + i])), 10_000, 1000)!;
  assert.deepEqual(
    plan.shortlists.map((s) => s.split('&').length),
    [12, 6, 3, 2, 1],
  );
});

test('nothing to look for when no version holds any lexeme of the question', () => {
  assert.equal(planSearch(['无此', '没有'], docs, 10_000), undefined);
  assert.equal(planSearch([], docs, 10_000), undefined);
});
