import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { describePdfRefusal, inspectPdf } from './pdf-active-content.ts';
import { buildPdf } from './pdf.fixture.ts';

const raw = (body: string) => Buffer.from(`%PDF-1.7\n${body}`, 'latin1');
const active = async (bytes: Buffer) => {
  const refusal = await inspectPdf(bytes);
  return refusal?.reason === 'active-content' ? refusal.key : refusal;
};

test('a script, a launch action or an embedded file in plain sight is found', async () => {
  assert.equal(
    await active(buildPdf({ catalog: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' })),
    'JavaScript',
  );
  assert.equal(await active(buildPdf({ catalog: '/A << /S /Launch /F (cmd.exe) >>' })), 'Launch');
  assert.equal(
    await active(buildPdf({ catalog: '/Names << /EmbeddedFiles 4 0 R >>', objects: ['<< >>'] })),
    'EmbeddedFiles',
  );
  assert.equal(
    await active(buildPdf({ catalog: '/A << /S /SubmitForm /F (http://example.com) >>' })),
    'SubmitForm',
  );
});

test('names spelled with #xx escapes are read as the reader reads them', async () => {
  // The sample that crossed the boundary and was served by the portal.
  assert.equal(
    await active(buildPdf({ catalog: '/OpenAction << /S /JavaScr#69pt /J#53 (app.alert(1)) >>' })),
    'JavaScript',
  );
  assert.equal(await active(buildPdf({ catalog: '/Names << /J#53 4 0 R >>', objects: ['<< >>'] })), 'JS');
  assert.equal(await active(buildPdf({ catalog: '/A << /S /Lau#6Ech /F (x) >>' })), 'Launch');
  assert.equal(await active(buildPdf({ catalog: '/A << /S /Lau#6ech /F (x) >>' })), 'Launch');
});

test('javascript: URIs are found in hex, escaped and spaced spellings; web links pass', async () => {
  const link = (uri: string) => buildPdf({ catalog: `/A << /S /URI /URI ${uri} >>` });
  for (const uri of [
    '(javascript:alert(1))',
    `<${Buffer.from('JavaScript:alert(1)').toString('hex')}>`,
    '(\\152avascript:alert\\(1\\))',
    '( java\\tscript:alert(1))',
    `<feff${Buffer.from('javascript:x', 'utf16le').swap16().toString('hex')}>`,
  ])
    assert.equal(await active(link(uri)), 'javascript: URI', uri);
  assert.equal(await inspectPdf(link('(https://www.gov.cn/)')), undefined);
});

test('only a jump may run when the document or a page opens', async () => {
  assert.equal(await inspectPdf(buildPdf({ catalog: '/OpenAction [3 0 R /Fit]' })), undefined);
  assert.equal(
    await inspectPdf(buildPdf({ catalog: '/OpenAction << /S /GoTo /D [3 0 R /Fit] >>' })),
    undefined,
  );
  assert.equal(
    await inspectPdf(buildPdf({ page: '/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>' })),
    undefined,
  );
  assert.equal(
    await active(buildPdf({ catalog: '/OpenAction << /S /URI /URI (https://x.example) >>' })),
    'OpenAction',
  );
  assert.equal(
    await active(buildPdf({ catalog: '/OpenAction 4 0 R', objects: ['<< /S /Named /N /Print >>'] })),
    'OpenAction',
  );
  assert.equal(await active(buildPdf({ page: '/AA << /C << /S /Hide /T (x) >> >>' })), 'AA');
});

test('the same keys inside a compressed object stream are found too', async () => {
  for (const objectStream of ['none', 'flate', 'hex-flate'] as const)
    assert.equal(
      await active(
        buildPdf({ objectStream, catalog: '/OpenAction 4 0 R', objects: ['<< /S /JavaScr#69pt /JS (x) >>'] }),
      ),
      'JavaScript',
      objectStream,
    );
});

test('an object hidden where a front-to-back parse sees only a string or stream data is found', async () => {
  // A cross-reference table may point into another object's string or stream; a reader then reads it there.
  const inString = buildPdf({ catalog: '/T (9 0 obj << /S /Lau#6Ech /F (x) >> endobj)' });
  assert.equal(await active(inString), 'Launch');
  const inStream = buildPdf({
    objects: [
      { dict: '/Subtype /Image', data: Buffer.from('endstream endobj 9 0 obj << /S /JavaScript >> endobj') },
    ],
  });
  assert.equal(await active(inStream), 'JavaScript');
});

test('look-alike names, plain text in content streams and pictures pass', async () => {
  assert.equal(await inspectPdf(buildPdf({ catalog: '/JSON 1 /URIs 2 /Java#73cript 3' })), undefined);
  assert.equal(await inspectPdf(buildPdf({ content: 'BT (/JavaScript /JS javascript:) Tj ET' })), undefined);
  // Pictures are never decoded: a large compressed scan is fine, and its pixels are not read as objects.
  const scan = {
    dict: '/Subtype /Image /Filter /FlateDecode',
    data: deflateSync(Buffer.alloc(30 * 1024 * 1024)),
  };
  assert.equal(await inspectPdf(buildPdf({ objects: [scan] })), undefined);
});

test('object streams that decode past the bound are refused rather than read to the end', async () => {
  const bomb = deflateSync(Buffer.alloc(21 * 1024 * 1024, 0x20));
  const pdf = buildPdf({
    objects: [{ dict: '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', data: bomb }],
  });
  assert.deepEqual(await inspectPdf(pdf), { reason: 'unreadable', detail: 'oversized-streams' });
  // Layered filters multiply: each layer is bounded, not only the first.
  const layered = deflateSync(deflateSync(Buffer.alloc(40 * 1024 * 1024, 0x20)));
  const twice = buildPdf({
    objects: [{ dict: '/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]', data: layered }],
  });
  assert.deepEqual(await inspectPdf(twice), { reason: 'unreadable', detail: 'oversized-streams' });
});

test('files built to make parsing quadratic are answered at once, not after minutes', async () => {
  const started = performance.now();
  // Unbounded, every one of the 100,000 unterminated strings would be read to the end of the file.
  assert.deepEqual(await inspectPdf(raw('obj('.repeat(100_000))), {
    reason: 'unreadable',
    detail: 'too-complex',
  });
  assert.deepEqual(await inspectPdf(raw('1 0 obj x\n'.repeat(100_000))), {
    reason: 'unreadable',
    detail: 'too-complex',
  });
  // Runs of digits or spaces between objects: a walk that retries at every byte takes minutes over these.
  for (const filler of ['1', ' ', '%'])
    assert.equal(
      await inspectPdf(Buffer.concat([buildPdf(), Buffer.from(filler.repeat(2_000_000))])),
      undefined,
    );
  assert.ok(performance.now() - started < 20_000);
});

test('what cannot be inspected is refused: encrypted, damaged, without a catalog, unknown filters', async () => {
  const encrypted = raw(
    '1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF\n',
  );
  assert.deepEqual(await inspectPdf(encrypted), { reason: 'encrypted' });
  assert.deepEqual(await inspectPdf(raw('1 0 obj << /Type /Pages >> endobj\n%%EOF\n')), {
    reason: 'unreadable',
    detail: 'no-catalog',
  });
  assert.equal(
    (await inspectPdf(raw('1 0 obj << /Type /Catalog (( >> endobj\n%%EOF\n')))?.reason,
    'unreadable',
  );
  assert.equal((await inspectPdf(raw('not a pdf at all')))?.reason, 'unreadable');
  const unknownFilter = buildPdf({
    objects: [{ dict: '/Type /ObjStm /N 1 /First 4 /Filter /JBIG2Decode', data: Buffer.from('1 0 << >>') }],
  });
  assert.deepEqual(await inspectPdf(unknownFilter), {
    reason: 'unreadable',
    detail: 'unsupported-stream-filter',
  });
});

test('the refusal reads as one sentence for the quarantine', () => {
  assert.equal(
    describePdfRefusal({ reason: 'active-content', key: 'JS' }),
    'the PDF has active content (JS)',
  );
  assert.match(describePdfRefusal({ reason: 'encrypted' }), /encrypted/);
  assert.match(
    describePdfRefusal({ reason: 'unreadable', detail: 'no-catalog' }),
    /cannot be parsed \(no-catalog\)/,
  );
});
