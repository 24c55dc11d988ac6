import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { pdfActiveContent } from './pdf-active-content.ts';

const pdf = (...parts: (string | Buffer)[]) =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)),
  ]);
const stream = (content: string | Buffer) =>
  [
    Buffer.from('4 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n'),
    deflateSync(content),
    Buffer.from('\nendstream\nendobj\n'),
  ] as const;

test('a script, a launch action or an embedded file in plain sight is found', () => {
  assert.equal(
    pdfActiveContent(pdf('1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>')),
    'JavaScript',
  );
  assert.equal(pdfActiveContent(pdf('1 0 obj << /S /Launch /F (cmd.exe) >>')), 'Launch');
  assert.equal(pdfActiveContent(pdf('1 0 obj << /Names << /EmbeddedFiles 5 0 R >> >>')), 'EmbeddedFiles');
  assert.equal(
    pdfActiveContent(pdf('1 0 obj << /A << /S /SubmitForm /F (http://example.com) >> >>')),
    'SubmitForm',
  );
});

test('the same keys hidden in a compressed object stream are found too', () => {
  assert.equal(
    pdfActiveContent(pdf(...stream('5 0 obj << /S /JavaScript /JS 6 0 R >> endobj'))),
    'JavaScript',
  );
});

test('look-alike names, plain links and ordinary content pass', () => {
  assert.equal(pdfActiveContent(pdf('1 0 obj << /A << /S /URI /URI (http://example.com) >> >>')), undefined);
  assert.equal(
    pdfActiveContent(pdf('1 0 obj << /JSON 1 /URIs 2 /Type /Page >>', ...stream('BT (JS is text) Tj ET'))),
    undefined,
  );
});

test('a stream that inflates past the bound is refused rather than read to the end', () => {
  assert.equal(pdfActiveContent(pdf(...stream(Buffer.alloc(21 * 1024 * 1024)))), 'oversized-streams');
});

test('every blank form and sample in the repository is free of active content', () => {
  for (const name of ['forms/crj-application-form.pdf', 'samples/passport.pdf']) {
    const bytes = readFileSync(new URL(`../../../catalog/${name}`, import.meta.url));
    assert.equal(pdfActiveContent(bytes), undefined, name);
  }
});
