import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// The feeds name the portal by its configured public address. The Host header is the client's to choose, and
// the page cache would hand a feed built from a forged one to every reader after it.

const PUBLIC = 'https://www.shifan-psb.example';
let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal', { env: { PUBLIC_PORTAL_URL: PUBLIC } });
});
after(() => zone.close());

test('a forged Host gives the same feed, naming the public address', async () => {
  for (const path of ['/feeds/police-news/rss.xml', '/feeds/police-news/en/atom.xml']) {
    // The forged one first, so that it is the one a page cache would keep.
    const forged = await zone.app.inject({
      method: 'GET',
      url: path,
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    assert.equal(forged.statusCode, 200, forged.body.slice(0, 300));
    assert.doesNotMatch(forged.body, /evil\.example/);
    assert.ok(forged.body.includes(`${PUBLIC}/`), 'the links name the public address');
    // Another address, so it is built afresh rather than taken from the page cache.
    const plain = await zone.app.inject({
      method: 'GET',
      url: `${path}?again=1`,
      headers: { host: 'localhost' },
    });
    // The same bytes but for the time of building, which the clock moves.
    const timeless = (body: string) => body.replace(/<(lastBuildDate|updated)>[^<]*</g, '<$1><');
    assert.equal(timeless(plain.body), timeless(forged.body), 'the same bytes');
  }
});
