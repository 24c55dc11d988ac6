import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleItem } from '../catalog/item.fixture.ts';
import { sampleForm, sampleMaterials } from './form.fixture.ts';
import { FormDefinitionError, formProblems, itemMaterials, loadFormDefinition } from './form.load.ts';
import type { FormDefinition, FormField } from './form.schema.ts';

type Mutate = (form: FormDefinition) => void;

function problems(mutate: Mutate): string[] {
  const form = sampleForm();
  mutate(form);
  return formProblems(form, sampleMaterials());
}

const page = (form: FormDefinition, id: string) => form.pages.find((p) => p.id === id)!;
const field = (form: FormDefinition, id: string): FormField =>
  form.pages.flatMap((p) => p.fields).find((f) => f.id === id)!;

test('the sample form loads clean', () => {
  assert.deepEqual(formProblems(sampleForm(), sampleMaterials()), []);
  assert.equal(loadFormDefinition(sampleForm(), sampleMaterials()).id, 'sample-licence');
});

test('a refused definition names its source and every problem', () => {
  const form = sampleForm();
  form.pages[0]!.fields = [];
  form.checkedByPolice = ['nothing'];
  assert.throws(
    () => loadFormDefinition(form, sampleMaterials(), 'catalog/applications/sample-licence.json'),
    (err: unknown) =>
      err instanceof FormDefinitionError &&
      err.source === 'catalog/applications/sample-licence.json' &&
      err.problems.length === 2,
  );
});

test('schema: a question reports against the schema of its own type only', () => {
  assert.deepEqual(
    problems((f) => delete (field(f, 'name') as { maxLength?: number }).maxLength),
    ['/pages/0/fields/0: must have required properties maxLength'],
  );
  assert.deepEqual(
    problems((f) => void ((field(f, 'mobile') as { colour?: string }).colour = 'blue')),
    ['/pages/0/fields/2: unknown property "colour"'],
  );
  assert.deepEqual(
    problems((f) => void ((field(f, 'mobile') as { type: string }).type = 'phone')),
    [
      '/pages/0/fields/2/type: must be one of text, id-number, credit-code, plate, mobile, division-and-address, date, choice, group, upload',
    ],
  );
});

test('schema: form-level and group problems are reported with their paths', () => {
  assert.deepEqual(
    problems((f) => void ((f as { version: number }).version = 0)),
    ['/version: must be >= 1'],
  );
  assert.deepEqual(
    problems((f) => {
      const members = field(f, 'members') as Extract<FormField, { type: 'group' }>;
      // An upload inside a group, which the types forbid: the loader must refuse it too.
      (members.fields as unknown[]).push({ ...field(f, 'proof') });
    }),
    [
      '/pages/5/fields/0/fields/2/type: a question in a group must be one of text, id-number, credit-code, plate, mobile, division-and-address, date, choice',
    ],
  );
  assert.deepEqual(
    problems((f) => void ((field(f, 'proof') as { accept: string[] }).accept = ['gif'])),
    ['/pages/2/fields/1/accept/0: must be equal to one of the allowed values'],
  );
});

test('duplicate question ids', () => {
  assert.deepEqual(
    problems((f) => void (page(f, 'vehicle').fields[0]!.id = 'name')),
    ['/pages/3/fields/0/id: "name" is also the id of /pages/0/fields/0'],
  );
});

test('duplicate page ids', () => {
  assert.deepEqual(
    problems((f) => void (page(f, 'vehicle').id = 'about')),
    ['/pages/3/id: page "about" is also /pages/0'],
  );
});

test('duplicate ids inside a group', () => {
  assert.deepEqual(
    problems((f) => {
      const members = field(f, 'members') as Extract<FormField, { type: 'group' }>;
      members.fields[1]!.id = 'name';
    }),
    ['/pages/5/fields/0/fields/1/id: "name" is twice in this group'],
  );
});

test('a condition on an unknown question', () => {
  assert.deepEqual(
    problems((f) => void (field(f, 'detail').showIf = { field: 'purpse', equals: 'other' })),
    ['/pages/1/fields/1/showIf/field: no question "purpse" in this form'],
  );
});

