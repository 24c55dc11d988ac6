import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { sampleItem } from '../catalog/item.fixture.ts';
import type { ServiceItem } from '../catalog/item.schema.ts';
import { loadCatalogItems } from '../catalog/load.ts';
import { savePage, validatePage, type Answers, type PostedBody, type UploadedFile } from './form.answers.ts';
import { loadApplicationForms } from './form.catalog.ts';
import { resolveDateBound } from './form.dates.ts';
import { countyCode, sampleForm, validCreditCode, validIdNumber } from './form.fixture.ts';
import { applicablePages, nextPage, submission } from './form.flow.ts';
import { FormDefinitionError } from './form.load.ts';
import {
  uploadMediaTypes,
  type FormDefinition,
  type FormPage,
  type GroupField,
  type Question,
  type UploadField,
} from './form.schema.ts';

const items = loadCatalogItems();
const forms = loadApplicationForms(undefined, items);
const itemOf = (id: string) => items.find((item) => item.id === id)!;

// The list is spelled out so that a form file removed or renamed by mistake is noticed.
const formsOnFile = [
  'birth-registration',
  'death-registration',
  'detainee-leave-application',
  'driver-contact-change',
  'ethnicity-change',
  'exit-entry-records-query',
  'fire-accident-determination-review',
  'fire-venue-opening-check',
  'fireworks-road-transport-licence',
  'foreigner-accommodation-registration',
  'hk-macau-permit-first-issue',
  'hk-macau-re-endorsement',
  'hotel-special-trade-licence',
  'household-move-in',
  'id-card-first-issue',
  'id-card-renewal',
  'id-card-replacement',
  'large-event-safety-licence',
  'licence-renewal-on-expiry',
  'licence-replacement',
  'mlps-filing',
  'no-criminal-record-certificate',
  'passport-first-issue',
  'passport-reissue',
  'precursor-cat1-purchase-licence',
  'precursor-cat1-transport-licence',
  'precursor-cat2-3-purchase-filing',
  'precursor-cat2-transport-licence',
  'precursor-cat3-transport-filing',
  'residence-permit-endorsement',
  'residence-permit',
  'seal-engraving-filing',
  'security-guard-certificate',
  'taiwan-permit-first-issue',
  'toxic-chemical-purchase-licence',
  'vehicle-inspection-sticker',
  'website-filing-change',
  'website-security-filing',
];

test('every form on file loads against its item', () => {
  assert.deepEqual(
    forms.map((f) => f.id),
    formsOnFile,
  );
});

test('every upload names a material its item lists, and none the police always fetch', () => {
  for (const form of forms) {
    const materials = itemOf(form.id).situations.flatMap((s) => s.materials);
    for (const field of form.pages.flatMap((p) => p.fields)) {
      if (field.type !== 'upload') continue;
      const listed = materials.filter((m) => m.code === field.material);
      assert.ok(listed.length > 0, `${form.id}: ${field.id} names ${field.material}`);
      assert.ok(
        listed.some((m) => !m.policeCanFetch),
        `${form.id}: ${field.id} asks for a fetched material`,
      );
    }
  }
});

// What a person could type into each question; a pattern needs a sample here, so a new one is noticed.
const patternSamples: Record<string, string> = {
  'permit-number': 'C12345678',
  'relative-id': 'A123456(7)',
  'archive-number': '350400123456',
  'photo-receipt': 'AB123456',
  quantity: '12.5',
  'room-count': '20',
  'bed-count': '36',
  'guard-count': '3',
  domain: 'example.cn',
  'icp-number': '闽ICP备12345678号-1',
  'filing-number': '35040002000123',
  cases: '120',
  attendance: '8000',
  tickets: '7500',
  'venue-capacity': '12000',
  users: '3000',
  'passport-number': 'E12345678',
  'birth-certificate-number': 'R350123456',
  'vin-last6': 'A12345',
  'floor-area': '850.5',
};
const today = '2026-03-02';

function typeInto(
  body: Record<string, string | string[]>,
  name: string,
  field: Exclude<Question, GroupField | UploadField>,
  pick: number,
): void {
  switch (field.type) {
    case 'text':
      body[name] = field.pattern
        ? (patternSamples[field.id] ?? 'no sample')
        : '示例'.slice(0, field.maxLength);
      return;
    case 'id-number':
      body[name] = validIdNumber;
      return;
    case 'credit-code':
      body[name] = validCreditCode;
      return;
    case 'plate':
      body[name] = '京A12345';
      return;
    case 'mobile':
      body[name] = '13800000001';
      return;
    case 'division-and-address':
      body[`${name}.division`] = countyCode;
      body[`${name}.address`] = '示范路1号';
      return;
    case 'date':
      body[name] = resolveDateBound(field.max ?? field.min ?? 'today', today)!;
      return;
    case 'choice': {
      const option = field.options[pick % field.options.length]!.value;
      body[name] = field.multiple ? [option] : option;
      return;
    }
  }
}

