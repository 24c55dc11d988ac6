import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { caseDocumentIssued } from '../../src/exchange/contracts/index.ts';
import { caseDocuments } from '../../src/portal/cases/cases.tables.ts';
import { notifications } from '../../src/portal/db/schema.ts';
import { buildPdf } from '../../src/shared/files/pdf.fixture.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { deliver, submittedCase } from './cases.fixture.ts';

let zone: TestZone;
let me: RegisteredCitizen;
before(async () => {
  zone = await startTestZone('portal');
  me = await registerCitizen(zone);
});
after(() => zone.close());

const CODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const pdf = buildPdf({ content: 'BT /F1 12 Tf 72 712 Td (certificate) Tj ET' });

function issued(theCase: { id: string; caseNumber: string }, overrides: Record<string, unknown> = {}) {
  return {
    documentId: randomUUID(),
    caseNumber: theCase.caseNumber,
    applicationId: theCase.id,
    kind: 'certificate',
    documentNumber: 'WFZ-2026-000123',
    verificationCode: CODE,
    holderMasked: '示*甲',
    unitName: '示范市公安局城东派出所',
    issuedAt: '2026-12-07T03:00:00.000Z',
    validUntil: '2027-03-07',
    sha256: createHash('sha256').update(pdf).digest('hex'),
    file: { name: 'certificate.pdf', declaredType: 'application/pdf', data: pdf.toString('base64') },
    ...overrides,
  };
}

let caseNumber = '';
let documentId = '';

describe('documents issued on a case', () => {
  test('are kept once, listed on the case and announced to the applicant', async () => {
    const theCase = await submittedCase(zone, me.id);
    caseNumber = theCase.caseNumber;
    const message = issued(theCase);
    documentId = message.documentId;
    await deliver(zone, caseDocumentIssued, message);
    await deliver(zone, caseDocumentIssued, message);
    const rows = await zone.services.db
      .select()
      .from(caseDocuments)
      .where(eq(caseDocuments.applicationId, theCase.id));
    assert.equal(rows.length, 1);
    const sms = await zone.services.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipient, me.mobile));
    assert.equal(sms.filter((n) => n.body.includes(caseNumber)).length, 1);
    const page = await me.client.get(`/my/cases/${caseNumber}`);
    assert.match(page.body, new RegExp(`/my/cases/${caseNumber}/documents/${documentId}`));
    assert.match(page.body, /电子证明（WFZ-2026-000123/);
  });

  test('a document whose content does not match its hash is refused', async () => {
    const theCase = await submittedCase(zone, me.id);
    await assert.rejects(
      deliver(
        zone,
        caseDocumentIssued,
        issued(theCase, { verificationCode: 'BBBBBBBBBBBBBBBBBBBBBBBBBB', sha256: '0'.repeat(64) }),
      ),
    );
    const rows = await zone.services.db
      .select()
      .from(caseDocuments)
      .where(eq(caseDocuments.applicationId, theCase.id));
    assert.equal(rows.length, 0);
  });

  test('download as an attachment under a sandbox policy, for the applicant only', async () => {
    const url = `/my/cases/${caseNumber}/documents/${documentId}`;
    const file = await me.client.get(url);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /^attachment;/);
    assert.match(String(file.headers['content-disposition']), /WFZ-2026-000123\.pdf/);
    assert.equal(file.headers['content-security-policy'], 'sandbox');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.ok(file.rawPayload.equals(pdf));
    // Version 1 carries no English copy, and a certificate has none: there is nothing to download in English.
    assert.equal((await me.client.get(`${url}/en`)).statusCode, 404);
    assert.doesNotMatch((await me.client.get(`/my/cases/${caseNumber}?lang=en`)).body, /English copy/);
    const other = await registerCitizen(zone);
    assert.equal((await other.client.get(url)).statusCode, 404);
    assert.equal((await me.client.get(`/my/cases/${caseNumber}/documents/${randomUUID()}`)).statusCode, 404);
  });
});

describe('public verification', () => {
  test('a genuine code shows the document’s facts and nothing else personal', async () => {
    const visitor = new FormClient(zone.app);
    const page = await visitor.get(`/verify/${CODE}`);
    assert.equal(page.statusCode, 200);
    for (const text of [
      '核验通过',
      '电子证明',
      'WFZ-2026-000123',
      '示范市公安局城东派出所',
      '2027年3月7日',
      '示\\*甲',
    ])
      assert.match(page.body, new RegExp(text), text);
    assert.match(page.body, new RegExp(createHash('sha256').update(pdf).digest('hex')));
    // Nothing of the case or the applicant beyond the masked name.
    assert.doesNotMatch(page.body, new RegExp(caseNumber));
    assert.doesNotMatch(page.body, /示例甲/);
    assert.doesNotMatch(page.body, new RegExp(me.mobile));
    const en = await visitor.get(`/verify/${CODE}?lang=en`);
    assert.match(en.body, /Genuine/);
  });

  test('an unknown or malformed code is a clear “not genuine” page with 404', async () => {
    const visitor = new FormClient(zone.app);
    for (const code of ['ZZZZZZZZZZZZZZZZZZZZZZZZZZ', 'not-a-code']) {
      const page = await visitor.get(`/verify/${code}`);
      assert.equal(page.statusCode, 404, code);
      assert.match(page.body, /未找到该文书：不能确认其真实性/);
    }
  });

  test('a document past its validity is shown as genuine but no longer valid', async () => {
    const theCase = await submittedCase(zone, me.id);
    const code = 'CCCCCCCCCCCCCCCCCCCCCCCCCC';
    await deliver(
      zone,
      caseDocumentIssued,
      issued(theCase, { verificationCode: code, validUntil: '2026-01-01' }),
    );
    const page = await new FormClient(zone.app).get(`/verify/${code}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /已超过有效期/);
  });

  test('lookups are limited per address, so codes cannot be walked', async () => {
    const walker = new FormClient(zone.app);
    const answers: number[] = [];
    for (let i = 0; i < 32; i++)
      answers.push((await walker.get(`/verify/${'D'.repeat(25)}${i % 10}`)).statusCode);
    assert.ok(answers.slice(0, 30).every((s) => s === 404));
    assert.equal(answers.at(-1), 429);
    // Someone else, from another address, still gets his answer.
    assert.equal((await new FormClient(zone.app).get(`/verify/${CODE}`)).statusCode, 200);
  });
});
