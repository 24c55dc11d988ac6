import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { messageHandlers } from '../../src/exchange/facade.ts';
import { contentInboxHandlers } from '../../src/portal/content/content.inbox.ts';
import { refreshArticleSearchTexts } from '../../src/portal/content/content.search.ts';
import { publishedArticles } from '../../src/portal/content/content.tables.ts';
import { publicContentChanged } from '../../src/shared/http/public-content.ts';
import { contentVersions } from '../../src/workbench/content/content.tables.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

// An article's whole way: written with personal data that the publication check finds and places, fixed,
// reviewed by a second person, published through the exchange, read on the portal, in its feed and in search,
// and taken down on schedule; false alarms let through only with a reason, audited; four eyes.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;
let editor: Officer;
let approver: Officer;

before(async () => {
  [portal, workbench] = await Promise.all([startTestZone('portal'), startWorkbench()]);
  Object.assign(portal.inboxHandlers, messageHandlers(contentInboxHandlers));
  boundary = joinZones(portal, workbench, { intervalMs: 60_000, beatMs: 0 });
  const unit = 'SF-D01';
  editor = await makeOfficer(workbench, { unitCode: unit, role: 'content-editor', enrolled: true });
  approver = await makeOfficer(workbench, { unitCode: unit, role: 'approver', enrolled: true });
});
after(async () => {
  await boundary.close();
});

async function cross(): Promise<void> {
  const report = await boundary.toPortal();
  assert.equal(report.failed, 0);
}

const idOf = (location: string | undefined) => Number(/\/content\/(\d+)$/.exec(location ?? '')?.[1]);

async function newArticle(client: FormClient, column: string, title: string): Promise<number> {
  const created = await client.post(
    '/content',
    { column, unitCode: 'SF-D01', title },
    { formUrl: '/content/new' },
  );
  assert.equal(created.statusCode, 303, created.body.slice(0, 400));
  return idOf(created.headers.location);
}

const save = (
  client: FormClient,
  id: number,
  base: number,
  fields: Record<string, string>,
  action = 'submit',
) =>
  client.post(`/content/${id}`, {
    baseVersion: String(base),
    action,
    summary: '',
    withdrawAt: '',
    ...fields,
  });

async function state(id: number, version: number) {
  const [row] = await workbench.services.db
    .select()
    .from(contentVersions)
    .where(and(eq(contentVersions.articleId, id), eq(contentVersions.version, version)));
  return row;
}

const portalGet = (url: string) => portal.app.inject({ method: 'GET', url });