test('a condition on a question of a later page', () => {
  assert.deepEqual(
    problems((f) => void (page(f, 'work').showIf = { field: 'plate', answered: true })),
    ['/pages/2/showIf/field: "plate" is asked later (/pages/3/fields/0); a condition looks back only'],
  );
});

test('a condition on a question later on the same page, on itself, or a page on its own question', () => {
  assert.deepEqual(
    problems((f) => void (field(f, 'name').showIf = { field: 'mobile', answered: true })),
    [
      '/pages/0/fields/0/showIf/field: "mobile" is asked later (/pages/0/fields/2); a condition looks back only',
    ],
  );
  assert.deepEqual(
    problems((f) => void (field(f, 'name').showIf = { field: 'name', answered: true })),
    ['/pages/0/fields/0/showIf/field: a question cannot depend on itself'],
  );
  assert.deepEqual(
    problems((f) => void (page(f, 'vehicle').showIf = { field: 'plate', answered: true })),
    ['/pages/3/showIf/field: "plate" is on this page; a page\'s condition looks at earlier pages'],
  );
});

test('a condition on a question inside a group', () => {
  assert.deepEqual(
    problems((f) => {
      f.pages.push({ id: 'after', title: page(f, 'about').title, fields: [] });
      f.pages
        .at(-1)!
        .fields.push({ ...field(f, 'plate'), id: 'late', showIf: { field: 'born', answered: true } });
    }),
    [
      '/pages/6/fields/0/showIf/field: "born" is inside the group "members", which a condition cannot look into',
    ],
  );
});

test('a condition with none or several of equals, oneOf, answered', () => {
  assert.deepEqual(
    problems((f) => void (field(f, 'detail').showIf = { field: 'purpose' })),
    ['/pages/1/fields/1/showIf: give exactly one of equals, oneOf, answered (found none)'],
  );
  assert.deepEqual(
    problems((f) => void (field(f, 'detail').showIf = { field: 'purpose', equals: 'other', answered: true })),
    ['/pages/1/fields/1/showIf: give exactly one of equals, oneOf, answered (found equals, answered)'],
  );
});

test('equals and oneOf compare choices only', () => {
  assert.deepEqual(
    problems((f) => void (page(f, 'work').showIf = { field: 'name', equals: 'li' })),
    ['/pages/2/showIf: "name" is a text question; equals and oneOf compare choices (use answered)'],
  );
});

test('a condition value that is not an option', () => {
  assert.deepEqual(
    problems((f) => void (page(f, 'work').showIf = { field: 'purpose', equals: 'job' })),
    ['/pages/2/showIf: "job" is not an option of "purpose" (work, study, other)'],
  );
  assert.deepEqual(
    problems((f) => void (page(f, 'work').showIf = { field: 'purpose', oneOf: ['work', 'leisure'] })),
    ['/pages/2/showIf: "leisure" is not an option of "purpose" (work, study, other)'],
  );
});

test('an upload of a material the item does not list', () => {
  assert.deepEqual(
    problems((f) => void ((field(f, 'proof') as { material: string }).material = 'payslip')),
    [
      '/pages/2/fields/1/material: "payslip" is not a material of the item (it lists proof, register, licence)',
    ],
  );
  const uncoded = itemMaterials(sampleItem());
  assert.deepEqual(formProblems(sampleForm(), uncoded).slice(0, 1), [
    '/pages/2/fields/1/material: "proof" is not a material of the item (it gives its materials no codes)',
  ]);
});

test('an upload of a material the police always look up themselves', () => {
  assert.deepEqual(
    problems((f) => {
      (field(f, 'proof') as { material: string }).material = 'register';
      f.checkedByPolice = [];
    }),
    [
      '/pages/2/fields/1/material: the item says the police look up "register" (居民户口簿) themselves; it must not be asked for (国务院令716号 Art. 7)',
    ],
  );
});

test('a material both asked for and checked by the police', () => {
  assert.deepEqual(
    problems((f) => {
      (field(f, 'proof') as { material: string }).material = 'licence';
      f.checkedByPolice.push('licence');
    }),
    ['/checkedByPolice/1: "licence" is asked for by /pages/2/fields/1 and marked checked by the police'],
  );
});

