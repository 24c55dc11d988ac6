import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { encodeLocation, safeNext } from '../../src/shared/http/request-context.ts';

const SITE = 'https://psb.example';

/** Where a browser goes for a Location header: it drops tabs and line breaks, then resolves against the page. */
function browserTarget(location: string): URL {
  return new URL(location.replace(/[\t\n\r]/g, ''), `${SITE}/login`);
}

// Pieces attackers combine: the ones browsers treat specially and the encodings that hide them.
const hostilePiece = fc.constantFrom(
  '/',
  '//',
  '\\',
  '%5c',
  '%5C',
  '%09',
  '%0a',
  '%0D',
  '%00',
  '%1f',
  '%7f',
  '%C2%85',
  '\t',
  '\n',
  '\r',
  '\u0000',
  'evil.example',
  '@evil.example',
  '.',
  '..',
  '%2e',
  '%2e%2e',
  '%2f',
  '%2F',
  ':',
  'https:',
  'javascript:alert(1)',
  '%E4%BD%A0',
  '你好',
  '?next=',
  '#',
  '%ZZ',
  '%',
  ' ',
  '\u202e',
  'account',
);

describe('redirect targets (open redirect, issue 8.2)', () => {
  test('the reported variants fall back to the safe target', () => {
    for (const hostile of [
      '//evil.example',
      '/%09/evil.example',
      '/\t/evil.example',
      '/%0a/evil.example',
      '/%0d/evil.example',
      '/%00/evil.example',
      '/\\evil.example',
      '/%5cevil.example',
      '/%5Cevil.example',
      '/.//evil.example',
      '/%2e%2e//evil.example',
      '/%E4',
      'https://evil.example/',
      'javascript:alert(1)',
      '',
      undefined,
      42,
    ]) {
      assert.equal(safeNext(hostile, '/home'), '/home', `accepted ${JSON.stringify(hostile)}`);
    }
  });

  test('a path on this site is kept, non-ASCII percent-encoded so it fits a Location header', () => {
    assert.equal(safeNext('/account?tab=companies#list'), '/account?tab=companies#list');
    assert.equal(safeNext('/services?q=护照'), '/services?q=%E6%8A%A4%E7%85%A7');
    assert.equal(safeNext('/%E4%BD%A0'), '/%E4%BD%A0');
    assert.equal(safeNext('/a b'), '/a%20b');
  });

  test('property: whatever is asked, the answer stays on this site and is a valid header value', () => {
    fc.assert(
      fc.property(fc.array(hostilePiece, { maxLength: 8 }), fc.boolean(), (pieces, leadingSlash) => {
        const asked = (leadingSlash ? '/' : '') + pieces.join('');
        const target = safeNext(asked, '/');
        assert.ok(target.startsWith('/') && !target.startsWith('//'), `${JSON.stringify(asked)} → ${target}`);
        assert.match(target, /^[\x21-\x7e]+$/, `not a valid header value: ${JSON.stringify(target)}`);
        assert.equal(
          browserTarget(target).origin,
          SITE,
          `${JSON.stringify(asked)} → ${target} leaves the site`,
        );
      }),
      { numRuns: 3000 },
    );
  });

  test('property: any text at all gives a same-site target', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (tail) => {
        const target = safeNext(`/${tail}`, '/');
        assert.equal(browserTarget(target).origin, SITE);
        assert.match(target, /^[\x21-\x7e]+$/);
      }),
      { numRuns: 1000 },
    );
  });

  test('a Location header is percent-encoded, never refused by Node', () => {
    assert.equal(encodeLocation('/catalog/护照'), '/catalog/%E6%8A%A4%E7%85%A7');
    assert.equal(encodeLocation('/a\nb'), '/a%0Ab');
    assert.equal(encodeLocation('/x\ud800'), '/x%EF%BF%BD');
    assert.equal(encodeLocation('/plain?x=1'), '/plain?x=1');
  });
});
