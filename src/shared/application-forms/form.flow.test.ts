import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Answers, UploadedFile } from './form.answers.ts';
import { countyCode, sampleForm, validCreditCode, validIdNumber } from './form.fixture.ts';
import {
  applicableAnswers,
  applicablePages,
  conditionMet,
  firstIncompletePage,
  nextPage,
  previousPage,
  progress,
  submission,
  summary,
} from './form.flow.ts';

const form = sampleForm();
const proof: UploadedFile = { id: 'f1', name: '在职证明.pdf', mediaType: 'application/pdf', size: 2048 };

function complete(): Answers {
  return {
    name: '李示范',
    'id-number': validIdNumber,
    mobile: '13800000001',
    purpose: 'work',
    employer: validCreditCode,
    proof: [proof],
    trips: ['car', 'train'],
    home: { division: countyCode, address: '示范路1号' },
    'moved-in': '2025-06-01',
    members: [{ name: '李一', born: '2001-02-03' }, { name: '李二' }],
  };
}

const ids = (pages: { id: string }[] | undefined) => pages?.map((p) => p.id);

test('conditions: equals, oneOf and answered, on single and multiple choices', () => {
  const answers: Answers = { purpose: 'work', trips: ['car', 'train'] };
  assert.ok(conditionMet(undefined, {}));
  assert.ok(conditionMet({ field: 'purpose', equals: 'work' }, answers));
  assert.ok(!conditionMet({ field: 'purpose', equals: 'study' }, answers));
  assert.ok(conditionMet({ field: 'purpose', oneOf: ['study', 'work'] }, answers));
  assert.ok(conditionMet({ field: 'trips', equals: 'train' }, answers));
  assert.ok(!conditionMet({ field: 'trips', oneOf: ['plane'] }, answers));
  assert.ok(conditionMet({ field: 'trips', answered: true }, answers));
  assert.ok(conditionMet({ field: 'plate', answered: false }, answers));
  assert.ok(!conditionMet({ field: 'plate', equals: 'x' }, answers));
  assert.ok(!conditionMet({ field: 'trips', answered: true }, { trips: [] }));
});

test('pages that apply, and page n of m among them', () => {
  const answers = complete();
  assert.deepEqual(ids(applicablePages(form, answers)), [
    'about',
    'purpose',
    'work',
    'vehicle',
    'home',
    'family',
  ]);
  assert.deepEqual(progress(form, 'vehicle', answers), { current: 4, total: 6 });
  const studying = { ...answers, purpose: 'study', trips: ['train'] };
  assert.deepEqual(ids(applicablePages(form, studying)), ['about', 'purpose', 'vehicle', 'home']);
  assert.deepEqual(progress(form, 'vehicle', studying), { current: 3, total: 4 });
  assert.equal(progress(form, 'work', studying), undefined);
});

test('next and previous skip the pages that do not apply', () => {
  const studying = { purpose: 'study', trips: ['train'] };
  assert.equal(nextPage(form, 'purpose', studying)?.id, 'vehicle');
  assert.equal(previousPage(form, 'vehicle', studying)?.id, 'purpose');
  assert.equal(nextPage(form, 'home', studying), undefined, 'then the check-your-answers page');
  assert.equal(previousPage(form, 'about', studying), undefined, 'the start page comes before');
  assert.equal(nextPage(form, 'purpose', { purpose: 'work' })?.id, 'work');
  assert.equal(nextPage(form, 'home', { trips: ['car'] })?.id, 'family');
  // From a page that no longer applies (a stale tab), on to the next one that does.
  assert.equal(nextPage(form, 'work', studying)?.id, 'vehicle');
});

test('a draft resumes at the first page with a required question unanswered', () => {
  assert.equal(firstIncompletePage(form, {})?.id, 'about');
  const answers = complete();
  // The optional plate is not answered, and does not hold the draft back.
  assert.equal(firstIncompletePage(form, answers), undefined);
  delete answers.members;
  assert.equal(firstIncompletePage(form, answers)?.id, 'family');
});

