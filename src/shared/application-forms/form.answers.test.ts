import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  answerErrorText,
  pageInputs,
  savePage,
  validatePage,
  type AnswerError,
  type Answers,
  type PostedBody,
  type UploadedFile,
} from './form.answers.ts';
import { countyCode, sampleForm, validCreditCode, validIdNumber } from './form.fixture.ts';
import { formMessage, formMessageKeys } from './form.messages.ts';

const today = '2026-03-02';
const form = sampleForm();

function check(
  pageId: string,
  body: PostedBody,
  answers: Answers = {},
  files?: Record<string, UploadedFile[]>,
) {
  return validatePage(form, pageId, { body, ...(files ? { files } : {}) }, { today, answers });
}

/** The page's answers, failing the test with the errors' words when it is refused. */
function accepted(
  pageId: string,
  body: PostedBody,
  answers: Answers = {},
  files?: Record<string, UploadedFile[]>,
) {
  const result = check(pageId, body, answers, files);
  assert.ok(result.ok, result.ok ? '' : result.errors.map((e) => answerErrorText(e, 'en')).join('; '));
  return result.answers;
}

/** Each error as [input name, Chinese words, English words]. */
function refused(
  pageId: string,
  body: PostedBody,
  answers: Answers = {},
  files?: Record<string, UploadedFile[]>,
) {
  const result = check(pageId, body, answers, files);
  assert.ok(!result.ok, 'expected the page to be refused');
  return result.errors.map((e: AnswerError) => [e.field, answerErrorText(e, 'zh'), answerErrorText(e, 'en')]);
}

const about = { name: '李示范', 'id-number': validIdNumber, mobile: '13800000001' };

test('text: kept as typed, trimmed; required and too long in both languages', () => {
  assert.deepEqual(accepted('about', { ...about, name: '  李 示范 ' }).name, '李 示范');
  assert.deepEqual(refused('about', { ...about, name: ' ' }), [['name', '请填写姓名', 'Enter full name']]);
  assert.deepEqual(refused('about', { ...about, name: '一二三四五六七八九十一' }), [
    ['name', '姓名不能超过10个字', 'Full name must be 10 characters or fewer'],
  ]);
  // Characters, not UTF-16 units: ten characters outside the BMP still fit.
  assert.equal(accepted('about', { ...about, name: '𠀀'.repeat(10) }).name, '𠀀'.repeat(10));
});

test('text: a multiline answer keeps its lines with plain line feeds', () => {
  const answers = accepted('purpose', { purpose: 'other', detail: 'line one\r\nline two' });
  assert.equal(answers.detail, 'line one\nline two');
});

test('text: a pattern refuses with the definition’s own words', () => {
  const patterned = sampleForm();
  Object.assign(patterned.pages[0]!.fields[0]!, {
    pattern: '[A-Z][0-9]{3}',
    patternError: { zh: '请按A123的格式填写', en: 'Enter it like A123' },
    requiredError: { zh: '请告诉我们您的姓名', en: 'Tell us your name' },
  });
  const result = (name: string) =>
    validatePage(patterned, 'about', { body: { ...about, name } }, { today, answers: {} });
  assert.ok(result('B123').ok);
  const wrong = result('B1234');
  assert.ok(!wrong.ok);
  assert.deepEqual(
    wrong.errors.map((e) => [answerErrorText(e, 'zh'), answerErrorText(e, 'en')]),
    [['请按A123的格式填写', 'Enter it like A123']],
  );
  const blank = result('');
  assert.ok(!blank.ok);
  assert.equal(answerErrorText(blank.errors[0]!, 'en'), 'Tell us your name');
});

test('id-number: normalised, checked with the checksum, full-width digits accepted', () => {
  assert.equal(
    accepted('about', { ...about, 'id-number': validIdNumber.toLowerCase() })['id-number'],
    validIdNumber,
  );
  const fullWidth = validIdNumber.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  assert.equal(accepted('about', { ...about, 'id-number': fullWidth })['id-number'], validIdNumber);
  assert.deepEqual(refused('about', { ...about, 'id-number': '110105194912310021' }), [
    [
      'id-number',
      '公民身份号码的校验位不正确，请核对后重新输入',
      'The check character of ID number is wrong; check the number',
    ],
  ]);
  assert.deepEqual(refused('about', { ...about, 'id-number': '12345' }), [
    [
      'id-number',
      '公民身份号码应为18位：17位数字加1位数字或字母X',
      'ID number must have 18 characters: 17 digits, then a digit or X',
    ],
  ]);
});

test('mobile: +86 and separators accepted, stored as 11 digits', () => {
  assert.equal(accepted('about', { ...about, mobile: '+86 138-0000-0001' }).mobile, '13800000001');
  assert.deepEqual(refused('about', { ...about, mobile: '12800000001' }), [
    [
      'mobile',
      '请填写正确的11位手机号码，如 13800000000',
      'Enter mobile number as an 11-digit mobile number, like 13800000000',
    ],
  ]);
});

