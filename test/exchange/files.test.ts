import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { appendOutbox } from '../../src/exchange/outbox.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { inbox, quarantine } from '../../src/exchange/tables.ts';
import { buildPdf } from '../../src/shared/files/pdf.fixture.ts';
import { startPair, type Pair } from './helpers.ts';

let pair: Pair;
before(async () => {
  pair = await startPair();
});
after(async () => pair.close());

async function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 80, b: 160 } } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'secret-owner', ImageDescription: 'taken at home' } })
    .toBuffer();
}

async function send(stream: string, name: string, declaredType: string, bytes: Buffer): Promise<string> {
  const attachmentId = randomUUID();
  await pair.p.db.transaction(async (tx) => {
    await appendOutbox(tx, {
      type: 'attachment.submitted',
      version: 1,
      stream,
      payload: {
        attachmentId,
        citizenRef: randomUUID(),
        purpose: 'tip-evidence',
        file: { name, declaredType, data: bytes.toString('base64') },
      },
    });
  });
  return attachmentId;
}

describe('files crossing the boundary', () => {
  test('an image crosses re-encoded, with its metadata gone', async () => {
    const original = await photoWithExif();
    assert.ok((await sharp(original).metadata()).exif, 'the test photo carries EXIF');
    await send('f-ok', 'photo.jpg', 'image/jpeg', original);
    await pair.sign();
    const report = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(report.delivered, 1);
    const [row] = await pair.w.db.select().from(inbox).where(eq(inbox.stream, 'f-ok'));
    const file = (row?.payload as { file: { data: string } }).file;
    const received = Buffer.from(file.data, 'base64');
    const meta = await sharp(received).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined);
    assert.ok(!received.includes(Buffer.from('secret-owner')));
  });

  test('content that does not match its declared type, or is not allowed at all, is quarantined with the reason', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const executable = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(62),
      Buffer.from('PE\0\0'),
      Buffer.alloc(200),
    ]);
    await send('f-mismatch', 'photo.jpg', 'image/jpeg', png);
    await send('f-exe', 'invoice.pdf', 'application/pdf', executable);
    await send('f-text', 'notes.txt', 'text/plain', Buffer.from('just some text'));
    await pair.sign();
    const report = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(report.quarantined, 3);
    assert.equal(report.delivered, 0);
    const refused = await pair.p.db.select().from(quarantine).where(eq(quarantine.reason, 'file'));
    const details = refused.map((r) => r.detail ?? '').sort();
    assert.equal(details.length, 3);
    assert.match(details[0]!, /^invoice\.pdf: application\/x-msdownload is not an allowed type/);
    assert.match(details[1]!, /^notes\.txt: content type not recognised/);
    assert.match(details[2]!, /^photo\.jpg: declared image\/jpeg, content is image\/png/);
    const received = await pair.w.db.select().from(inbox).where(eq(inbox.type, 'attachment.submitted'));
    assert.equal(received.length, 1, 'only the good photo reached the police network');
  });

  test('a PDF crosses as it is, unless it carries active content: then it is quarantined with the key found', async () => {
    const plain = Buffer.from(
      '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const scripted = Buffer.from(
      '%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n',
    );
    await send('f-pdf-ok', 'material.pdf', 'application/pdf', plain);
    await send('f-pdf-js', 'material.pdf', 'application/pdf', scripted);
    await pair.sign();
    const report = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(report.delivered, 1);
    assert.equal(report.quarantined, 1);
    const [row] = await pair.w.db.select().from(inbox).where(eq(inbox.stream, 'f-pdf-ok'));
    const file = (row?.payload as { file: { data: string } }).file;
    assert.ok(Buffer.from(file.data, 'base64').equals(plain), 'unchanged');
    const [held] = await pair.p.db
      .select()
      .from(quarantine)
      .where(eq(quarantine.detail, 'material.pdf: the PDF has active content (JavaScript)'));
    assert.ok(held, 'quarantined with the reason');
  });

  test('a PDF whose script hides behind #xx escapes or in an object stream, or that cannot be inspected, is quarantined', async () => {
    // The published sample that crossed before: /JavaScr#69pt is /JavaScript to every reader.
    const escaped = buildPdf({ catalog: '/OpenAction << /S /JavaScr#69pt /J#53 (app.alert(1)) >>' });
    const packed = buildPdf({
      objectStream: 'flate',
      page: '/Annots [4 0 R]',
      objects: ['<< /Subtype /Link /Rect [0 0 9 9] /A << /S /Lau#6Ech /F (cmd.exe) >> >>'],
    });
    const locked = Buffer.from(
      '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF\n',
    );
    await send('f-pdf-escaped', 'escaped.pdf', 'application/pdf', escaped);
    await send('f-pdf-packed', 'packed.pdf', 'application/pdf', packed);
    await send('f-pdf-locked', 'locked.pdf', 'application/pdf', locked);
    await pair.sign();
    const report = await relayOnce(pair.p, pair.w, pair.keyring);
    assert.equal(report.quarantined, 3);
    assert.equal(report.delivered, 0);
    const details = (await pair.p.db.select().from(quarantine).where(eq(quarantine.reason, 'file')))
      .map((r) => r.detail ?? '')
      .filter((d) => /^(escaped|packed|locked)\.pdf/.test(d))
      .sort();
    assert.deepEqual(details, [
      'escaped.pdf: the PDF has active content (JavaScript)',
      'locked.pdf: the PDF is encrypted, so its content cannot be inspected',
      'packed.pdf: the PDF has active content (Launch)',
    ]);
    for (const stream of ['f-pdf-escaped', 'f-pdf-packed', 'f-pdf-locked'])
      assert.equal((await pair.w.db.select().from(inbox).where(eq(inbox.stream, stream))).length, 0, stream);
  });
});