function fill(page: FormPage, pick: number): { body: PostedBody; files: Record<string, UploadedFile[]> } {
  const body: Record<string, string | string[]> = {};
  const files: Record<string, UploadedFile[]> = {};
  for (const field of page.fields) {
    if (field.type === 'group') {
      for (const member of field.fields) typeInto(body, `${field.id}[0].${member.id}`, member, pick);
    } else if (field.type === 'upload') {
      const type = uploadMediaTypes[field.accept[0]!];
      files[field.id] = [{ id: field.id, name: `${field.id}.bin`, mediaType: type, size: 1000 }];
    } else typeInto(body, field.id, field, pick);
  }
  return { body, files };
}

/** Walks a form from its first page to submission, choosing options by `picks`. */
function walkThrough(
  form: FormDefinition,
  picks: readonly number[],
): { answers: Answers; visited: string[] } {
  let answers: Answers = {};
  const visited: string[] = [];
  for (let page: FormPage | undefined = applicablePages(form, {})[0]; page;) {
    const result = validatePage(form, page.id, fill(page, picks[visited.length] ?? 0), { today, answers });
    assert.ok(result.ok, `${form.id}/${page.id}: ${JSON.stringify(!result.ok && result.errors)}`);
    answers = savePage(form, page.id, answers, result.answers);
    visited.push(page.id);
    page = nextPage(form, page.id, answers);
  }
  return { answers: submission(form, answers).answers, visited };
}

test('property: every form can be filled in and submitted along any choice of options', () => {
  for (const form of forms) {
    fc.assert(
      fc.property(fc.array(fc.nat(60), { maxLength: form.pages.length }), (picks) => {
        walkThrough(form, picks);
      }),
      { numRuns: 40 },
    );
  }
});

test('licence renewal: the photo and the medical certificate are asked only after a check elsewhere', () => {
  const form = forms.find((f) => f.id === 'licence-renewal-on-expiry')!;
  const route = form.pages.findIndex((p) => p.id === 'medical');
  const picks = (option: number) => Object.assign(new Array<number>(route).fill(0), { [route]: option });
  const networked = walkThrough(form, picks(0));
  assert.ok(!networked.visited.includes('photo') && networked.answers['medical-certificate'] === undefined);
  const elsewhere = walkThrough(form, picks(1));
  assert.ok(elsewhere.visited.includes('photo'));
  assert.ok(elsewhere.answers['medical-certificate'] && elsewhere.answers['licence-photo']);
});

test('seal engraving: an agent is asked for the authorisation, the legal representative is not', () => {
  const form = forms.find((f) => f.id === 'seal-engraving-filing')!;
  const role = form.pages.findIndex((p) => p.id === 'applicant-role');
  const asRepresentative = walkThrough(form, Object.assign(new Array<number>(role).fill(0), { [role]: 0 }));
  assert.ok(!asRepresentative.visited.includes('authorisation'));
  const asAgent = walkThrough(form, Object.assign(new Array<number>(role).fill(0), { [role]: 1 }));
  assert.ok(asAgent.visited.includes('agent') && asAgent.visited.includes('authorisation'));
  assert.ok(asAgent.answers.mandate);
});

