import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { withdrawItem } from '../../src/portal/catalog/catalog.service.ts';
import { siteMapGroups } from '../../src/portal/home/site-pages.tsx';
import { registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
  await publishCatalogDirectly(zone.services.db, loadCatalogItems());
});
after(async () => zone.close());

const get = (url: string, lang = 'zh') => zone.app.inject({ url, cookies: { lang } });
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"#]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('the home page', () => {
  test('search comes first, then popular services and life events', async () => {
    const page = await get('/');
    assert.equal(page.statusCode, 200);
    const main = page.body.slice(page.body.indexOf('<main'));
    const search = main.indexOf('role="search"');
    assert.ok(search > 0 && search < main.indexOf('热门服务'), 'the search box comes before the lists');
    assert.ok(main.indexOf('热门服务') < main.indexOf('按生活场景办事'));
    assert.match(main, /href="\/services\/items\/passport-first-issue"/);
    assert.match(main, /href="\/services\/life-events\/moving"/);
    assert.doesNotMatch(main, /我的办件/, 'no user centre for a visitor');
  });

  test('signed in, the user centre links to pages that answer', async () => {
    const { client } = await registerCitizen(zone);
    const page = await client.get('/');
    for (const href of ['/my/cases', '/my/messages', '/account']) {
      assert.ok(page.body.includes(`href="${href}"`), href);
      assert.equal((await client.get(href)).statusCode, 200, href);
    }
  });
});

describe('the footer and the site’s own pages', () => {
  test('every page carries the site information, in both languages', async () => {
    const zh = await get('/services');
    for (const text of ['主办单位：示范市公安局', '网站标识码', '示ICP备', '公网安备', '联系地址']) {
      assert.ok(zh.body.includes(text), text);
    }
    const en = await get('/services', 'en');
    assert.match(en.body, /Sponsor: Shifan City Public Security Bureau/);
  });

  test('every footer link and every site-map link answers 200', async () => {
    const footer = (await get('/')).body.split('<footer')[1] ?? '';
    const links = new Set([
      ...hrefs(footer),
      ...siteMapGroups.flatMap((g) => g.links.map((l) => l.href)).filter((h) => !/^\/(my|account)/.test(h)),
    ]);
    for (const path of ['/privacy', '/terms', '/accessibility', '/sitemap']) assert.ok(links.has(path), path);
    for (const href of links) assert.equal((await get(href)).statusCode, 200, href);
    for (const href of hrefs((await get('/sitemap')).body)) {
      if (/^\/(my|account|prefs)/.test(href) || href.startsWith('/static')) continue;
      assert.equal((await get(href)).statusCode, 200, href);
    }
  });

  test('the privacy notice says what is collected, why, for how long and who sees it', async () => {
    const zh = (await get('/privacy')).body;
    for (const heading of ['我们收集哪些信息', '为什么收集', '保存多久', '谁能看到', '需要您同意的情形']) {
      assert.ok(zh.includes(heading), heading);
    }
    const en = (await get('/privacy', 'en')).body;
    for (const heading of ['What we collect', 'Why we collect it', 'How long we keep it', 'Who sees it']) {
      assert.ok(en.includes(heading), heading);
    }
  });
});

describe('after a withdrawal', () => {
  test('a withdrawn popular service is no longer linked from the home page', async () => {
    await withdrawItem(zone.services.db, 'birth-registration', 99, new Date('2026-01-01T00:00:00Z'));
    zone.advanceClock(10_000);
    const page = await get('/');
    assert.doesNotMatch(page.body, /\/services\/items\/birth-registration/);
    assert.match(page.body, /\/services\/items\/passport-first-issue/);
  });
});