test('checkedByPolice naming an unknown material, or one the police never look up', () => {
  assert.deepEqual(
    problems((f) => void (f.checkedByPolice = ['register', 'passport', 'proof'])),
    [
      '/checkedByPolice/1: "passport" is not a material of the item (it lists proof, register, licence)',
      '/checkedByPolice/2: the item never lets the police look up "proof" (在职证明) themselves',
      '/checkedByPolice/2: "proof" is asked for by /pages/2/fields/1 and marked checked by the police',
    ],
  );
});

test('an empty page', () => {
  assert.deepEqual(
    problems((f) => void (page(f, 'home').fields = [])),
    ['/pages/4/fields: page "home" asks no question'],
  );
});

test('prefill of an unknown profile key', () => {
  assert.deepEqual(
    problems((f) => void (field(f, 'name').prefill = 'fullName')),
    [
      '/pages/0/fields/0/prefill: unknown profile key "fullName" (name, idNumber, sex, birthDate, mobile, email, address, companyName, companyCreditCode, companyRole)',
    ],
  );
});

test('prefill into a question it cannot fill', () => {
  assert.deepEqual(
    problems((f) => void (field(f, 'name').prefill = 'idNumber')),
    ['/pages/0/fields/0/prefill: "idNumber" cannot fill a text question (it fills id-number)'],
  );
  assert.deepEqual(
    problems((f) => void (field(f, 'name').prefill = 'companyName')),
    ['/pages/0/fields/0/prefill: "companyName" is known only when a company applies (applicant is "person")'],
  );
  assert.deepEqual(
    problems((f) => void (field(f, 'purpose').prefill = 'sex')),
    ['/pages/1/fields/0/prefill: "sex" fills male, female, which are not options here'],
  );
});

test('inconsistent limits of a question', () => {
  assert.deepEqual(
    problems((f) => void ((field(f, 'name') as { minLength: number }).minLength = 11)),
    ['/pages/0/fields/0/minLength: minLength 11 is more than maxLength 10'],
  );
  assert.deepEqual(
    problems((f) => void ((field(f, 'members') as { minItems: number }).minItems = 3)),
    ['/pages/5/fields/0/minItems: minItems 3 is more than maxItems 2'],
  );
  assert.deepEqual(
    problems((f) => void ((field(f, 'moved-in') as { min: string }).min = 'today+1d')),
    ['/pages/4/fields/1/min: min "today+1d" is after max "today"'],
  );
  assert.deepEqual(
    problems((f) => Object.assign(field(f, 'moved-in'), { min: '2026-02-30', max: '2026-01-01' })),
    ['/pages/4/fields/1/min: "2026-02-30" is not a real date'],
  );
});

test('patterns need their words, and must compile', () => {
  const [compile, words, ...rest] = problems(
    (f) => void ((field(f, 'name') as { pattern: string }).pattern = '[a-z'),
  );
  assert.match(compile ?? '', /^\/pages\/0\/fields\/0\/pattern: not a regular expression \(.*\)$/);
  assert.equal(words, '/pages/0/fields/0: a pattern needs its patternError words');
  assert.deepEqual(rest, []);
  assert.deepEqual(
    problems(
      (f) => void ((field(f, 'name') as { patternError: object }).patternError = { zh: '错', en: 'Wrong' }),
    ),
    ['/pages/0/fields/0/patternError: patternError without a pattern'],
  );
});

test('a choice with the same value twice', () => {
  assert.deepEqual(
    problems((f) => {
      const choice = field(f, 'trips') as Extract<FormField, { type: 'choice' }>;
      choice.options[1]!.value = 'car';
    }),
    ['/pages/3/fields/1/options/1/value: "car" is twice'],
  );
});

test('every problem of a definition is reported at once', () => {
  const found = problems((f) => {
    page(f, 'home').fields = [];
    field(f, 'name').prefill = 'nickname';
    field(f, 'detail').showIf = { field: 'purpose', equals: 'holiday' };
  });
  assert.equal(found.length, 3, found.join('\n'));
});
