import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { searchItems } from '../../src/portal/catalog/catalog.service.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// The relevance of search, measured on everyday queries (search-relevance.json) against the real catalogue.
// Each query was written from how people ask and checked by hand to have a clear answer. Without the
// vocabulary (catalog/search-vocabulary.json) the set scored 93.1% (搬家, 罚单, 报案, 车祸… found nothing);
// with it, 100%. The bar is 95%: a change that loses more than six of these everyday queries is a regression,
// while one new query no word in the vocabulary foresees yet does not block an unrelated change.
const TOP = 3;
const THRESHOLD = 0.95;

interface Case {
  q: string;
  expect: string[];
}
const { queries } = JSON.parse(readFileSync(new URL('./search-relevance.json', import.meta.url), 'utf8')) as {
  queries: Case[];
};

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
  await publishCatalogDirectly(zone.services.db, loadCatalogItems());
});
after(async () => zone.close());

test('the relevance set is large enough and names only real services', () => {
  assert.ok(queries.length >= 100, `${queries.length} queries`);
  const ids = new Set(loadCatalogItems().map((i) => i.id));
  for (const c of queries) for (const id of c.expect) assert.ok(ids.has(id), `${c.q}: ${id}`);
  assert.equal(new Set(queries.map((c) => c.q)).size, queries.length, 'no query twice');
});

test(`at least ${THRESHOLD * 100}% of everyday queries find an expected service in the top ${TOP}`, async (t) => {
  const misses: string[] = [];
  for (const c of queries) {
    const lang = /[\u3400-\u9fff]/.test(c.q) ? 'zh' : 'en';
    const result = await searchItems(zone.services.db, c.q, { lang, pageSize: TOP });
    const top = result.items.map((h) => h.item.id);
    if (!top.some((id) => c.expect.includes(id))) misses.push(`${c.q} → ${top.join(', ') || '(nothing)'}`);
  }
  const rate = (queries.length - misses.length) / queries.length;
  t.diagnostic(`top-${TOP} hit rate: ${(rate * 100).toFixed(1)}% of ${queries.length} queries`);
  for (const miss of misses) t.diagnostic(`miss: ${miss}`);
  assert.ok(rate >= THRESHOLD, `hit rate ${(rate * 100).toFixed(1)}%, misses:\n${misses.join('\n')}`);
});
