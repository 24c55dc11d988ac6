import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Value } from 'typebox/value';
import { sampleItem } from './item.fixture.ts';
import { ServiceItem } from './item.schema.ts';
import { checkPublication, publicationRules, type PublicationRule } from './publication-rules.ts';

type Mutate = (item: ServiceItem) => void;
interface RuleCase {
  rule: PublicationRule;
  field: string;
  fail: Mutate;
  // A neighbouring variant that must be accepted, so a rule cannot pass its test by firing too often.
  pass: Mutate;
}

const cases: RuleCase[] = [
  {
    rule: 'immediate-requires-instant-review',
    field: 'instantReview',
    fail: (i) => void (i.timeLimits.immediate = true),
    pass: (i) => {
      i.timeLimits.immediate = true;
      i.instantReview = true;
    },
  },
  {
    rule: 'instant-review-requires-immediate',
    field: 'timeLimits.immediate',
    fail: (i) => void (i.instantReview = true),
    pass: (i) => void (i.instantReview = false),
  },
  {
    rule: 'fully-online-requires-zero-visits',
    field: 'visits.count',
    fail: (i) => void (i.onlineDepth.fullyOnline = true),
    pass: (i) => {
      i.onlineDepth.fullyOnline = true;
      i.visits = { count: 0 };
    },
  },
  {
    rule: 'fully-online-requires-online-channel',
    field: 'channels',
    fail: (i) => {
      i.onlineDepth.fullyOnline = true;
      i.visits = { count: 0 };
      i.channels = ['window', 'mail'];
    },
    pass: (i) => {
      i.onlineDepth.fullyOnline = true;
      i.visits = { count: 0 };
      i.channels = ['app'];
    },
  },
  {
    rule: 'fee-requires-items',
    field: 'fees.items',
    fail: (i) => void (i.fees.items = []),
    pass: (i) =>
      void (i.fees.items = [{ name: '工本费', nameEn: 'Fee', amountFen: 2000, basis: '收费依据' }]),
  },
  {
    rule: 'fee-item-requires-basis',
    field: 'fees.items[1].basis',
    fail: (i) => void i.fees.items.push({ name: '签注费', amountFen: 1500, basis: '  ' }),
    pass: (i) =>
      void i.fees.items.push({
        name: '签注费',
        nameEn: 'Endorsement fee',
        amountFen: 1500,
        basis: '收费依据',
      }),
  },
  {
    rule: 'no-fee-no-items',
    field: 'fees.charged',
    fail: (i) => {
      i.fees.charged = false;
      i.onlinePayment = false;
    },
    pass: (i) => {
      i.fees = { charged: false, items: [] };
      i.onlinePayment = false;
    },
  },
  {
    rule: 'no-fee-no-online-payment',
    field: 'onlinePayment',
    fail: (i) => void (i.fees = { charged: false, items: [] }),
    pass: (i) => {
      i.fees = { charged: false, items: [] };
      i.onlinePayment = false;
    },
  },
  {
    rule: 'visits-require-reason',
    field: 'visits.reason',
    fail: (i) => void (i.visits = { count: 2, reason: ' ' }),
    pass: (i) => void (i.visits = { count: 2, reason: '须现场核查', reasonEn: 'An on-site check is needed' }),
  },
  {
    rule: 'no-visit-offline-requires-mail',
    field: 'channels',
    fail: (i) => {
      i.visits = { count: 0 };
      i.channels = ['window'];
    },
    pass: (i) => {
      i.visits = { count: 0 };
      i.channels = ['window', 'mail'];
    },
  },
  {
    rule: 'enquiry-phone-required',
    field: 'enquiryPhone',
    fail: (i) => void (i.enquiryPhone = ''),
    pass: (i) => void (i.enquiryPhone = ' 0000-61030002 '),
  },
  {
    rule: 'complaint-phone-required',
    field: 'complaintPhone',
    fail: (i) => void (i.complaintPhone = '   '),
    pass: (i) => void (i.complaintPhone = '0000-61000002'),
  },
  {
    rule: 'phones-must-differ',
    field: 'complaintPhone',
    // The same number written differently is still the same number.
    fail: (i) => void (i.complaintPhone = '000061030001'),
    pass: (i) => void (i.complaintPhone = '000061030002'),
  },
  {
    rule: 'phones-require-area-code',
    field: 'enquiryPhone',
    fail: (i) => void (i.enquiryPhone = '61030001'),
    pass: (i) => void (i.enquiryPhone = '010-61030001'),
  },
  {
    rule: 'licensing-requires-faq',
    field: 'faq',
    fail: (i) => void (i.faq = []),
    pass: (i) => {
      i.faq = [];
      i.itemType = 'public-service';
    },
  },
  {
    rule: 'licensing-requires-standard-steps',
    field: 'steps',
    fail: (i) => void (i.steps = i.steps.filter((s) => s.name !== '审查')),
    // Extra local steps between the standard ones are fine.
    pass: (i) =>
      void i.steps.splice(3, 0, {
        name: '现场核查',
        nameEn: 'On-site check',
        description: '到场核查',
        descriptionEn: 'The premises are checked on site',
      }),
  },
  {
    rule: 'result-name-requires-sample',
    field: 'result.sample',
    fail: (i) => void delete i.result.sample,
    pass: (i) => void (i.result = { type: 'other' }),
  },
  {
    rule: 'result-type-matches-name',
    field: 'result.type',
    fail: (i) => void (i.result.type = 'filing-receipt'),
    pass: (i) =>
      void (i.result = {
        type: 'filing-receipt',
        name: '备案证明',
        nameEn: 'Filing certificate',
        sample: 'samples/x.pdf',
      }),
  },
  {
    rule: 'promised-within-statutory',
    field: 'timeLimits.promised',
    fail: (i) => void (i.timeLimits.promised = { value: 21, unit: 'working-days' }),
    pass: (i) => void (i.timeLimits.promised = { value: 20, unit: 'working-days' }),
  },
  {
    rule: 'material-code-one-name',
    field: 'situations[1].materials[0].code',
    fail: (i) => codedSituations(i, '申请书', '营业执照'),
    pass: (i) => codedSituations(i, '申请书', '申请书'),
  },
  {
    rule: 'english-complete',
    field: 'situations[0].materials[0].nameEn',
    fail: (i) => void delete i.situations[0]!.materials[0]!.nameEn,
    // A Chinese text that is absent needs no English either.
    pass: (i) => void (i.visits = { count: 0 }),
  },
];

