import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { messageHandlers } from '../../src/exchange/facade.ts';
import { contentInboxHandlers } from '../../src/portal/content/content.inbox.ts';
import { applyPublishedArticle } from '../../src/portal/content/content.service.ts';
import { releaseDue } from '../../src/workbench/content/content.review.ts';
import { contentArticles, contentVersions } from '../../src/workbench/content/content.tables.ts';
import { auditLog } from '../../src/workbench/db/schema.ts';
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
let editorApprover: Officer;
let outsider: Officer;

before(async () => {
  [portal, workbench] = await Promise.all([startTestZone('portal'), startWorkbench()]);
  Object.assign(portal.inboxHandlers, messageHandlers(contentInboxHandlers));
  boundary = joinZones(portal, workbench, { intervalMs: 60_000, beatMs: 0 });
  const unit = 'SF-D01';
  editor = await makeOfficer(workbench, { unitCode: unit, role: 'content-editor', enrolled: true });
  approver = await makeOfficer(workbench, { unitCode: unit, role: 'approver', enrolled: true });
  editorApprover = await makeOfficer(workbench, {
    unitCode: unit,
    enrolled: true,
    assignments: [
      { role: 'content-editor', unitCode: unit, scope: 'unit' },
      { role: 'approver', unitCode: unit, scope: 'unit' },
    ],
  });
  outsider = await makeOfficer(workbench, { unitCode: 'SF-JJ', role: 'approver', enrolled: true });
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

describe('articles from the workbench to the portal', () => {
  test('the check blocks personal data and says where; fixed, reviewed, published, read, found; taken down on schedule', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, 'police-news', '中心区分局破获一起电信诈骗案');
    const leaky = '## 案情\n犯罪嫌疑人张三，身份证号110105198001010016，\n联系电话13800000001。';
    const blocked = await save(ed, id, 1, { title: '中心区分局破获一起电信诈骗案', body: leaky });
    assert.equal(blocked.statusCode, 422);
    assert.match(blocked.body, /身份证号码/);
    assert.match(blocked.body, /正文第2行/);
    assert.match(blocked.body, /个人电话/);
    assert.match(blocked.body, /正文第3行/);
    assert.match(blocked.body, /个人姓名/);
    assert.ok(!blocked.body.includes('110105198001010016</'), 'the hit list hides the number');
    assert.equal((await state(id, 1))?.state, 'draft', 'saved, not submitted');

    const body =
      '## 案情\n犯罪嫌疑人张某因涉嫌诈骗被依法刑事拘留。\n\n- 不轻信陌生来电\n- 不向陌生账户转账\n\n| 时间 | 事项 |\n| --- | --- |\n| 3月 | 立案 |';
    const submitted = await save(ed, id, 1, {
      title: '中心区分局破获一起电信诈骗案',
      body,
      summary: '警方提醒：反诈骗',
    });
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 600));
    assert.equal((await state(id, 1))?.state, 'in-review');

    const ap = await logIn(workbench, approver);
    const published = await ap.post(
      `/content/${id}/approve`,
      { version: '1', publishAt: '' },
      { formUrl: `/content/${id}` },
    );
    assert.equal(published.statusCode, 303, published.body.slice(0, 600));
    assert.equal((await state(id, 1))?.state, 'published');

    // An approver of another district sees no such article.
    const other = await logIn(workbench, outsider);
    assert.equal((await other.get(`/content/${id}`)).statusCode, 404);

    await cross();
    const page = await portalGet(`/articles/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2>案情<\/h2>/);
    assert.match(page.body, /<th scope="col">时间<\/th>/);
    const column = await portalGet('/news/police-news');
    assert.match(column.body, new RegExp(`href="/articles/${id}"`));
    const rss = await portalGet('/feeds/police-news/rss.xml');
    assert.match(String(rss.headers['content-type']), /application\/rss\+xml/);
    assert.match(rss.body, /中心区分局破获一起电信诈骗案/);
    const atom = await portalGet('/feeds/police-news/atom.xml');
    assert.match(atom.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    const found = await portalGet(`/search?q=${encodeURIComponent('诈骗')}`);
    assert.match(found.body, new RegExp(`href="/articles/${id}"`));

    // A second version with a take-down time: it goes live and comes off when the clock passes it.
    const soon = new Date(workbench.services.now().getTime() + 3 * 3_600_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 16);
    const v2 = await save(ed, id, 1, { title: '中心区分局破获一起电信诈骗案（续）', body, withdrawAt: soon });
    assert.equal(v2.statusCode, 303, v2.body.slice(0, 600));
    const approved = await ap.post(
      `/content/${id}/approve`,
      { version: '2', publishAt: '' },
      { formUrl: `/content/${id}` },
    );
    assert.equal(approved.statusCode, 303);
    assert.equal((await state(id, 1))?.state, 'superseded');
    const compare = await ap.get(`/content/${id}/versions/2`);
    assert.match(compare.body, /<ins>\+ 中心区分局破获一起电信诈骗案（续）/);
    await cross();
    assert.match((await portalGet(`/articles/${id}`)).body, /（续）/);

    assert.deepEqual(await releaseDue(workbench.services), { published: 0, withdrawn: 0 });
    workbench.advance(4 * 3_600_000);
    assert.deepEqual(await releaseDue(workbench.services), { published: 0, withdrawn: 1 });
    assert.equal((await state(id, 2))?.state, 'withdrawn');
    await cross();
    assert.equal((await portalGet(`/articles/${id}`)).statusCode, 404);
  });

  test('four eyes: one who holds both duties may not approve what he wrote', async () => {
    const self = await logIn(workbench, editorApprover);
    const id = await newArticle(self, 'police-news', '明湖分局开展社区警务宣传');
    assert.equal(
      (await save(self, id, 1, { title: '明湖分局开展社区警务宣传', body: '宣传活动。' })).statusCode,
      303,
    );
    const page = await self.get(`/content/${id}`);
    assert.match(page.body, /须由另一人审核/);
    assert.doesNotMatch(page.body, /action="\/content\/\d+\/approve"/);
    const forced = await self.post(
      `/content/${id}/approve`,
      { version: '1', publishAt: '' },
      { formUrl: `/content/${id}` },
    );
    assert.equal(forced.statusCode, 403);
    assert.equal((await state(id, 1))?.state, 'in-review');
  });

  test('scheduled publication waits for the clock', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, 'notices', '春节期间户籍窗口办公时间调整');
    assert.equal(
      (await save(ed, id, 1, { title: '春节期间户籍窗口办公时间调整', body: '户籍窗口正常办公。' }))
        .statusCode,
      303,
    );
    const ap = await logIn(workbench, approver);
    const at = new Date(workbench.services.now().getTime() + 2 * 86_400_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 16);
    const scheduled = await ap.post(
      `/content/${id}/approve`,
      { version: '1', publishAt: at },
      { formUrl: `/content/${id}` },
    );
    assert.equal(scheduled.statusCode, 303, scheduled.body.slice(0, 600));
    assert.equal((await state(id, 1))?.state, 'scheduled');
    assert.equal((await releaseDue(workbench.services)).published, 0);
    await cross();
    assert.equal((await portalGet(`/articles/${id}`)).statusCode, 404, 'not yet');
    workbench.advance(2 * 86_400_000 + 60_000);
    assert.equal((await releaseDue(workbench.services)).published, 1);
    assert.equal((await state(id, 1))?.state, 'published');
    await cross();
    assert.equal((await portalGet(`/articles/${id}`)).statusCode, 200);
  });

  test('a false alarm goes out only with the approver’s reason, audited; the portal honours that override alone', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, 'wanted', '示范市公安局悬赏通告');
    const body = '被通缉人王大力，男，涉嫌抢劫。\n举报电话：0755-88886666（值班室）。';
    const fields = { title: '示范市公安局悬赏通告', body, expiresOn: '2099-12-31' };
    const refused = await save(ed, id, 1, fields);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /个人姓名/);
    const asked = await save(ed, id, 1, { ...fields, hitsForApprover: 'yes' });
    assert.equal(asked.statusCode, 303);

    const ap = await logIn(workbench, approver);
    const review = await ap.get(`/content/${id}`);
    const fingerprint = /name="reason_([0-9a-f]{16})"/.exec(review.body)?.[1];
    assert.ok(fingerprint, 'a reason box beside the hit');
    const noReason = await ap.post(
      `/content/${id}/approve`,
      { version: '1', publishAt: '' },
      { formUrl: `/content/${id}` },
    );
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /个人姓名/);
    const reason = '通缉令依法公开被通缉人姓名';
    const ok = await ap.post(
      `/content/${id}/approve`,
      { version: '1', publishAt: '', [`reason_${fingerprint}`]: reason },
      { formUrl: `/content/${id}` },
    );
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 600));
    const audits = await workbench.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'content.override'), eq(auditLog.target, `content:${id}`)));
    assert.equal(audits.length, 1);
    assert.equal((audits[0]?.detail as { reason?: string }).reason, reason);
    assert.equal((audits[0]?.detail as { category?: string }).category, 'name');
    assert.ok(
      !JSON.stringify(audits[0]?.detail).includes('王大力'),
      'the audit names the hit, not the person',
    );
    await cross();
    assert.equal((await portalGet(`/articles/${id}`)).statusCode, 200);

    // A message whose text hides a hit nobody let through is held at the portal, never shown.
    const [row] = await workbench.services.db
      .select()
      .from(contentArticles)
      .where(eq(contentArticles.id, id));
    assert.ok(row);
    const outcome = await portal.services.db.transaction((tx) =>
      applyPublishedArticle(tx, {
        id: 999_001,
        version: 1,
        column: 'police-news',
        title: '未经检查的稿件',
        summary: '',
        body: '当事人手机13800000001。',
        fields: {},
        unitName: '',
        publishedAt: new Date().toISOString(),
        expiresOn: null,
        overrides: [],
        english: null,
      }),
    );
    assert.equal(outcome, 'held');
    assert.equal((await portalGet('/articles/999001')).statusCode, 404);
  });

  test('returned with a reason; a wanted notice leaves the portal after its expiry day', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, 'missing-persons', '寻人启事');
    const today = new Date(workbench.services.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    assert.equal(
      (await save(ed, id, 1, { title: '寻人启事', body: '走失人员李某，女，七十岁。', expiresOn: today }))
        .statusCode,
      303,
    );
    const ap = await logIn(workbench, approver);
    const empty = await ap.post(
      `/content/${id}/return`,
      { version: '1', comment: '' },
      { formUrl: `/content/${id}` },
    );
    assert.equal(empty.statusCode, 422);
    const returned = await ap.post(
      `/content/${id}/return`,
      { version: '1', comment: '请补充走失时间' },
      { formUrl: `/content/${id}` },
    );
    assert.equal(returned.statusCode, 303);
    assert.equal((await state(id, 1))?.state, 'returned');
    assert.equal(
      (
        await save(ed, id, 1, {
          title: '寻人启事',
          body: '走失人员李某，女，七十岁，于昨日走失。',
          expiresOn: today,
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await ap.post(
          `/content/${id}/approve`,
          { version: '2', publishAt: '' },
          { formUrl: `/content/${id}` },
        )
      ).statusCode,
      303,
    );
    await cross();
    assert.equal((await portalGet(`/articles/${id}`)).statusCode, 200);
    workbench.advance(86_400_000 + 60_000);
    assert.equal((await releaseDue(workbench.services)).withdrawn >= 1, true);
    await cross();
    assert.equal((await portalGet(`/articles/${id}`)).statusCode, 404);
  });
});