test('credit-code and upload: checked on a page that applies', () => {
  const work = { purpose: 'work' };
  const pdf: UploadedFile = { id: 'f1', name: '证明.pdf', mediaType: 'application/pdf', size: 1000 };
  const answers = accepted('work', { employer: validCreditCode.toLowerCase() }, work, { proof: [pdf] });
  assert.deepEqual(answers, { employer: validCreditCode, proof: [pdf] });
  assert.deepEqual(
    refused('work', { employer: validCreditCode.replace('Y43', 'Y44') }, work, { proof: [pdf] }),
    [
      [
        'employer',
        '统一社会信用代码的校验位不正确，请对照营业执照核对',
        'The check character of credit code is wrong; check it against the business licence',
      ],
    ],
  );
});

test('upload: required, allowed types, size and number of files, in both languages', () => {
  const work = { purpose: 'work' };
  const body = { employer: validCreditCode };
  const file = (over: Partial<UploadedFile>): UploadedFile => ({
    id: 'f',
    name: 'a.pdf',
    mediaType: 'application/pdf',
    size: 10,
    ...over,
  });
  assert.deepEqual(refused('work', body, work, { proof: [] }), [
    ['proof', '请上传在职证明', 'Upload proof of employment'],
  ]);
  assert.deepEqual(refused('work', body, work, { proof: [file({ mediaType: 'image/png' })] }), [
    ['proof', '在职证明只能上传PDF、JPEG格式的文件', 'Proof of employment must be a PDF or JPEG file'],
  ]);
  assert.deepEqual(refused('work', body, work, { proof: [file({ size: 1024 * 1024 + 1 })] }), [
    [
      'proof',
      '在职证明的每个文件不能超过1 MB',
      'Each file for proof of employment must be smaller than 1 MB',
    ],
  ]);
  assert.deepEqual(refused('work', body, work, { proof: [file({}), file({}), file({})] }), [
    ['proof', '在职证明最多上传2个文件', 'Proof of employment: upload no more than 2 files'],
  ]);
  assert.equal(
    (accepted('work', body, work, { proof: [file({}), file({ mediaType: 'image/jpeg' })] }).proof as [])
      .length,
    2,
  );
});

test('plate and multiple choice: normalised, options order, unknown values refused', () => {
  const answers = accepted('vehicle', { plate: '京a·12345', trips: ['train', 'car', 'car'] });
  assert.deepEqual(answers, { plate: '京A12345', trips: ['car', 'train'] });
  assert.deepEqual(accepted('vehicle', { plate: '', trips: 'car' }), { trips: ['car'] });
  assert.deepEqual(refused('vehicle', { plate: 'XA12345', trips: ['car', 'plane'] }), [
    [
      'plate',
      '号牌号码的第一个字应为省、自治区、直辖市的简称，如“京”',
      'Plate number must start with the abbreviation of a province, like 京',
    ],
    ['trips', '请从列出的选项中选择出行方式', 'Select how you travel from the options given'],
  ]);
  assert.deepEqual(refused('vehicle', {}), [['trips', '请选择出行方式', 'Select how you travel']]);
});

test('single choice: one value of the options', () => {
  assert.deepEqual(accepted('purpose', { purpose: 'study' }), { purpose: 'study' });
  assert.deepEqual(refused('purpose', { purpose: ['study', 'work'] }), [
    ['purpose', '请从列出的选项中选择用途', 'Select purpose from the options given'],
  ]);
});

test('division and address: a county and a street address', () => {
  const home = { 'home.division': countyCode, 'home.address': '示范路1号', 'moved-in': '2025-06-01' };
  assert.deepEqual(accepted('home', home).home, { division: countyCode, address: '示范路1号' });
  // A prefecture without counties (东莞) is as precise as a county.
  assert.deepEqual(accepted('home', { ...home, 'home.division': '441900' }).home, {
    division: '441900',
    address: '示范路1号',
  });
  const cases: [PostedBody, string, string, string][] = [
    [
      { 'home.division': '', 'home.address': '' },
      'home.division',
      '请选择现住址所在的区县',
      'Select the district or county of home address',
    ],
    [
      { 'home.division': '350499' },
      'home.division',
      '现住址所选的行政区划不存在，请重新选择',
      'The district chosen for home address does not exist; choose again',
    ],
    [
      { 'home.division': '350400' },
      'home.division',
      '现住址请选择到区县一级',
      'Choose a district or county for home address, not only a province or city',
    ],
    [
      { 'home.division': '350000' },
      'home.division',
      '现住址请选择到区县一级',
      'Choose a district or county for home address, not only a province or city',
    ],
    [
      { 'home.address': ' ' },
      'home.address',
      '请填写现住址的详细地址（街道、小区、门牌号）',
      'Enter the street, estate and number of home address',
    ],
  ];
  for (const [change, name, zh, en] of cases) {
    assert.deepEqual(refused('home', { ...home, ...change }), [[name, zh, en]], JSON.stringify(change));
  }
});

