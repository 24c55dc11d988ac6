import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { messageHandlers } from '../../src/exchange/facade.ts';
import { contentInboxHandlers } from '../../src/portal/content/content.inbox.ts';
import { applyPublishedArticle } from '../../src/portal/content/content.service.ts';
import { seedContent } from '../../src/workbench/content/content.seed.ts';
import { museumDemo } from '../../src/workbench/content/museum.demo.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { colouredPng, followRedirect, postUpload } from './content-images.support.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

// The online police museum: the demo exhibits arrive through the exchange and fill the halls; an editor writes
// an exhibit with its picture, alternative text, caption and period, the check refuses one without them, a
// second officer publishes it, and the portal shows it in its hall and on its own page, in both languages.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;
let editor: Officer;
let approver: Officer;

before(async () => {
  [portal, workbench] = await Promise.all([startTestZone('portal'), startWorkbench()]);
  Object.assign(portal.inboxHandlers, messageHandlers(contentInboxHandlers));
  boundary = joinZones(portal, workbench, { intervalMs: 60_000, beatMs: 0 });
  editor = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'content-editor', enrolled: true });
  approver = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'approver', enrolled: true });
  await seedContent(workbench.services);
  assert.equal((await boundary.toPortal()).failed, 0);
});
after(async () => {
  await boundary.close();
});

const portalGet = (url: string, lang?: 'en') =>
  portal.app.inject({ method: 'GET', url, headers: lang ? { cookie: 'lang=en' } : {} });

const exhibit = {
  title: '第一辆警用摩托车',
  summary: '',
  body: '1956年，交通民警配发了第一辆摩托车。',
  hall: 'founding',
  period: '1956年',
  image: '/static/museum/patrol-bicycle-1965.svg',
  imageAlt: '一辆老式摩托车的侧视图',
  caption: '演示复原图。',
  withdrawAt: '',
};