test('answers a later change made inapplicable are dropped, with what depended on them', () => {
  const changed = { ...complete(), purpose: 'study', trips: ['train'] };
  const kept = applicableAnswers(form, changed);
  assert.equal(kept.employer, undefined);
  assert.equal(kept.proof, undefined);
  assert.equal(kept.members, undefined);
  assert.equal(kept.purpose, 'study');
  const detail = applicableAnswers(form, { purpose: 'other', detail: '说明' });
  assert.equal(detail.detail, '说明');
  assert.equal(applicableAnswers(form, { purpose: 'work', detail: '说明' }).detail, undefined);

  const sent = submission(form, changed);
  assert.deepEqual(sent.formId, 'sample-licence');
  assert.deepEqual(sent.formVersion, 1);
  assert.deepEqual(Object.keys(sent.answers).sort(), [
    'home',
    'id-number',
    'mobile',
    'moved-in',
    'name',
    'purpose',
    'trips',
  ]);
  const rows = summary(form, changed, 'zh').flatMap((s) => s.rows.map((r) => r.field));
  assert.ok(!rows.includes('employer') && !rows.includes('proof') && !rows.includes('members'));
});

test('an incomplete application cannot be submitted', () => {
  assert.throws(() => submission(form, { name: '李示范' }), /page "about" is not complete/);
});

test('check your answers: every question that applies, as shown, in both languages', () => {
  const zh = summary(form, complete(), 'zh');
  const en = summary(form, complete(), 'en');
  assert.deepEqual(
    zh.map((s) => s.title),
    ['申请人信息', '用途', '工作单位', '车辆', '住址', '家庭成员'],
  );
  const value = (sections: typeof zh, field: string) =>
    sections.flatMap((s) => s.rows).find((r) => r.field === field);
  assert.deepEqual(value(zh, 'purpose'), {
    field: 'purpose',
    label: '用途',
    value: ['工作'],
    answered: true,
  });
  assert.deepEqual(value(en, 'purpose')?.value, ['Work']);
  assert.deepEqual(value(zh, 'trips')?.value, ['汽车、火车']);
  assert.deepEqual(value(en, 'trips')?.value, ['Car, Train']);
  assert.deepEqual(value(zh, 'home')?.value, ['福建省三明市三元区示范路1号']);
  assert.deepEqual(value(zh, 'moved-in')?.value, ['2025年6月1日']);
  assert.deepEqual(value(en, 'moved-in')?.value, ['1 June 2025']);
  assert.deepEqual(value(zh, 'members')?.value, ['成员1：李一，2001年2月3日', '成员2：李二']);
  assert.deepEqual(value(en, 'members')?.value, ['Member 1: 李一, 3 February 2001', 'Member 2: 李二']);
  assert.deepEqual(value(zh, 'proof')?.value, ['在职证明.pdf']);
  assert.deepEqual(value(zh, 'plate'), {
    field: 'plate',
    label: '号牌号码',
    value: ['未填写'],
    answered: false,
  });
  assert.deepEqual(value(en, 'plate')?.value, ['Not given']);
  const beijing = summary(form, { ...complete(), home: { division: '110105', address: '某路2号' } }, 'zh');
  assert.deepEqual(value(beijing, 'home')?.value, ['北京市朝阳区某路2号']);
});

// Any mix of answers to the questions that decide the way through the form.
const decisive = fc.record(
  {
    purpose: fc.constantFrom('work', 'study', 'other'),
    detail: fc.constant('说明'),
    employer: fc.constant(validCreditCode),
    trips: fc.subarray(['car', 'train']),
    members: fc.constant([{ name: '李一' }]),
    plate: fc.constant('京A12345'),
  },
  { requiredKeys: [] },
);

test('property: dropping inapplicable answers is idempotent and keeps nothing new', () => {
  fc.assert(
    fc.property(decisive, (answers) => {
      const kept = applicableAnswers(form, answers as Answers);
      assert.deepEqual(applicableAnswers(form, kept), kept);
      for (const [id, value] of Object.entries(kept)) assert.deepEqual(value, (answers as Answers)[id]);
    }),
    { numRuns: 200 },
  );
});

test('property: next from the first page visits the applicable pages in order, previous walks back', () => {
  fc.assert(
    fc.property(decisive, (input) => {
      const answers = input as Answers;
      const pages = ids(applicablePages(form, answers))!;
      const forward: string[] = [pages[0]!];
      for (let page = nextPage(form, pages[0]!, answers); page; page = nextPage(form, page.id, answers)) {
        forward.push(page.id);
      }
      assert.deepEqual(forward, pages);
      const back: string[] = [pages.at(-1)!];
      for (
        let page = previousPage(form, back[0]!, answers);
        page;
        page = previousPage(form, page.id, answers)
      ) {
        back.push(page.id);
      }
      assert.deepEqual(back.reverse(), pages);
      pages.forEach((id, n) =>
        assert.deepEqual(progress(form, id, answers), { current: n + 1, total: pages.length }),
      );
    }),
    { numRuns: 200 },
  );
});
