import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { outbox } from '../../src/exchange/tables.ts';
import { applications, caseDocuments } from '../../src/portal/db/schema.ts';
import { LEGAL_TEXT_NOTE } from '../../src/workbench/documents/content.en.ts';
import { readRenderedPdf, type PdfReading } from '../../src/workbench/documents/pdf-reading.fixture.ts';
import { QR_MODULE } from '../../src/workbench/documents/render.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { type TestZone } from '../helpers/zones.ts';
import {
  answer,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  start,
  startApplyZone,
  verifiedCitizen,
} from '../portal/applications.helpers.ts';
import { claimAndAct, officerAt, startCaseWorkbench } from '../workbench/cases.support.ts';
import type { Workbench } from '../workbench/support.ts';

// The acceptance notice (受理回执) reaches an applicant who reads English as well: its English copy crosses with
// the Chinese notice (case.document.issued version 2), is offered on the case page, says that the Chinese is the
// legal text, and carries the same verification code and QR code, which the verification page answers for both.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  portal = await startApplyZone();
  workbench = await startCaseWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.close();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The QR code's dark modules as "row,col" from its top-left corner, read from the page's filled squares. */
function qrModules(reading: PdfReading): string[] {
  const squares = reading.rects.filter((r) => r.w === QR_MODULE && r.h === QR_MODULE);
  const left = Math.min(...squares.map((r) => r.x));
  const top = Math.min(...squares.map((r) => r.y));
  return squares
    .map((r) => `${Math.round((r.y - top) / QR_MODULE)},${Math.round((r.x - left) / QR_MODULE)}`)
    .sort();
}

/** The dark modules of the QR code a reader's phone would make of `url`. */
function expectedModules(url: string): string[] {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const dark: string[] = [];
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) dark.push(`${row},${col}`);
  return dark.sort();
}

test('an accepted application’s notice comes in English too, with the same verification', async () => {
  const person = await verifiedCitizen(portal);
  let page = await start(person.client, 'no-criminal-record-certificate');
  const id = applicationIdOf(page);
  for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  assert.equal(
    (await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf })).statusCode,
    303,
  );
  const [row] = await portal.services.db.select().from(applications).where(eq(applications.id, id));
  const number = row!.caseNumber!;
  await boundary.thereAndBack();
  const clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  await claimAndAct(clerk, number, 'accept', { message: '材料齐全，予以受理' });
  await boundary.thereAndBack();

  const [notice] = await portal.services.db
    .select()
    .from(caseDocuments)
    .where(eq(caseDocuments.caseNumber, number));
  assert.equal(notice?.kind, 'acceptance-notice');
  assert.ok(notice.englishContent && notice.englishSha256, 'the English copy crossed with the notice');
  assert.equal(sha256(notice.englishContent), notice.englishSha256);

  // The case page offers it, in English and in Chinese, beside the Chinese notice.
  const href = `/my/cases/${number}/documents/${notice.id}`;
  const en = await person.client.get(`/my/cases/${number}?lang=en`);
  assert.match(en.body, new RegExp(`href="${href}/en"`));
  assert.match(en.body, /English copy \(PDF, \d+ KB\)/);
  assert.match(en.body, /the Chinese document is the legal one/);
  const zh = await person.client.get(`/my/cases/${number}`);
  assert.match(zh.body, /英文参考译本，具有法律效力的是中文文书/);
  const api = await person.client.json('GET', `/api/v1/my/cases/${number}`);
  const listed = (JSON.parse(api.body) as { documents: { englishHref: string | null }[] }).documents;
  assert.deepEqual(
    listed.map((d) => d.englishHref),
    [`${href}/en`],
  );

  const chinese = await person.client.get(href);
  const english = await person.client.get(`${href}/en`);
  assert.equal(english.statusCode, 200);
  assert.equal(english.headers['content-type'], 'application/pdf');
  assert.match(String(english.headers['content-disposition']), /^attachment;.*-en\.pdf/);
  assert.equal(english.headers['content-security-policy'], 'sandbox');
  assert.ok(english.rawPayload.equals(notice.englishContent));
  assert.ok(chinese.rawPayload.equals(notice.content), 'the Chinese notice is unchanged');

  const zhReading = await readRenderedPdf(chinese.rawPayload);
  const enReading = await readRenderedPdf(english.rawPayload);
  assert.ok(
    enReading.text.includes(LEGAL_TEXT_NOTE.replace(/\s+/g, '')) || enReading.text.includes(LEGAL_TEXT_NOTE),
  );
  assert.match(enReading.text, /Notice\s*of\s*Acceptance/);
  const verifyUrl = (reading: PdfReading) => /https?:\/\/\S+?\/verify\/([A-Z2-7]{26})/.exec(reading.text);
  assert.equal(verifyUrl(zhReading)?.[1], notice.verificationCode);
  assert.equal(verifyUrl(enReading)?.[0], verifyUrl(zhReading)?.[0], 'one verification address');
  // Both QR codes are the one a phone makes of that address.
  const expected = expectedModules(verifyUrl(zhReading)![0]);
  assert.deepEqual(qrModules(zhReading), expected);
  assert.deepEqual(qrModules(enReading), expected);

  // The verification page answers for both files, each by its own digest.
  const verified = await portal.app.inject({
    method: 'GET',
    url: `/verify/${notice.verificationCode}?lang=en`,
  });
  assert.equal(verified.statusCode, 200);
  assert.match(verified.body, /Genuine/);
  assert.match(verified.body, new RegExp(sha256(chinese.rawPayload)));
  assert.match(verified.body, new RegExp(sha256(english.rawPayload)));
  assert.match(verified.body, /English copy’s digest/);

  // Another person gets neither.
  const other = await verifiedCitizen(portal);
  assert.equal((await other.client.get(`${href}/en`)).statusCode, 404);
});
