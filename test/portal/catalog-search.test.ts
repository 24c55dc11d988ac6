import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { CatalogPageCache, notifyCatalogChange } from '../../src/portal/catalog/catalog.cache.ts';
import {
  buildSearchText,
  highlight,
  MAX_QUERY_CHARS,
  parseQuery,
  snippet,
  type ParsedQuery,
} from '../../src/portal/catalog/catalog.search.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { refreshSearchTexts, searchItems } from '../../src/portal/catalog/catalog.service.ts';
import { meaningsOf, loadVocabulary } from '../../src/portal/catalog/catalog.vocabulary.ts';
import { words } from '../../src/portal/catalog/catalog.words.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

const SECTION = '\u001f';

// Without the vocabulary, so these tests read the query side alone; the vocabulary has its own below.
const parsed = (q: string): ParsedQuery => {
  const p = parseQuery(q, []);
  assert.ok(typeof p !== 'string', `${q} parses`);
  return p;
};

describe('reading a query', () => {
  test('a two-character word is one pair; a longer one needs all its pairs', () => {
    assert.equal(parsed('护照').all, "('护照')");
    assert.equal(parsed('身份证丢了').all, "('身份' & '份证' & '证丢' & '丢了')");
    assert.equal(parsed('证').all, "('证')");
  });

  test('words are combined with AND, and the fallback accepts any pair', () => {
    const p = parsed('护照 加急');
    assert.equal(p.all, "('护照') & ('加急')");
    assert.equal(p.any, "'护照' | '加急'");
    assert.equal(p.compact, '护照加急');
  });

  test('Latin words are whole lower-case words with their plural, full-width letters folded', () => {
    assert.equal(parsed('Passport').all, "('passport' | 'passports')");
    assert.equal(parsed('visits').all, "('visits' | 'visit')");
    assert.equal(parsed('ＩＤ卡').all, "('id') & ('卡')");
  });

  test('question words are dropped so they do not match every FAQ', () => {
    assert.deepEqual(parsed('我要办护照怎么办').terms, ['办护照']);
    assert.deepEqual(parsed('户口迁移需要什么材料').terms, ['户口迁移']);
  });

  test('empty, punctuation-only and over-long queries are problems, not searches', () => {
    assert.equal(parseQuery(''), 'empty');
    assert.equal(parseQuery('  ！？。 '), 'empty');
    assert.equal(parseQuery(undefined), 'empty');
    assert.equal(parseQuery(['护照']), 'empty');
    assert.equal(parseQuery('护'.repeat(MAX_QUERY_CHARS + 1)), 'too-long');
    assert.ok(typeof parseQuery('护'.repeat(MAX_QUERY_CHARS)) !== 'string');
  });

  test('whatever is typed, the tsquery holds only quoted letters, digits and ideographs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: MAX_QUERY_CHARS }), (q) => {
        const p = parseQuery(q + ' 搬家 fines');
        if (typeof p === 'string') return;
        const outside = (p.all + ' ' + p.any).replace(/'[a-z0-9\u3400-\u9fff\uf900-\ufaff]+'(:\*)?/g, '');
        assert.match(outside, /^[\s&|()]*$/);
      }),
    );
  });
});