describe('articles in English beside the Chinese', () => {
  test('the check reads the English too; the portal shows it in English, says when there is none, and feeds it', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, 'police-news', '示范市开通网上报警');
    const zh = { title: '示范市开通网上报警', body: '市民可通过门户网站报警求助。' };
    const leaky = await save(ed, id, 1, {
      ...zh,
      titleEn: 'Online reporting opens',
      bodyEn: 'Call the duty officer.\nSuspect ID 110105198001010016 was detained.',
    });
    assert.equal(leaky.statusCode, 422);
    assert.match(leaky.body, /身份证号码/);
    assert.match(leaky.body, /英文正文/, 'the hit is placed in the English body');
    assert.match(leaky.body, /Online reporting opens/, 'the form keeps what was typed');

    const halfDone = await save(ed, id, 1, { ...zh, titleEn: 'Online reporting opens', bodyEn: '' });
    assert.equal(halfDone.statusCode, 422);
    assert.match(halfDone.body, /有英文内容时请填写英文正文/);

    const english = {
      titleEn: 'Online reporting opens in Demo City',
      summaryEn: 'Report to the police on the portal.',
      bodyEn: 'Residents may now report to the police on the portal.',
    };
    assert.equal((await save(ed, id, 1, { ...zh, ...english })).statusCode, 303);
    const ap = await logIn(workbench, approver);
    const approve = (v: string) =>
      ap.post(`/content/${id}/approve`, { version: v, publishAt: '' }, { formUrl: `/content/${id}` });
    assert.equal((await approve('1')).statusCode, 303);
    await cross();

    const inEnglish = await portalGet(`/articles/${id}?lang=en`);
    assert.equal(inEnglish.statusCode, 200);
    assert.match(inEnglish.body, /<h1 lang="en">Online reporting opens in Demo City<\/h1>/);
    assert.match(inEnglish.body, /Residents may now report/);
    assert.doesNotMatch(inEnglish.body, /has no English version/);
    const inChinese = await portalGet(`/articles/${id}`);
    assert.match(inChinese.body, /<h1 lang="zh-CN">示范市开通网上报警<\/h1>/);
    assert.doesNotMatch(inChinese.body, /Residents may now/);

    const column = await portalGet('/news/police-news?lang=en');
    assert.match(column.body, /lang="en">Online reporting opens in Demo City/);
    const feedEn = await portalGet('/feeds/police-news/en/rss.xml');
    assert.equal(feedEn.statusCode, 200);
    assert.match(feedEn.body, /<language>en<\/language>/);
    assert.match(feedEn.body, /<title>Online reporting opens in Demo City<\/title>/);
    assert.match((await portalGet('/feeds/police-news/rss.xml')).body, /<title>示范市开通网上报警<\/title>/);

    // The search finds the article by its English words too, and names it in English on English pages.
    const byBody = await portalGet('/search?q=residents&lang=en');
    assert.match(byBody.body, /lang="en">Online reporting opens in Demo City/);
    const byTitle = await portalGet(`/search?q=${encodeURIComponent('Reporting opens')}`);
    assert.match(byTitle.body, /示范市开通网上报警/, 'a Chinese page finds it by its English title');
    assert.match((await portalGet('/search?q=duty&lang=en')).body, /No article matches/);
    // Rows indexed before English was indexed are rebuilt when the portal opens.
    await portal.services.db
      .update(publishedArticles)
      .set({
        searchText: '示范市开通网上报警',
        searchVector: sql`public.zh_search_tsv('示范市开通网上报警')`,
      })
      .where(eq(publishedArticles.id, id));
    publicContentChanged('/search');
    assert.match((await portalGet('/search?q=residents&lang=en')).body, /No article matches/);
    assert.equal(await refreshArticleSearchTexts(portal.services.db), 1);
    assert.equal(await refreshArticleSearchTexts(portal.services.db), 0, 'an indexed row is left alone');
    publicContentChanged('/search');
    assert.match((await portalGet('/search?q=residents&lang=en')).body, /Online reporting opens/);

    // A Chinese-only article: the English page says so and marks the Chinese text as Chinese.
    const plain = await newArticle(ed, 'police-news', '交警提示雨天慢行');
    assert.equal(
      (await save(ed, plain, 1, { title: '交警提示雨天慢行', body: '雨天路滑，请减速慢行。' })).statusCode,
      303,
    );
    assert.equal(
      (
        await ap.post(
          `/content/${plain}/approve`,
          { version: '1', publishAt: '' },
          { formUrl: `/content/${plain}` },
        )
      ).statusCode,
      303,
    );
    await cross();
    const chineseOnly = await portalGet(`/articles/${plain}?lang=en`);
    assert.match(chineseOnly.body, /has no English version/);
    assert.match(chineseOnly.body, /<h1 lang="zh-CN">交警提示雨天慢行<\/h1>/);
    assert.match(chineseOnly.body, /class="article-body" lang="zh-CN"/);
    assert.doesNotMatch((await portalGet('/feeds/police-news/en/atom.xml')).body, /交警提示雨天慢行/);

    // A new version changing the English alone: the comparison shows the English lines.
    assert.equal(
      (await save(ed, id, 1, { ...zh, ...english, titleEn: 'Online police reporting opens' })).statusCode,
      303,
    );
    assert.equal((await state(id, 2))?.titleEn, 'Online police reporting opens');
    const compared = await ap.get(`/content/${id}/versions/2`);
    assert.match(compared.body, /<del>- Online reporting opens in Demo City/);
    assert.match(compared.body, /<ins>\+ Online police reporting opens/);
  });

  test('the English home page marks a safety warning that has no English version, and shows one that has', async () => {
    const ed = await logIn(workbench, editor);
    const ap = await logIn(workbench, approver);
    const publish = async (title: string, fields: Record<string, string>) => {
      const id = await newArticle(ed, 'safety-warnings', title);
      const saved = await save(ed, id, 1, { title, expiresOn: '2099-12-31', ...fields });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
      const approved = await ap.post(
        `/content/${id}/approve`,
        { version: '1', publishAt: '' },
        { formUrl: `/content/${id}` },
      );
      assert.equal(approved.statusCode, 303);
    };
    await publish('谨防冒充公检法诈骗', { body: '公检法机关不会通过电话要求转账。' });
    await publish('夏季防溺水提示', {
      body: '不要到无安全设施的水域游泳。',
      titleEn: 'Stay safe near water this summer',
      bodyEn: 'Do not swim where there is no lifeguard.',
    });
    await cross();
    const home = await portalGet('/?lang=en');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /lang="zh-CN">谨防冒充公检法诈骗<\/a><span class="hint"> \(in Chinese\)<\/span>/);
    assert.match(home.body, /lang="en">Stay safe near water this summer<\/a><\/li>/);
    assert.doesNotMatch(
      (await portalGet('/')).body,
      /in Chinese/,
      'the Chinese home page says nothing of it',
    );
  });
});
