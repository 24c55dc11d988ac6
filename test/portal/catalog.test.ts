import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { loadCatalogItems, sha256Hex, type ServiceItem } from '../../src/shared/catalog/index.ts';
import { applyDocument, readDocument } from '../../src/portal/catalog/catalog.documents.ts';
import { applyPublishedItem, withdrawItem } from '../../src/portal/catalog/catalog.service.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let zone: TestZone;
const items = loadCatalogItems();
const byId = (id: string): ServiceItem => {
  const item = items.find((i) => i.id === id);
  assert.ok(item, id);
  return item;
};

before(async () => {
  zone = await startTestZone('portal');
  const outcome = await publishCatalogDirectly(zone.services.db, items);
  assert.deepEqual(outcome, { applied: items.length, ignored: 0 });
  settle();
});

/**
 * Pages read within two seconds of a publication are not cached (catalog.cache.ts): moves the zone's clock
 * past that, so a test about the cache sees it at work whatever ran before it and however fast.
 */
const settle = () => zone.advanceClock(2_100);
after(async () => zone.close());

const get = (url: string, headers: Record<string, string> = {}) => zone.app.inject({ url, headers });
const json = async (url: string) => {
  const response = await get(url);
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
};
const ids = (body: Record<string, unknown>) => (body.items as { id: string }[]).map((i) => i.id);
const search = async (q: string) => {
  const { status, body } = await json(`/api/v1/services/search?q=${encodeURIComponent(q)}`);
  assert.equal(status, 200, JSON.stringify(body));
  return body as { items: { id: string }[]; total: number; mode: string };
};