// Two situations whose first materials share one code, under the names given.
function codedSituations(item: ServiceItem, first: string, second: string): void {
  const [situation] = item.situations;
  const material = { ...situation!.materials[0]!, code: 'application' };
  item.situations = [
    { ...situation!, materials: [{ ...material, name: first }] },
    { id: 'other', name: '其他情形', nameEn: 'Other case', materials: [{ ...material, name: second }] },
  ];
}

function mutated(mutate: Mutate): ServiceItem {
  const item = sampleItem();
  mutate(item);
  assert.ok(Value.Check(ServiceItem, item), 'a test case must stay schema-valid');
  return item;
}

test('the fixture passes the schema and every rule', () => {
  assert.ok(Value.Check(ServiceItem, sampleItem()));
  assert.deepEqual(checkPublication(sampleItem()), []);
});

test('every rule has a failing and a passing case', () => {
  assert.deepEqual([...new Set(cases.map((c) => c.rule))].sort(), [...publicationRules].sort());
});

for (const c of cases) {
  test(`${c.rule}: fails`, () => {
    const problems = checkPublication(mutated(c.fail)).filter((p) => p.rule === c.rule);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0]!.field, c.field);
    assert.ok(problems[0]!.message.zh.length > 0 && problems[0]!.message.en.length > 0);
  });
  test(`${c.rule}: passes`, () => {
    assert.deepEqual(checkPublication(mutated(c.pass)), []);
  });
}

test('standard steps out of order are reported', () => {
  const item = sampleItem();
  item.steps.reverse();
  const rules = checkPublication(item).map((p) => p.rule);
  assert.deepEqual(rules, ['licensing-requires-standard-steps']);
});

test('a "…批复" result must be an approval document', () => {
  const item = sampleItem();
  item.result = {
    type: 'certificate',
    name: '关于同意举办活动的批复',
    nameEn: 'Approval of the event',
    sample: 'samples/x.pdf',
  };
  assert.deepEqual(
    checkPublication(item).map((p) => p.rule),
    ['result-type-matches-name'],
  );
});

test('limits in different units are compared over an ordinary week', () => {
  const item = sampleItem();
  item.timeLimits.statutory = { value: 15, unit: 'calendar-days' };
  item.timeLimits.promised = { value: 10, unit: 'working-days' }; // two weeks: within 15 days
  assert.deepEqual(checkPublication(item), []);
  item.timeLimits.promised = { value: 15, unit: 'working-days' }; // three weeks: beyond 15 days
  assert.deepEqual(
    checkPublication(item).map((p) => p.rule),
    ['promised-within-statutory'],
  );
  item.timeLimits.statutory = { value: 10, unit: 'working-days' };
  item.timeLimits.promised = { value: 14, unit: 'calendar-days' };
  assert.deepEqual(checkPublication(item), []);
});

test('a failing item shows every problem at once', () => {
  const item = sampleItem();
  item.timeLimits.immediate = true;
  item.onlineDepth.fullyOnline = true;
  item.visits = { count: 1 };
  item.fees = { charged: false, items: [] };
  item.complaintPhone = item.enquiryPhone;
  item.faq = [];
  delete item.result.sample;
  item.timeLimits.promised = { value: 30, unit: 'working-days' };
  assert.deepEqual(
    checkPublication(item)
      .map((p) => p.rule)
      .sort(),
    [
      'fully-online-requires-zero-visits',
      'immediate-requires-instant-review',
      'licensing-requires-faq',
      'no-fee-no-online-payment',
      'phones-must-differ',
      'promised-within-statutory',
      'result-name-requires-sample',
      'visits-require-reason',
    ],
  );
});

test('missing English is refused with the path of each missing text', () => {
  const item = sampleItem();
  delete item.acceptanceConditionsEn;
  delete item.steps[1]!.descriptionEn;
  delete item.places[0]!.hoursEn;
  delete item.faq[0]!.aEn;
  item.fees.items[0]!.note = '含制证费';
  item.timeLimits.note = '特殊情况可延长';
  item.timeLimits.noteEn = '   ';
  const english = checkPublication(item).filter((p) => p.rule === 'english-complete');
  assert.deepEqual(
    english.map((p) => p.field),
    [
      'acceptanceConditionsEn[0]',
      'steps[1].descriptionEn',
      'timeLimits.noteEn',
      'fees.items[0].noteEn',
      'places[0].hoursEn',
      'faq[0].aEn',
    ],
  );
  assert.ok(english.every((p) => p.message.en.includes(p.field) && p.message.zh.includes(p.field)));
});

test('English conditions must pair with the Chinese ones line by line', () => {
  const item = sampleItem();
  item.acceptanceConditionsEn = ['First', 'Second'];
  assert.deepEqual(
    checkPublication(item).map((p) => [p.rule, p.field]),
    [['english-complete', 'acceptanceConditionsEn']],
  );
});