describe('the online police museum', () => {
  test('the demo exhibits fill the halls, each with its picture and alternative text', async () => {
    const entrance = await portalGet('/museum');
    assert.equal(entrance.statusCode, 200);
    for (const hall of ['founding', 'reform', 'technology', 'service'])
      assert.match(entrance.body, new RegExp(`href="/museum/halls/${hall}"`));
    assert.match(entrance.body, /href="\/services\/police-museum-visit-booking\/book"/);
    const hall = await portalGet('/museum/halls/founding');
    assert.equal(hall.statusCode, 200);
    assert.match(hall.body, /<img src="\/static\/museum\/cap-badge-1950.svg" alt="圆形帽徽/);
    assert.equal((await portalGet('/museum/halls/nowhere')).statusCode, 404);
    const english = await portalGet('/museum/halls/reform', 'en');
    assert.match(english.body, /The first telephone of the 110 service desk/);
    assert.match(english.body, /alt="An old black desk telephone/);
    assert.ok(museumDemo.length >= 8 && museumDemo.length <= 12);
  });

  test('an exhibit without its picture or alternative text is refused, then published and shown', async () => {
    const ed = await logIn(workbench, editor);
    const created = await ed.post(
      '/content',
      { column: 'museum-exhibits', unitCode: 'SF-D01', title: exhibit.title },
      { formUrl: '/content/new' },
    );
    assert.equal(created.statusCode, 303, created.body.slice(0, 400));
    const id = Number(/\/content\/(\d+)$/.exec(created.headers.location ?? '')?.[1]);

    const save = (fields: Record<string, string>) =>
      ed.post(`/content/${id}`, { baseVersion: '1', action: 'submit', ...exhibit, ...fields });
    const noAlt = await save({ imageAlt: '', hall: 'attic', image: 'javascript:alert(1)' });
    assert.equal(noAlt.statusCode, 422);
    assert.match(noAlt.body, /请填写“图片替代文字”/);
    assert.match(noAlt.body, /请从列表中选择“展厅”/);
    assert.match(noAlt.body, /“展品图片地址”须是本站图片路径/);
    assert.match(noAlt.body, /value="一辆老式摩托车的侧视图"|1956年，交通民警/, 'what was typed is kept');
    const englishWithoutAlt = await save({ titleEn: 'The first police motorcycle', bodyEn: 'In 1956.' });
    assert.equal(englishWithoutAlt.statusCode, 422);
    assert.match(englishWithoutAlt.body, /请填写“图片替代文字（英文）”/);

    const submitted = await save({});
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 600));
    const ap = await logIn(workbench, approver);
    const published = await ap.post(
      `/content/${id}/approve`,
      { version: '1', publishAt: '' },
      { formUrl: `/content/${id}` },
    );
    assert.equal(published.statusCode, 303, published.body.slice(0, 600));
    assert.equal((await boundary.toPortal()).failed, 0);

    const page = await portalGet(`/museum/exhibits/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 lang="zh-CN">第一辆警用摩托车<\/h1>/);
    assert.match(
      page.body,
      /<img src="\/static\/museum\/patrol-bicycle-1965.svg" alt="一辆老式摩托车的侧视图"/,
    );
    assert.match(page.body, /<figcaption lang="zh-CN">演示复原图。<\/figcaption>/);
    assert.match(page.body, /1956年/);
    assert.match((await portalGet('/museum/halls/founding')).body, new RegExp(`/museum/exhibits/${id}"`));
    // Search and feeds link it as an article: that address leads to the museum.
    const asArticle = await portalGet(`/articles/${id}`);
    assert.equal(asArticle.statusCode, 301);
    assert.equal(asArticle.headers.location, `/museum/exhibits/${id}`);
    assert.equal((await portalGet('/museum/exhibits/999999')).statusCode, 404);
  });

  test('an exhibit’s picture is chosen from the unit’s uploaded pictures, or an address typed instead', async () => {
    const ed = await logIn(workbench, editor);
    const created = await ed.post(
      '/content',
      { column: 'museum-exhibits', unitCode: 'SF-D01', title: '老式对讲机' },
      { formUrl: '/content/new' },
    );
    const id = Number(/\/content\/(\d+)$/.exec(created.headers.location ?? '')?.[1]);
    const fresh = await ed.get(`/content/${id}`);
    assert.match(
      fresh.body,
      /name="image"[^>]*type="text"|type="text"[^>]*name="image"/,
      'no picture yet: the address',
    );

    const typed = { baseVersion: '1', ...exhibit, title: '老式对讲机', image: '' };
    const uploaded = await postUpload(
      workbench,
      ed,
      id,
      { ...typed, uploadAlt: '一部黑色对讲机' },
      await colouredPng('#203040'),
    );
    // Without scripts the upload keeps the typed form and redirects to the editor showing it.
    assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 300));
    const shown = await followRedirect(workbench, ed, uploaded);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /value="老式对讲机"/);
    const path = /\/media\/content\/[0-9a-f]{32}\.png/.exec(shown.body)?.[0] ?? '';
    assert.ok(path);
    // The unit's pictures as a choice, each with its thumbnail and its alternative text as the label.
    assert.match(shown.body, new RegExp(`type="radio" id="field-image" name="image" value="${path}"`));
    assert.match(
      shown.body,
      new RegExp(`<img src="${path}" alt="" width="64"[^>]*/?><span>一部黑色对讲机</span>`),
    );
    assert.match(shown.body, /name="imageAddress"/);

    const chosen = await ed.post(`/content/${id}`, {
      ...typed,
      action: 'save',
      image: path,
      imageAddress: '',
    });
    assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 600));
    const again = await ed.get(`/content/${id}`);
    assert.match(
      again.body,
      new RegExp(`name="image" value="${path}" checked`),
      'the chosen picture stays chosen',
    );

    // A typed address wins over the choice; a bad one is refused and kept as typed.
    const bad = await ed.post(`/content/${id}`, {
      ...typed,
      baseVersion: /name="baseVersion" value="(\d+)"/.exec(again.body)?.[1] ?? '1',
      action: 'submit',
      image: path,
      imageAddress: 'https://elsewhere.example/x.png',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /“展品图片地址”须是本站图片路径/);
    assert.match(bad.body, /name="imageAddress"[^>]*value="https:\/\/elsewhere\.example\/x\.png"/);
    assert.doesNotMatch(bad.body, new RegExp(`value="${path}" checked`));
  });

  test('an exhibit message whose picture is not on this site is never shown', async () => {
    await portal.database.db.transaction((tx) =>
      applyPublishedArticle(tx, {
        id: 900_001,
        version: 1,
        column: 'museum-exhibits',
        title: '伪造的展品',
        summary: '',
        body: '正文',
        fields: { hall: 'founding', period: '1950年', image: 'https://evil.example/x.svg', imageAlt: '图' },
        english: null,
        unitName: '',
        publishedAt: portal.services.now().toISOString(),
        expiresOn: null,
        overrides: [],
      }),
    );
    assert.equal((await portalGet('/museum/exhibits/900001')).statusCode, 404);
    assert.ok(!(await portalGet('/museum/halls/founding')).body.includes('evil.example'));
  });
});
