import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptsGzip, HtmlCache } from './html-cache.ts';

test('entries age by the given clock, and the least recently used goes first', () => {
  let now = 0;
  const cache = new HtmlCache<{ html: string }>({ max: 2, quietMs: 2_000, now: () => now });
  assert.equal(cache.set('/a|zh', { html: 'a' }, 5_000), true);
  now = 4_999;
  assert.equal(cache.get('/a|zh')?.html, 'a');
  now = 5_000;
  assert.equal(cache.get('/a|zh'), undefined, 'gone once its time is up, even at clock zero');
  cache.set('/a', { html: 'a' });
  cache.set('/b', { html: 'b' });
  cache.get('/a');
  cache.set('/c', { html: 'c' });
  assert.equal(cache.get('/b'), undefined);
  assert.equal(cache.get('/a')?.html, 'a');
});

test('a change drops its prefix and keeps nothing under it for the quiet time', () => {
  let now = 1_000;
  const cache = new HtmlCache<{ html: string }>({ max: 10, quietMs: 2_000, now: () => now });
  cache.set('/services/x|zh', { html: 'old' });
  cache.set('/about|zh', { html: 'about' });
  cache.changed('/services');
  assert.equal(cache.get('/services/x|zh'), undefined);
  assert.equal(cache.get('/about|zh')?.html, 'about');
  assert.equal(cache.set('/services/x|zh', { html: 'raced' }), false);
  assert.equal(cache.set('/about|en', { html: 'about' }), true);
  now += 2_000;
  assert.equal(cache.set('/services/x|zh', { html: 'new' }), true);
  assert.equal(cache.get('/services/x|zh')?.html, 'new');
});

test('gzip is taken when offered, refused with q=0, and never assumed', () => {
  assert.equal(acceptsGzip('gzip, deflate, br'), true);
  assert.equal(acceptsGzip('br;q=1, GZIP;q=0.5'), true);
  assert.equal(acceptsGzip('gzip;q=0'), false);
  assert.equal(acceptsGzip('gzip;q=0.0, br'), false);
  assert.equal(acceptsGzip('identity'), false);
  assert.equal(acceptsGzip(undefined), false);
});

test('a byte budget drops the least recently used and keeps nothing larger than itself', () => {
  const cache = new HtmlCache<{ html: string }>({
    max: 100,
    quietMs: 2_000,
    now: () => 0,
    maxBytes: 10,
    sizeOf: (value) => value.html.length,
  });
  assert.equal(cache.set('/a', { html: 'aaaa' }), true);
  assert.equal(cache.set('/b', { html: 'bbbb' }), true);
  cache.get('/a');
  assert.equal(cache.set('/c', { html: 'cccc' }), true);
  assert.equal(cache.get('/b'), undefined, 'the least recently read made room');
  assert.equal(cache.get('/a')?.html, 'aaaa');
  assert.equal(cache.set('/big', { html: 'x'.repeat(11) }), false);
  assert.equal(cache.get('/big'), undefined);
  assert.equal(cache.get('/c')?.html, 'cccc', 'a value refused for its size pushes nothing out');
});