describe('browsing the catalogue', () => {
  test('all 47 items are published and listed by the API', async () => {
    assert.equal(items.length, 47);
    const { status, body } = await json('/api/v1/services?pageSize=50');
    assert.equal(status, 200);
    assert.equal(body.total, 47);
    assert.equal(ids(body).length, 47);
  });

  test('the catalogue home shows search, the eight areas with counts, audiences and life events', async () => {
    const page = await get('/services');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /role="search"/);
    for (const area of ['出入境', '户政', '治安', '交管', '监管', '网安', '消防'])
      assert.match(page.body, new RegExp(area));
    // 禁毒 has nothing for a person, so a person is not offered it as a way in.
    assert.doesNotMatch(page.body, /href="\/services\/areas\/narcotics/);
    const household = items.filter((i) => i.area === 'household' && i.audience !== 'company').length;
    assert.match(
      page.body,
      new RegExp(`href="/services/areas/household\\?audience=person"[^]*?${household} 项事项`),
    );
    assert.match(page.body, /个人办事[^]*法人办事/);
    assert.match(page.body, /href="\/services\/life-events\/baby/);
    const company = await get('/services?audience=company');
    const narcotics = items.filter((i) => i.area === 'narcotics' && i.audience !== 'person').length;
    assert.ok(narcotics > 0);
    assert.match(company.body, new RegExp(`areas/narcotics\\?audience=company"[^]*?${narcotics} 项事项`));
    assert.match(company.body, /aria-current="page"[^>]*>法人办事/);
  });

  test('the fee quick fact names each fee beside its amount', async () => {
    const page = await get('/services/items/id-card-replacement');
    assert.match(page.body, /居民身份证工本费（丢失补领或损坏换领）：<span class="nowrap">40\.00 元<\/span>/);
  });

  test('an area lists its items and nothing else', async () => {
    const page = await get('/services/areas/exit-entry');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /普通护照首次申领/);
    assert.doesNotMatch(page.body, /居民身份证补领/);
    const { body } = await json('/api/v1/services?area=traffic&pageSize=50');
    assert.deepEqual(
      ids(body).sort(),
      items
        .filter((i) => i.area === 'traffic')
        .map((i) => i.id)
        .sort(),
    );
  });

  test('the audience filter keeps items for that kind of applicant and items for both', async () => {
    const { body } = await json('/api/v1/services?audience=company&pageSize=50');
    const expected = items
      .filter((i) => i.audience !== 'person')
      .map((i) => i.id)
      .sort();
    assert.deepEqual(ids(body).sort(), expected);
    const page = await get('/services/areas/narcotics?audience=person');
    assert.match(page.body, /共 0 项/);
  });

  test('a life event gathers items from several areas', async () => {
    const page = await get('/services/life-events/abroad');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /普通护照首次申领/);
    assert.match(page.body, /无犯罪记录证明开具/);
    const { body } = await json('/api/v1/services?lifeEvent=driving&pageSize=50');
    assert.deepEqual(
      ids(body).sort(),
      items
        .filter((i) => i.lifeEvents.includes('driving'))
        .map((i) => i.id)
        .sort(),
    );
  });

  test('unknown areas, events and items are 404, and odd page numbers are not errors', async () => {
    for (const url of [
      '/services/areas/space',
      '/services/life-events/x',
      '/services/items/nope',
      '/services/items/..%2F..%2Fetc',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
    for (const url of [
      '/services/areas/household?page=abc',
      '/services/areas/household?page=-2',
      '/services/areas/household?page=99999999999',
      '/services?audience=<x>',
    ]) {
      assert.equal((await get(url)).statusCode, 200, url);
    }
    for (const url of [
      '/services/files/forms/..%2F..%2Fpackage.json',
      '/services/files/forms/id-card-application-form.pdf',
      '/services/files/items/x.json',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
    assert.equal((await json('/api/v1/services?page=0')).status, 422);
    assert.equal((await json('/api/v1/services?area=space')).status, 422);
  });
});

describe('the guide page', () => {
  test('shows basic information, materials per situation, limits, fees, steps, places and FAQ', async () => {
    const page = await get('/services/items/id-card-replacement');
    assert.equal(page.statusCode, 200);
    const html = page.body;
    assert.match(html, /<h1>居民身份证补领（含损坏换领）<\/h1>/);
    assert.match(html, /SFQR-HZ-006-SF-D01-01/);
    assert.match(html, /行政确认/);
    assert.match(html, /《中华人民共和国居民身份证法》/);
    assert.match(html, /情形：丢失补领[^]*情形：损坏换领/);
    assert.match(html, /<th scope="col"[^>]*>材料名称<\/th>/);
    assert.match(html, /居民户口簿[^]*无需提交，由公安机关通过数据共享获取/);
    assert.match(html, /60个自然日/);
    assert.match(html, /10个工作日/);
    assert.match(html, /40\.00 元/);
    assert.match(html, /<ol class="catalog-steps"[^]*申请[^]*受理[^]*送达/);
    assert.match(html, /最多跑一次/);
    assert.match(html, /须本人到场核验身份并采集人像和指纹信息/);
    assert.match(html, /人民路派出所户籍窗口[^]*href="tel:000062010101"/);
    assert.match(html, /0000-61000001/);
    assert.match(html, /行政复议/);
    assert.match(html, /<details><summary>身份证在外地丢了，必须回老家补办吗？<\/summary>/);
    // The blank form is named by the item but the file is not in the repository yet: no dead link.
    assert.doesNotMatch(html, /下载空白表格/);
  });

  test('a free item says so, and an immediate item is decided the same day', async () => {
    const item = items.find((i) => !i.fees.charged && i.timeLimits.promised.value === 0);
    assert.ok(item);
    const page = await get(`/services/items/${item.id}`);
    assert.match(page.body, /不收费/);
    assert.match(page.body, /当场办结/);
  });

  test('in English, labels and the guide content are English', async () => {
    const page = await get('/services/items/passport-first-issue?lang=en');
    assert.equal(page.statusCode, 200);
    const html = page.body;
    assert.match(html, /<html lang="en"/);
    assert.match(html, /Documents you need/);
    assert.match(html, /<p class="catalog-zh-name" lang="zh-CN">普通护照首次申领<\/p>/);
    assert.match(html, /Administrative licensing/);
    // Conditions, materials with their notes, steps, places, remedies, result and FAQ, in English.
    assert.match(html, /You do not hold a valid ordinary passport/);
    assert.match(html, /Situation: Applicants aged 16 or over/);
    assert.match(
      html,
      /Recent colour photo of the applicant, without a hat[^]*Taken free of charge at the counter/,
    );
    assert.match(html, /<ol class="catalog-steps">[^]*Apply[^]*Acceptance[^]*Delivery/);
    assert.match(html, /Exit and Entry Service Hall, Shifan City Public Security Bureau/);
    assert.match(html, /88 Zhengwu Avenue/);
    assert.match(html, /Ordinary passport production fee/);
    assert.match(
      html,
      /Fee standards for exit-entry documents approved by the National Development and Reform/,
    );
    assert.match(
      html,
      /Ordinary passport of the People&#39;s Republic of China|Ordinary passport of the People's Republic of China/,
    );
    assert.match(html, /<summary>Do I need to bring a photo\?<\/summary>/);
    assert.match(html, /within 60 days of learning of it/);
    // The legal basis by its English name and articles, the Chinese title beside it as the one to cite.
    assert.match(
      html,
      /Passport Law of the People(?:&#39;|')s Republic of China, Articles 5 and 6 \(\s*<span lang="zh-CN">《中华人民共和国护照法》<\/span>\)/,
    );
    // Only the legal citations stay Chinese, marked as such.
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    const chinese = [...main.matchAll(/>([^<]*[\u4e00-\u9fff][^<]*)</g)].map((m) => m[1]);
    const marked = [...main.matchAll(/lang="zh-CN"[^>]*>([^<]*)</g)].map((m) => m[1]);
    assert.deepEqual(
      chinese.filter((t) => !marked.includes(t) && !/[《》]/.test(t ?? '')),
      [],
      'Chinese text outside a lang="zh-CN" element or a legal citation',
    );
  });

  test('the Chinese page shows the Chinese texts, not the English ones', async () => {
    const html = (await get('/services/items/passport-first-issue')).body;
    assert.match(html, /本人未持有有效的普通护照/);
    assert.match(html, /<summary>照片需要自己带吗？<\/summary>/);
    assert.doesNotMatch(html, /You do not hold a valid ordinary passport|Do I need to bring a photo/);
  });

  test('a guide published before it had English shows its Chinese on the English page, marked as Chinese', async () => {
    const withoutEnglish = JSON.parse(
      JSON.stringify({ ...byId('birth-registration'), version: 2 }, (key, value: unknown) =>
        key.endsWith('En') ? undefined : value,
      ),
    ) as ServiceItem;
    const db = zone.services.db;
    assert.equal(await db.transaction((tx) => applyPublishedItem(tx, withoutEnglish, new Date())), 'applied');
    settle();
    const html = (await get('/services/items/birth-registration?lang=en')).body;
    assert.match(html, /<span lang="zh-CN">出生医学证明<\/span>/);
    assert.match(html, /<strong class="catalog-step-name"><span lang="zh-CN">申请<\/span><\/strong>/);
    assert.match(html, /<li><span lang="zh-CN">《中华人民共和国户口登记条例》 第七条<\/span><\/li>/);
  });

  test('the API returns the whole guide, and 404 with the standard error body for an unknown item', async () => {
    const { status, body } = await json('/api/v1/services/passport-first-issue');
    assert.equal(status, 200);
    assert.deepEqual((body as { item: ServiceItem }).item, byId('passport-first-issue'));
    assert.ok(Date.parse(String(body.publishedAt)));
    const missing = await json('/api/v1/services/no-such-item');
    assert.equal(missing.status, 404);
    assert.equal((missing.body.error as { code: string }).code, 'NOT_FOUND');
    assert.ok((missing.body.error as { requestId: string }).requestId);
  });

  test('the OpenAPI document lists the catalogue endpoints under the catalog tag', async () => {
    const { body } = await json('/api/docs/json');
    const paths = body.paths as Record<string, { get?: { tags?: string[] } }>;
    for (const p of ['/api/v1/services', '/api/v1/services/search', '/api/v1/services/{id}']) {
      assert.deepEqual(paths[p]?.get?.tags, ['catalog'], p);
    }
  });
});

describe('publication versions and withdrawal', () => {
  test('a higher version replaces the guide at once, a lower or repeated one is ignored', async () => {
    const v1 = byId('temporary-id-card');
    settle();
    // Cached as version 1 first (a gzip answer comes only from the cache), so the test proves the cache lets go.
    await get('/services/items/temporary-id-card');
    const cached = await get('/services/items/temporary-id-card', { 'accept-encoding': 'gzip' });
    assert.equal(cached.headers['content-encoding'], 'gzip');
    const v2: ServiceItem = {
      ...v1,
      version: 2,
      summary: { zh: '第二版摘要：急用证件时申领。', en: 'Version two.' },
    };
    const db = zone.services.db;
    assert.equal(await db.transaction((tx) => applyPublishedItem(tx, v2, new Date())), 'applied');
    assert.match((await get('/services/items/temporary-id-card')).body, /第二版摘要/);
    assert.equal(await db.transaction((tx) => applyPublishedItem(tx, v1, new Date())), 'ignored');
    assert.equal(await db.transaction((tx) => applyPublishedItem(tx, v2, new Date())), 'ignored');
    const page = await get('/services/items/temporary-id-card');
    assert.match(page.body, /第二版摘要/);
    assert.equal(((await json('/api/v1/services/temporary-id-card')).body.item as ServiceItem).version, 2);
  });

  test('a withdrawn item disappears from the guide page, lists, search and API', async () => {
    const db = zone.services.db;
    assert.match((await get('/services/items/death-registration')).body, /死亡注销户口/);
    assert.equal(
      await db.transaction((tx) => withdrawItem(tx, 'death-registration', 1, new Date())),
      'withdrawn',
    );
    // The guide's address says the service is gone and where to go instead; the API answers as for none.
    const gone = await get('/services/items/death-registration');
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /该服务已不再提供/);
    assert.match(gone.body, /“死亡注销户口”已于/);
    assert.match(gone.body, /href="\/services\/areas\/household"/);
    assert.match(gone.body, /href="\/services\/search\?q=/);
    const goneEn = await get('/services/items/death-registration?lang=en');
    assert.equal(goneEn.statusCode, 410);
    assert.match(goneEn.body, /This service is no longer offered/);
    assert.equal((await get('/services/items/never-published')).statusCode, 404);
    assert.equal((await json('/api/v1/services/death-registration')).status, 404);
    assert.doesNotMatch((await get('/services/areas/household')).body, /死亡注销户口/);
    assert.ok(!(await search('销户')).items.some((i) => i.id === 'death-registration'));
    // Duplicate withdrawal is harmless; a higher version brings it back.
    assert.equal(
      await db.transaction((tx) => withdrawItem(tx, 'death-registration', 1, new Date())),
      'ignored',
    );
    const v2 = { ...byId('death-registration'), version: 2 };
    assert.equal(await db.transaction((tx) => applyPublishedItem(tx, v2, new Date())), 'applied');
    assert.equal((await get('/services/items/death-registration')).statusCode, 200);
  });

  test('a withdrawal that overtakes its publication keeps the late publication hidden', async () => {
    const db = zone.services.db;
    const fresh: ServiceItem = { ...byId('ethnicity-change'), id: 'late-item', version: 3 };
    assert.equal(await db.transaction((tx) => withdrawItem(tx, 'late-item', 3, new Date())), 'withdrawn');
    assert.equal(await db.transaction((tx) => applyPublishedItem(tx, fresh, new Date())), 'ignored');
    assert.equal((await get('/services/items/late-item')).statusCode, 404);
    assert.equal(
      await db.transaction((tx) => applyPublishedItem(tx, { ...fresh, version: 4 }, new Date())),
      'applied',
    );
    assert.equal((await get('/services/items/late-item')).statusCode, 200);
    // An older withdrawal arriving after a newer publication changes nothing.
    assert.equal(await db.transaction((tx) => withdrawItem(tx, 'late-item', 3, new Date())), 'ignored');
    assert.equal((await get('/services/items/late-item')).statusCode, 200);
  });

  test('an invalid item is refused before it reaches the table', async () => {
    const bad = { ...byId('ethnicity-change'), id: 'Not A Slug' } as ServiceItem;
    await assert.rejects(
      zone.services.db.transaction((tx) => applyPublishedItem(tx, bad, new Date())),
      TypeError,
    );
  });
});

describe('search', () => {
  test('护照 ranks the passport item first', async () => {
    const r = await search('护照');
    assert.equal(r.items[0]?.id, 'passport-first-issue');
    assert.ok(r.items.slice(0, 2).some((i) => i.id === 'passport-reissue'));
  });

  test('two-character words: 签注 finds the Hong Kong and Macao endorsement, 驾驶 the driving licence items', async () => {
    assert.ok((await search('签注')).items.slice(0, 3).some((i) => i.id === 'hk-macau-re-endorsement'));
    const driving = (await search('驾驶')).items.map((i) => i.id);
    assert.ok(
      driving.includes('licence-renewal-on-expiry') && driving.includes('licence-replacement'),
      driving.join(),
    );
  });

  test('everyday wording finds the item through its keywords', async () => {
    assert.equal((await search('身份证丢了')).items[0]?.id, 'id-card-replacement');
    assert.equal((await search('办护照')).items[0]?.id, 'passport-first-issue');
    assert.equal((await search('我要办护照怎么办')).items[0]?.id, 'passport-first-issue');
    assert.equal((await search('良民证')).items[0]?.id, 'no-criminal-record-certificate');
  });

  test('a mixed query falls back to partial matches when no item has every word', async () => {
    const r = await search('护照 加急');
    assert.equal(r.mode, 'any');
    assert.equal(r.items[0]?.id, 'passport-first-issue');
    const page = await get(`/services/search?q=${encodeURIComponent('护照 加急')}`);
    assert.match(page.body, /没有同时包含全部词语的事项/);
  });

  test('everyday words reach the items they mean (search-vocabulary.json)', async () => {
    assert.ok((await search('搬家')).items.slice(0, 3).some((i) => i.id === 'household-move-in'));
    assert.equal((await search('罚单')).items[0]?.id, 'traffic-violation-handling');
    const report = (await search('网上报警')).items.map((i) => i.id);
    assert.equal(report[0], 'cyber-crime-report');
    assert.ok(!report.includes('seal-engraving-filing'), report.join());
  });

  test('English matches whole words and counts in the singular for one', async () => {
    const hits = (await json('/api/v1/services/search?q=id&lang=en')).body.items as {
      highlights: { name: { text: string; match: boolean }[] };
    }[];
    assert.ok(hits.length > 0);
    for (const { highlights } of hits) {
      const segs = highlights.name;
      segs.forEach((seg, i) => {
        if (!seg.match) return;
        const around = (segs[i - 1]?.text.at(-1) ?? '') + (segs[i + 1]?.text[0] ?? '');
        assert.doesNotMatch(around, /[a-z0-9]/i, `${seg.text} inside a word`);
      });
    }
    const page = await get('/services/search?q=cybercrime&lang=en');
    assert.match(page.body, /1 service found for “cybercrime”/);
  });

  test('English words and single characters search too', async () => {
    assert.ok((await search('Passport')).items.some((i) => i.id === 'passport-first-issue'));
    assert.ok((await search('证')).total > 10);
  });

  test('results are highlighted, ranked and paged on the page', async () => {
    const page = await get(`/services/search?q=${encodeURIComponent('护照')}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<mark>护照<\/mark>/);
    assert.match(page.body, /找到 \d+ 个与“护照”相关的事项/);
    const all = await search('证');
    const second = await get(`/services/search?q=${encodeURIComponent('证')}&page=2`);
    assert.ok(all.total > 10);
    assert.match(second.body, /<ol class="catalog-list" start="11">/);
  });

  test('nonsense finds nothing and the page helps with suggestions', async () => {
    const r = await search('飞船登月 xyzzy');
    assert.equal(r.total, 0);
    const page = await get(`/services/search?q=${encodeURIComponent('飞船登月 xyzzy')}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /没有找到与“飞船登月 xyzzy”相关的事项/);
    assert.match(page.body, /href="\/services\/search\?q=%E5%8A%9E%E6%8A%A4%E7%85%A7"/);
    assert.match(page.body, /href="\/services\/areas\/household"/);
  });

  test('markup in the query is shown as text, never run', async () => {
    const q = '<script>alert(1)</script>护照';
    const page = await get(`/services/search?q=${encodeURIComponent(q)}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;护照/);
    const api = await search(q);
    assert.ok(Array.isArray(api.items));
  });

  test('an empty or over-long query is refused with a clear message: 422 in the API, a message on the page', async () => {
    for (const q of ['', '   ', '!!!']) {
      const { status, body } = await json(`/api/v1/services/search?q=${encodeURIComponent(q)}`);
      assert.equal(status, 422, q);
      const error = body.error as { code: string; fields: { field: string; message: string }[] };
      assert.equal(error.code, 'VALIDATION');
      assert.deepEqual(error.fields, [{ field: 'q', message: '请输入要查找的事项名称或关键词' }]);
    }
    assert.equal((await json('/api/v1/services/search')).status, 422);
    const long = await json(`/api/v1/services/search?q=${'护'.repeat(51)}&lang=en`);
    assert.equal(long.status, 422);
    assert.match(JSON.stringify(long.body), /at most 50 characters/);
    const page = await get('/services/search?q=');
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /class="error-summary"[^]*请输入要查找的事项名称或关键词/);
    assert.match(page.body, /aria-invalid="true"/);
    const blank = await get('/services/search');
    assert.equal(blank.statusCode, 200);
    assert.doesNotMatch(blank.body, /error-summary/);
  });
});

describe('caching', () => {
  beforeEach(settle);
  test('anonymous guide pages are served from memory; switches point at the clean address', async () => {
    const first = await get('/services/items/residence-permit?lang=en');
    const second = await get('/services/items/residence-permit?lang=en&utm=x');
    assert.equal(first.body, second.body);
    assert.match(first.body, /next=%2Fservices%2Fitems%2Fresidence-permit"/);
    assert.doesNotMatch(first.body, /utm=x/);
  });

  test('cached pages go compressed to browsers that accept gzip, and plain to others', async () => {
    const { gunzipSync } = await import('node:zlib');
    const plain = await get('/services/items/residence-permit');
    const zipped = await get('/services/items/residence-permit', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers.vary, 'accept-encoding');
    assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body);
    assert.equal(plain.headers['content-encoding'], undefined);
    const refused = await get('/services', { 'accept-encoding': 'gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.match(refused.body, /网上办事/);
  });

  test('elder mode and language have their own copies', async () => {
    const elder = await get('/services/items/residence-permit', { cookie: 'elder=1' });
    const plain = await get('/services/items/residence-permit');
    assert.match(elder.body, /class="zone-portal elder"/);
    assert.doesNotMatch(plain.body, /class="zone-portal elder"/);
  });
});

describe('documents received from the workbench', () => {
  const pdf = Buffer.from('%PDF-1.3\n% a stand-in: the relay, not the portal, checks the content type\n');
  const message = (over: Partial<{ sha256: string; title: string }> = {}) => ({
    path: 'forms/household-consent.pdf',
    title: '同意落户证明',
    kind: 'form' as const,
    sha256: sha256Hex(pdf),
    file: { name: 'household-consent.pdf', declaredType: 'application/pdf', data: pdf.toString('base64') },
    ...over,
  });

  test('content that does not match its hash is refused, so the message is quarantined, not stored', async () => {
    await assert.rejects(
      zone.services.db.transaction((tx) =>
        applyDocument(tx, message({ sha256: 'f'.repeat(64) }), new Date()),
      ),
      /does not match its hash/,
    );
    assert.equal(await readDocument(zone.services.db, 'forms/household-consent.pdf'), undefined);
  });

  test('a document is stored, replaced by a newer copy, and linked from the guides that name it', async () => {
    await zone.services.db.transaction((tx) => applyDocument(tx, message(), new Date()));
    await zone.services.db.transaction((tx) =>
      applyDocument(tx, message({ title: '同意落户证明（新）' }), new Date()),
    );
    const stored = await readDocument(zone.services.db, 'forms/household-consent.pdf');
    assert.equal(stored?.title, '同意落户证明（新）');
    assert.ok(stored?.content.equals(pdf));

    const guide = await zone.app.inject({ method: 'GET', url: '/services/items/household-move-in' });
    assert.equal(guide.statusCode, 200);
    assert.ok(guide.body.includes('href="/services/files/forms/household-consent.pdf" download=""'));
    // A document the portal has not received is not linked at all: no dead links.
    assert.ok(!guide.body.includes('/services/files/samples/household-register-page.pdf'));
  });

  test('files are served as attachments under a sandbox policy, samples too, and their 304s alike', async () => {
    await zone.services.db.transaction((tx) =>
      applyDocument(
        tx,
        {
          ...message(),
          path: 'samples/household-register-page.pdf',
          title: '户口簿内页（样本）',
          kind: 'sample',
        },
        new Date(),
      ),
    );
    for (const path of ['forms/household-consent.pdf', 'samples/household-register-page.pdf']) {
      const url = `/services/files/${path}`;
      const file = await zone.app.inject({ method: 'GET', url });
      assert.equal(file.statusCode, 200, path);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.match(
        String(file.headers['content-disposition']),
        /^attachment; filename="[a-z-]+\.pdf"; filename\*=UTF-8''/,
      );
      assert.equal(file.headers['content-security-policy'], 'sandbox');
      assert.equal(file.headers['x-content-type-options'], 'nosniff');
      const again = await zone.app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': String(file.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.headers['content-security-policy'], 'sandbox');
    }
    const sample = await zone.app.inject({
      method: 'GET',
      url: '/services/files/samples/household-register-page.pdf',
    });
    assert.ok(
      String(sample.headers['content-disposition']).endsWith(
        `filename*=UTF-8''${encodeURIComponent('户口簿内页（样本）.pdf')}`,
      ),
    );
  });
});

describe('report guides', () => {
  test('a guide that is really a report opens the tip form on its topic, not an application', async () => {
    for (const [id, topic] of [
      ['cyber-crime-report', 'cyber'],
      ['fire-hazard-report', 'fire'],
    ]) {
      const page = await get(`/services/items/${id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`href="/interaction/tip?topic=${topic}"`), id);
      assert.equal(page.body.includes(`/services/${id}/apply`), false, id);
      const form = await get(`/interaction/tip?topic=${topic}`);
      assert.match(form.body, new RegExp(`<option value="${topic}" selected`));
    }
  });
});
