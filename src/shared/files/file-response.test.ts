import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentDisposition } from './file-response.ts';

test('a PDF is saved, never opened inline; a plain picture may be shown', () => {
  const pdf = contentDisposition({ type: 'application/pdf', name: 'a.pdf', asciiName: 'a.pdf' });
  assert.match(pdf, /^attachment; /);
  for (const type of ['text/html', 'image/svg+xml', 'application/octet-stream'])
    assert.match(contentDisposition({ type, name: 'x', asciiName: 'x' }), /^attachment; /, type);
  assert.match(contentDisposition({ type: 'image/png', name: 'a.png', asciiName: 'a.png' }), /^inline; /);
  assert.match(contentDisposition({ type: 'image/jpeg', name: 'a.jpg', asciiName: 'a.jpg' }), /^inline; /);
});

test('a Chinese name goes in filename* as RFC 5987 UTF-8, with an ASCII fallback', () => {
  const header = contentDisposition({
    type: 'application/pdf',
    name: "中国公民出入境证件申请表(2026)'s*.pdf",
    asciiName: 'crj-application-form.pdf',
  });
  assert.equal(
    header,
    `attachment; filename="crj-application-form.pdf"; filename*=UTF-8''${encodeURIComponent('中国公民出入境证件申请表')}%282026%29%27s%2A.pdf`,
  );
  // What a client decodes is the name given.
  const encoded = /filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? '';
  assert.ok(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/.test(encoded), 'only RFC 5987 attr-chars');
  assert.equal(decodeURIComponent(encoded), "中国公民出入境证件申请表(2026)'s*.pdf");
});

test('quotes, separators, control characters and direction overrides cannot break the header or the name', () => {
  const header = contentDisposition({
    type: 'application/pdf',
    name: '../evil\r\n\u202egpj.pdf',
    asciiName: 'a"b\\c\u00e9.pdf',
  });
  assert.ok(!/[\r\n]/.test(header));
  assert.match(header, /filename="a_b_c_\.pdf"/);
  const encoded = /filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? '';
  assert.equal(decodeURIComponent(encoded), '.._evil___gpj.pdf');
});