function loadWith(files: Record<string, unknown>, catalogue: ServiceItem[]): FormDefinition[] {
  const dir = mkdtempSync(join(tmpdir(), 'forms-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return loadApplicationForms(dir, catalogue);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formItem(change?: (item: ServiceItem) => void): ServiceItem {
  const item = sampleItem();
  item.onlineForm = 'sample-licence';
  item.audience = 'person';
  item.situations[0]!.materials.push(
    { ...item.situations[0]!.materials[0]!, code: 'proof', name: '在职证明', source: 'applicant' },
    { ...item.situations[0]!.materials[0]!, code: 'register', name: '居民户口簿', policeCanFetch: true },
  );
  change?.(item);
  return item;
}

function refusal(files: Record<string, unknown>, catalogue: ServiceItem[]): string[] {
  try {
    loadWith(files, catalogue);
  } catch (err) {
    if (err instanceof FormDefinitionError) return [...err.problems];
    throw err;
  }
  assert.fail('expected the forms to be refused');
}

test('the loader checks each file against its item', () => {
  const file = { 'sample-licence.json': sampleForm() };
  assert.deepEqual(
    loadWith(file, [formItem()]).map((f) => f.id),
    ['sample-licence'],
  );
  assert.deepEqual(refusal({ 'other.json': sampleForm() }, [formItem()]), [
    'no catalogue item "other" for this form',
  ]);
  assert.deepEqual(refusal({ 'sample-licence.json': '{' }, [formItem()]).length, 1);
  assert.deepEqual(refusal(file, [formItem((i) => delete i.onlineForm)]), [
    'the item "sample-licence" does not name this form (onlineForm is not set)',
  ]);
  assert.deepEqual(refusal(file, [formItem((i) => (i.onlineDepth.levels = ['online-enquiry']))]), [
    'the item "sample-licence" does not take applications online (no online-submission)',
  ]);
  assert.deepEqual(refusal(file, [formItem((i) => (i.audience = 'company'))]), [
    '/applicant: "person" but the item is for "company"',
  ]);
  assert.deepEqual(refusal({ 'sample-licence.json': { ...sampleForm(), id: 'sample' } }, [formItem()]), [
    '/id: "sample" does not match the file name',
  ]);
  assert.deepEqual(refusal({}, [formItem()]), [
    'the item "sample-licence" names this form, which does not exist',
  ]);
});

// Bookings, reports, traffic violations and accident settlement have journeys of their own, not a form here.
const handledElsewhere = new Set([
  'cyber-crime-report',
  'detainee-family-visit-booking',
  'detention-open-day-booking',
  'fire-education-visit-booking',
  'fire-hazard-report',
  'lawyer-meeting-booking',
  'minor-accident-online-settlement',
  'traffic-violation-handling',
]);

test('every item that takes applications online has a form, except those with journeys of their own', () => {
  const missing = items
    .filter((item) => item.onlineDepth.levels.includes('online-submission'))
    .filter((item) => !handledElsewhere.has(item.id) && item.onlineForm === undefined)
    .map((item) => item.id);
  assert.deepEqual(missing, []);
});

test('a company form prefills the company name and credit code from the verified company', () => {
  for (const form of forms.filter((f) => f.applicant === 'company')) {
    const prefilled = form.pages
      .flatMap((p) => p.fields)
      .map((f) => ('prefill' in f ? f.prefill : undefined));
    assert.ok(prefilled.includes('companyName') && prefilled.includes('companyCreditCode'), form.id);
  }
});

/** Walks `id` choosing `option` on the page at `pageIndex` (counted among the pages shown) and 0 elsewhere. */
function walkChoosing(id: string, pageIndex: number, option: number): ReturnType<typeof walkThrough> {
  const form = forms.find((f) => f.id === id)!;
  return walkThrough(form, Object.assign(new Array<number>(pageIndex).fill(0), { [pageIndex]: option }));
}

test('precursor purchase licence: a research institution uploads its registration, a business does not', () => {
  const business = walkChoosing('precursor-cat1-purchase-licence', 0, 0);
  assert.ok(!business.visited.includes('registration'));
  const institution = walkChoosing('precursor-cat1-purchase-licence', 0, 1);
  assert.ok(institution.visited.includes('registration') && institution.answers['registration-certificate']);
});

test('hotel licence: the commitment is asked only when the licence is decided on a commitment', () => {
  assert.ok(walkChoosing('hotel-special-trade-licence', 0, 0).answers.commitment);
  const inspected = walkChoosing('hotel-special-trade-licence', 0, 1);
  assert.ok(!inspected.visited.includes('commitment') && inspected.answers.commitment === undefined);
});

test('large event: joint organisers upload their agreement, a single organiser does not', () => {
  const single = walkChoosing('large-event-safety-licence', 0, 0);
  assert.ok(single.answers['safety-officer-id'] && !single.visited.includes('co-organisers'));
  const joint = walkChoosing('large-event-safety-licence', 0, 1);
  assert.ok(joint.answers['joint-agreement'] && joint.answers['organisers-safety-officer-ids']);
  assert.equal(joint.answers['safety-officer-id'], undefined);
});

test("birth registration: the father's details are skipped only for an unmarried mother registering alone", () => {
  const basis = 3;
  const visits = (option: number) => walkChoosing('birth-registration', basis, option).visited;
  assert.deepEqual(
    [0, 1, 2, 3].map((option) => visits(option).includes('father')),
    [true, true, false, true],
  );
});