describe('the vocabulary of everyday words', () => {
  const vocabulary = loadVocabulary();

  test('an everyday word also matches the catalogue words it stands for', () => {
    const p = parseQuery('搬家', vocabulary);
    assert.ok(typeof p !== 'string');
    assert.ok(p.meanings.includes('迁户口'), p.meanings.join());
    assert.match(p.all, /^\(\('搬家'\) \| \('迁户' & '户口'\)/);
    assert.ok(meaningsOf('搬家了', vocabulary).includes('迁户口'), 'a term containing the word');
    assert.deepEqual(meaningsOf('finest', vocabulary), [], 'a Latin word must be equal, not contained');
    assert.ok(meaningsOf('fines', vocabulary).includes('offences'));
  });

  test('every word it means is in the published catalogue, so no entry points at nothing', () => {
    const texts = loadCatalogItems().map((item) => buildSearchText(item).toLowerCase());
    for (const entry of vocabulary) {
      for (const word of entry.means) {
        const found = /^[a-z0-9]+$/.test(word)
          ? texts.some((t) => new RegExp(`(^|[^a-z0-9])${word}($|[^a-z0-9])`).test(t))
          : texts.some((t) => t.includes(word));
        assert.ok(found, word);
      }
    }
  });

  test('English counts say "1 service" and "2 services"', () => {
    assert.equal(words('en', 'list.count', { n: 1 }), '1 service');
    assert.equal(words('en', 'list.count', { n: 2 }), '2 services');
    assert.equal(words('en', 'search.results', { n: 1, q: 'x' }), '1 service found for “x”');
    assert.equal(words('zh', 'list.count', { n: 1 }), '共 1 项');
  });
});

describe('highlighting', () => {
  test('marks the whole term, and the pairs of a longer phrase', () => {
    assert.deepEqual(highlight('普通护照首次申领', ['护照']), [
      { text: '普通', match: false },
      { text: '护照', match: true },
      { text: '首次申领', match: false },
    ]);
    const needles = ['身份证丢了', '身份', '份证', '证丢', '丢了'];
    assert.deepEqual(highlight('居民身份证丢失', needles), [
      { text: '居民', match: false },
      { text: '身份证丢', match: true },
      { text: '失', match: false },
    ]);
  });

  test('a Latin needle marks whole words only: "id" is not inside "Resident"', () => {
    assert.deepEqual(highlight('Resident identity card', ['id']), [
      { text: 'Resident identity card', match: false },
    ]);
    assert.deepEqual(highlight('ID card', ['id']), [
      { text: 'ID', match: true },
      { text: ' card', match: false },
    ]);
  });

  test('matches Latin text regardless of case and keeps the original text', () => {
    assert.deepEqual(highlight('Ordinary Passport', ['passport']), [
      { text: 'Ordinary ', match: false },
      { text: 'Passport', match: true },
    ]);
  });

  test('markup in item text stays text: segments are strings, escaped by JSX when shown', () => {
    const segments = highlight('<b>护照</b>', ['护照']);
    assert.equal(segments.map((s) => s.text).join(''), '<b>护照</b>');
  });

  test('a snippet is cut around the first match of the first text that has one', () => {
    const long = '甲'.repeat(100) + '护照' + '乙'.repeat(100);
    const cut = snippet(['无关文字', long], ['护照'], 40);
    assert.equal(cut[0]?.text, '…');
    assert.equal(cut.at(-1)?.text, '…');
    assert.ok(cut.some((s) => s.match && s.text === '护照'));
    assert.ok(cut.map((s) => s.text).join('').length <= 42);
    assert.deepEqual(snippet(['短文'], ['护照']), [{ text: '短文', match: false }]);
  });
});

describe('the page cache', () => {
  test('a change drops the item at once and nothing is cached in the quiet time after it', async () => {
    let now = 1_000_000;
    const cache = new CatalogPageCache(() => now);
    try {
      let loads = 0;
      const load = async () => (loads++, 3);
      assert.equal(await cache.version('a', load), 3);
      assert.equal(await cache.version('a', load), 3);
      assert.equal(loads, 1, 'the version is remembered while fresh');
      cache.storeGuide('a', 3, 'zh|0', 'v3');
      assert.equal(cache.guide('a', 3, 'zh|0')?.html, 'v3');
      assert.equal(cache.guide('a', 4, 'zh|0'), undefined);

      notifyCatalogChange('a');
      assert.equal(cache.guide('a', 3, 'zh|0'), undefined);
      await cache.version('a', load);
      cache.storeGuide('a', 3, 'zh|0', 'raced');
      assert.equal(cache.guide('a', 3, 'zh|0'), undefined, 'a page read during the quiet time is not kept');
      now += 3_000;
      await cache.version('a', load);
      cache.storeGuide('a', 3, 'zh|0', 'v3');
      assert.equal(cache.guide('a', 3, 'zh|0')?.html, 'v3');

      now += 6_000;
      const before = loads;
      await cache.version('a', load);
      assert.equal(loads, before + 1, 'another instance’s publication is noticed after the freshness period');
    } finally {
      cache.dispose();
    }
  });

  test('lists are dropped by any change and age out', () => {
    let now = 0;
    const cache = new CatalogPageCache(() => now);
    try {
      cache.storeList('/services|zh|0', 'home');
      assert.equal(cache.list('/services|zh|0')?.html, 'home');
      now += 5_000;
      assert.equal(cache.list('/services|zh|0'), undefined);
      cache.storeList('/services|zh|0', 'home');
      notifyCatalogChange('anything');
      assert.equal(cache.list('/services|zh|0'), undefined);
    } finally {
      cache.dispose();
    }
  });
});

describe('the SQL tokenizer agrees with the query side', () => {
  let zone: TestZone;
  before(async () => {
    zone = await startTestZone('portal');
  });
  after(async () => zone.close());

  const lexemes = async (text: string): Promise<string[]> => {
    const rows = await zone.services.db.execute<{ lexeme: string }>(
      sql`SELECT unnest(tsvector_to_array(public.zh_tsv(${text}))) AS lexeme`,
    );
    const list = Array.isArray(rows) ? rows : (rows as { rows: { lexeme: string }[] }).rows;
    return list.map((r) => r.lexeme).sort();
  };

  test('pairs, single characters and Latin words', async () => {
    assert.deepEqual(
      await lexemes('身份证 Passport-2024！'),
      ['2024', 'passport', '份', '份证', '身', '身份', '证'].sort(),
    );
  });

  test('every pair a query asks for is a lexeme of the same text', async () => {
    for (const text of [
      '居民身份证补领（含损坏换领）',
      '往来港澳通行证再次签注',
      'ICP备案后公安备案',
      '机动车驾驶证期满换证',
    ]) {
      const indexed = new Set(await lexemes(text));
      for (const lexeme of parsed(text).all.match(/'[^']+'/g) ?? []) {
        const word = lexeme.slice(1, -1);
        // A Latin word is asked for with its plural as an alternative ('icp' | 'icps'): one of them is enough.
        const found = indexed.has(word) || (/^[a-z]+s$/.test(word) && indexed.has(word.slice(0, -1)));
        assert.ok(found, `${lexeme} of ${text}`);
      }
    }
  });

  test('names outrank the same words in an FAQ', async () => {
    const rows = await zone.services.db.execute<{ a: number; c: number }>(
      sql`SELECT ts_rank(public.zh_search_tsv(${'护照' + '\u001f\u001f'}), '护照'::tsquery) AS a,
                 ts_rank(public.zh_search_tsv(${'\u001f\u001f护照'}), '护照'::tsquery) AS c`,
    );
    const [row] = Array.isArray(rows) ? rows : (rows as { rows: { a: number; c: number }[] }).rows;
    assert.ok(row && Number(row.a) > Number(row.c) * 3, JSON.stringify(row));
  });
});

describe('searching in English', () => {
  let zone: TestZone;
  before(async () => {
    zone = await startTestZone('portal');
    await publishCatalogDirectly(zone.services.db, loadCatalogItems());
  });
  after(async () => zone.close());

  test('finds an item by the English of its materials and answers, and shows the English excerpt', async () => {
    // Each word is in one item's English materials or FAQ only, never in a name, summary or keyword.
    for (const [q, id] of [
      ['topology', 'mlps-filing'],
      ['attorney', 'lawyer-meeting-booking'],
      ['clothes', 'detainee-family-visit-booking'],
    ] as const) {
      const result = await searchItems(zone.services.db, q, { lang: 'en', pageSize: 3 });
      assert.equal(result.items[0]?.item.id, id, q);
      const excerpt = result.items[0]?.snippet.map((s) => s.text).join('') ?? '';
      assert.match(excerpt.toLowerCase(), new RegExp(q), `${q}: ${excerpt}`);
    }
  });

  test('a search text built by an earlier release is rebuilt when the portal starts', async () => {
    await zone.services.db.execute(
      sql`UPDATE published_items SET search_text = split_part(search_text, ${SECTION}, 1)`,
    );
    await zone.services.db.execute(
      sql`UPDATE published_items SET search_vector = public.zh_search_tsv(search_text)`,
    );
    assert.equal((await searchItems(zone.services.db, 'topology', { lang: 'en' })).total, 0);
    assert.equal(await refreshSearchTexts(zone.services.db), loadCatalogItems().length);
    assert.equal(await refreshSearchTexts(zone.services.db), 0, 'nothing left to rebuild');
    const again = await searchItems(zone.services.db, 'topology', { lang: 'en' });
    assert.equal(again.items[0]?.item.id, 'mlps-filing');
  });
});
