import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Value } from 'typebox/value';
import { sampleItem } from './item.fixture.ts';
import { ServiceItem } from './item.schema.ts';
import { CatalogLoadError, catalogAreas, loadCatalogItems } from './load.ts';
import { checkPublication } from './publication-rules.ts';

describe('the seed catalogue', () => {
  const items = loadCatalogItems();

  test('has at least 42 items spread over all eight areas', () => {
    assert.ok(items.length >= 42, `only ${items.length} items`);
    for (const area of catalogAreas) {
      assert.ok(items.filter((i) => i.area === area).length >= 4, `area ${area} has fewer than 4 items`);
    }
  });

  test('every item passes the schema and every publication rule', () => {
    const failures = items
      .map((item) => ({
        id: item.id,
        schema: Value.Check(ServiceItem, item),
        problems: checkPublication(item),
      }))
      .filter((r) => !r.schema || r.problems.length > 0)
      .map((r) => `${r.id}: ${r.schema ? '' : 'schema; '}${r.problems.map((p) => p.rule).join(', ')}`);
    assert.deepEqual(failures, []);
  });

  test('names every law of a legal basis in English, one English name per Chinese title', () => {
    const english = new Map<string, Set<string>>();
    for (const item of items) {
      for (const law of item.legalBasis) {
        assert.ok(law.titleEn, `${item.id}: ${law.title} has no English name`);
        assert.equal(law.article !== undefined, law.articleEn !== undefined, `${item.id}: ${law.title}`);
        assert.doesNotMatch(
          law.titleEn + (law.articleEn ?? ''),
          /[\u3400-\u9fff]/u,
          `${item.id}: ${law.title}`,
        );
        english.set(law.title, (english.get(law.title) ?? new Set()).add(law.titleEn));
      }
    }
    for (const [title, names] of english) assert.equal(names.size, 1, `${title}: ${[...names].join(' / ')}`);
  });

  test('gives every fee its basis in English', () => {
    for (const item of items)
      for (const fee of item.fees.items) {
        assert.ok(fee.basisEn, `${item.id}: ${fee.basis} has no English`);
        assert.doesNotMatch(fee.basisEn, /[\u3400-\u9fff]/u, `${item.id}: ${fee.basis}`);
      }
  });

  test('contains the services the product promises', () => {
    const ids = new Set(items.map((i) => i.id));
    for (const id of [
      'birth-registration',
      'household-move-in',
      'id-card-first-issue',
      'id-card-renewal',
      'id-card-replacement',
      'residence-permit',
      'passport-first-issue',
      'hk-macau-permit-first-issue',
      'hk-macau-re-endorsement',
      'traffic-violation-handling',
      'licence-renewal-on-expiry',
      'vehicle-inspection-sticker',
      'seal-engraving-filing',
      'hotel-special-trade-licence',
      'precursor-cat1-purchase-licence',
      'precursor-cat2-3-purchase-filing',
      'ethnicity-change',
      'fire-venue-opening-check',
    ]) {
      assert.ok(ids.has(id), `missing ${id}`);
    }
  });

  test('codes are unique and each implementation code extends its basic code', () => {
    const basics = items.map((i) => i.code.basic);
    assert.equal(new Set(basics).size, basics.length);
    for (const item of items) assert.ok(item.code.implementation.startsWith(`${item.code.basic}-`), item.id);
  });

  test('uses only demo phone numbers, so a demo can never be mistaken for a real bureau', () => {
    for (const item of items) {
      const phones = [item.enquiryPhone, item.complaintPhone, ...item.places.map((p) => p.phone)];
      for (const phone of phones) assert.match(phone, /^0000-\d{8}$/, `${item.id}: ${phone}`);
    }
  });

  test('is ordered by area, then id', () => {
    const keys = items.map((i) => `${catalogAreas.indexOf(i.area)}:${i.id}`);
    assert.deepEqual(keys, [...keys].sort());
  });
});

describe('loadCatalogItems on bad input', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function catalogWith(files: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    dirs.push(dir);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return dir;
  }

  function loadError(dir: string): CatalogLoadError {
    try {
      loadCatalogItems(dir);
    } catch (err) {
      assert.ok(err instanceof CatalogLoadError, String(err));
      return err;
    }
    assert.fail('expected the load to fail');
  }

  test('loads a valid file', () => {
    const dir = catalogWith({ 'public-order/sample-licence.json': sampleItem() });
    assert.deepEqual(loadCatalogItems(dir), [sampleItem()]);
  });

  test('names the file and every failing schema path', () => {
    const item: Record<string, unknown> = { ...sampleItem(), area: 'public-order', surprise: 1 };
    (item.timeLimits as { promised: { unit: string } }).promised.unit = 'weeks';
    delete item.faq;
    const err = loadError(catalogWith({ 'public-order/sample-licence.json': item }));
    assert.match(err.file, /public-order[/\\]sample-licence\.json$/);
    assert.ok(
      err.problems.some((p) => p.startsWith('/timeLimits/promised/unit:')),
      err.message,
    );
    assert.ok(
      err.problems.some((p) => p.includes('faq')),
      err.message,
    );
    assert.ok(
      err.problems.some((p) => p.includes('unknown field "surprise"')),
      err.message,
    );
    assert.match(err.message, /sample-licence\.json: /);
  });

  test('rejects malformed JSON', () => {
    const err = loadError(catalogWith({ 'public-order/sample-licence.json': '{ "id": ' }));
    assert.match(err.problems[0]!, /not valid JSON/);
  });

  test('rejects a file whose name or folder disagrees with its content', () => {
    const err = loadError(catalogWith({ 'traffic/other-name.json': sampleItem() }));
    assert.equal(err.problems.length, 2, err.message);
  });

  test('rejects a duplicate id', () => {
    const moved = { ...sampleItem(), area: 'traffic' as const };
    const err = loadError(
      catalogWith({ 'public-order/sample-licence.json': sampleItem(), 'traffic/sample-licence.json': moved }),
    );
    assert.ok(
      err.problems.some((p) => p.includes('also used by')),
      err.message,
    );
  });
});