test('date: the formats people type, real dates only, bounds relative to today', () => {
  const home = { 'home.division': countyCode, 'home.address': '示范路1号' };
  for (const typed of ['2025-06-01', '2025/6/1', '2025.06.01', '2025年6月1日', '２０２５年６月１日']) {
    assert.equal(accepted('home', { ...home, 'moved-in': typed })['moved-in'], '2025-06-01', typed);
  }
  assert.deepEqual(refused('home', { ...home, 'moved-in': '1 June' }), [
    ['moved-in', '请按“2026-03-02”的格式填写入住日期', 'Enter moved in as a date, like 2026-03-02'],
  ]);
  assert.deepEqual(refused('home', { ...home, 'moved-in': '2025-02-29' }), [
    ['moved-in', '入住日期不是真实的日期', 'Moved in must be a real date'],
  ]);
  assert.deepEqual(refused('home', { ...home, 'moved-in': '2025-03-01' }), [
    ['moved-in', '入住日期不能早于2025年3月2日', 'Moved in must be on or after 2 March 2025'],
  ]);
  assert.equal(accepted('home', { ...home, 'moved-in': '2025-03-02' })['moved-in'], '2025-03-02');
  assert.deepEqual(refused('home', { ...home, 'moved-in': '2026-03-03' }), [
    ['moved-in', '入住日期不能晚于2026年3月2日', 'Moved in must be on or before 2 March 2026'],
  ]);
});

test('a question shown by an answer above it on the same page', () => {
  assert.deepEqual(accepted('purpose', { purpose: 'work', detail: 'ignored' }), { purpose: 'work' });
  assert.deepEqual(refused('purpose', { purpose: 'other' }), [['detail', '请填写用途说明', 'Enter details']]);
});

test('repeating group: items by index, blank items skipped, each member checked with its item’s name', () => {
  const car = { trips: ['car'] };
  const answers = accepted(
    'family',
    {
      'members[0].name': '李一',
      'members[0].born': '2001-02-03',
      'members[1].name': '',
      'members[1].born': '',
      'members[4].name': '李二',
    },
    car,
  );
  assert.deepEqual(answers.members, [{ name: '李一', born: '2001-02-03' }, { name: '李二' }]);
  assert.deepEqual(refused('family', { 'members[0].name': '', 'members[0].born': '2001-02-30' }, car), [
    ['members[0].name', '请填写成员1：姓名', 'Enter member 1: Name'],
    ['members[0].born', '成员1：出生日期不是真实的日期', 'Member 1: Date of birth must be a real date'],
  ]);
});

test('repeating group: fewer or more items than allowed', () => {
  const car = { trips: ['car'] };
  assert.deepEqual(refused('family', {}, car), [
    ['members', '家庭成员至少需要填写1项', 'Family members: add at least 1'],
  ]);
  assert.deepEqual(
    refused('family', { 'members[0].name': '甲', 'members[1].name': '乙', 'members[2].name': '丙' }, car),
    [['members', '家庭成员最多填写2项', 'Family members: add no more than 2']],
  );
});

test('a page is checked against the answers that still apply before it', () => {
  // The family page's condition is not met: it has no questions to check.
  assert.deepEqual(accepted('family', {}, { trips: ['train'] }), {});
  assert.throws(() => check('nowhere', {}), /has no page "nowhere"/);
});

test('saving a page replaces what it said before', () => {
  const before: Answers = { purpose: 'other', detail: 'old', plate: '京A12345', trips: ['car'] };
  assert.deepEqual(savePage(form, 'vehicle', before, { trips: ['train'] }), {
    purpose: 'other',
    detail: 'old',
    trips: ['train'],
  });
});

test('page inputs: earlier answers first, then the verified profile', () => {
  const profile = { name: '李示范', idNumber: validIdNumber, mobile: '13800000001', address: '示范路1号' };
  assert.deepEqual(pageInputs(form.pages[0]!, { name: '李四' }, profile), {
    name: '李四',
    'id-number': validIdNumber,
    mobile: '13800000001',
  });
  assert.deepEqual(pageInputs(form.pages[4]!, {}, profile), { 'home.address': '示范路1号' });
  const family = { members: [{ name: '李一', born: '2001-02-03' }] };
  assert.deepEqual(pageInputs(form.pages[5]!, family), {
    'members[0].name': '李一',
    'members[0].born': '2001-02-03',
  });
});

test('every message names its question in both languages', () => {
  const label = { zh: '某项', en: 'Some item' };
  for (const key of formMessageKeys) {
    const params = { label, min: 1, max: 2, date: today, types: ['pdf'], bytes: 2048 };
    const zh = formMessage('zh', key, params);
    const en = formMessage('en', key, params);
    assert.ok(zh.includes('某项'), `${key}: ${zh}`);
    assert.ok(/some item/i.test(en), `${key}: ${en}`);
    assert.ok(!/undefined|NaN/.test(zh + en), `${key}: ${zh} / ${en}`);
  }
});
