import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { fileTypeFromBuffer } from 'file-type';
import { Value } from 'typebox/value';
import { caseDocumentIssued } from '../../exchange/contracts/case.document.issued.ts';
import { verificationCode } from './codes.ts';
import { sampleInputs } from './documents.fixture.ts';
import { holderMasked, issueCaseDocument, validUntilAfter, validUntilOf } from './issue.ts';

test('an issued certificate fills the contract that carries it to the verification page', async () => {
  const input = { ...sampleInputs.certificate, verificationCode: verificationCode() };
  const { pdf, fileName, entry } = await issueCaseDocument(input);
  assert.deepEqual(entry, {
    caseNumber: 'SF-ZA-20261206-000123',
    kind: 'certificate',
    documentNumber: 'SF-ZA-证字〔2026〕第001024号',
    verificationCode: input.verificationCode,
    holderMasked: '李*范',
    unitName: '示范市公安局中心分局',
    issuedAt: '2026-12-06T02:30:00.000Z',
    validUntil: '2027-03-05',
    sha256: createHash('sha256').update(pdf).digest('hex'),
  });
  assert.equal(fileName, 'SF-ZA-20261206-000123-certificate.pdf');
  const payload = {
    ...entry,
    documentId: randomUUID(),
    applicationId: randomUUID(),
    file: { name: fileName, declaredType: 'application/pdf', data: pdf.toString('base64') },
  };
  assert.ok(
    Value.Check(caseDocumentIssued.schema, payload),
    JSON.stringify([...Value.Errors(caseDocumentIssued.schema, payload)][0]),
  );
  assert.ok(JSON.stringify(payload).length < caseDocumentIssued.maxBytes);
  // What the boundary sniffs before its PDF check (which render.test.ts runs on every kind).
  assert.equal((await fileTypeFromBuffer(pdf))?.mime, payload.file.declaredType);
});

test('the verification page names a person masked and a company whole, with the validity of each kind', () => {
  assert.equal(holderMasked(sampleInputs['acceptance-notice']), '李*范');
  assert.equal(holderMasked(sampleInputs['approval-decision']), '示范化工有限公司');
  assert.equal(
    holderMasked({
      ...sampleInputs.certificate,
      holder: { ...sampleInputs.certificate.holder, name: '欧阳娜娜' },
    }),
    '欧**娜',
  );
  assert.equal(validUntilOf(sampleInputs.certificate), '2027-03-05');
  assert.equal(validUntilOf(sampleInputs['approval-decision']), '2027-03-05');
  assert.equal(validUntilOf(sampleInputs['pre-approval-notice']), '2027-01-05');
  assert.equal(validUntilOf(sampleInputs['refusal-decision']), null);
  assert.equal(validUntilOf(sampleInputs['supplement-notice']), null);
});

test('a document already expired when issued is refused', async () => {
  await assert.rejects(
    issueCaseDocument({ ...sampleInputs.certificate, validUntil: '2026-12-05' }),
    /validUntil is before the issue date/,
  );
});

test('a certificate is valid three months, to the day before the same date, on the Beijing calendar', () => {
  assert.equal(validUntilAfter(new Date('2026-12-06T02:30:00Z')), '2027-03-05');
  // 23:30 on 5 December UTC is already 6 December in Beijing.
  assert.equal(validUntilAfter(new Date('2026-12-05T23:30:00Z')), '2027-03-05');
  assert.equal(validUntilAfter(new Date('2026-11-30T02:00:00Z')), '2027-02-28');
  assert.equal(validUntilAfter(new Date('2027-11-30T02:00:00Z')), '2028-02-29');
  assert.equal(validUntilAfter(new Date('2026-11-28T02:00:00Z')), '2027-02-27');
  assert.equal(validUntilAfter(new Date('2026-03-01T02:00:00Z'), 1), '2026-03-31');
  assert.equal(validUntilAfter(new Date('2026-01-31T02:00:00Z'), 1), '2026-02-28');
  assert.equal(validUntilAfter(new Date('2026-06-15T02:00:00Z'), 12), '2027-06-14');
  assert.throws(() => validUntilAfter(new Date('2026-06-15T02:00:00Z'), 0), RangeError);
});
