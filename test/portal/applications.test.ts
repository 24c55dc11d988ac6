import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { applications, notifications, outbox } from '../../src/portal/db/schema.ts';
import { pageInputsFor } from './applications.expect.ts';
import {
  answer,
  applicantFields,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  errorsOf,
  start,
  startApplyZone,
  verifiedCitizen,
  type Person,
} from './applications.helpers.ts';
import type { TestZone } from '../helpers/zones.ts';
import { registerCitizen } from '../helpers/citizens.ts';

let zone: TestZone;
before(async () => {
  zone = await startApplyZone();
});
after(() => zone.close());

const slug = 'no-criminal-record-certificate';

describe('the certificate of no criminal record, applied for online', () => {
  let person: Person;
  let id = '';

  test('the guide offers to apply online, and the start page says what is needed', async () => {
    const guide = await zone.app.inject({ method: 'GET', url: `/services/items/${slug}` });
    assert.match(guide.body, new RegExp(`href="/services/${slug}/apply"[^>]*>在线办理`));
    const visitor = await zone.app.inject({ method: 'GET', url: `/services/${slug}/apply` });
    assert.equal(visitor.statusCode, 200);
    assert.match(visitor.body, /请先登录，再开始申请/);
    assert.match(visitor.body, /全程网办/);
    const unverified = await registerCitizen(zone);
    const page = await unverified.client.get(`/services/${slug}/apply`);
    assert.match(page.body, /在线申请需要先完成实名认证/);
    assert.match(page.body, /href="\/account\/profile"/);
    const refused = await unverified.client.post(`/services/${slug}/apply`, {}, { formUrl: '/account' });
    assert.equal(refused.statusCode, 422);
    assert.equal((await zone.services.db.select().from(applications)).length, 0);
  });

  test('a verified person goes through every page to the check page, the profile filled in', async () => {
    person = await verifiedCitizen(zone);
    const first = await start(person.client, slug);
    assert.match(first, /\/pages\/applicant$/);
    id = applicationIdOf(first);
    const page = await person.client.get(first);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /第 1 步，共 5 步/);
    assert.deepEqual(pageInputsFor(page.body, ['name', 'id-number', 'mobile']), {
      name: person.name,
      'id-number': person.idNumber,
      mobile: person.mobile,
    });
    assert.match(page.body, /value="male" checked/);
    let url = first;
    for (const [pageId, fields] of certificatePages(person)) {
      assert.match(url, new RegExp(`/pages/${pageId}$`));
      url = await answer(person.client, url, fields);
    }
    assert.equal(url, `/applications/${id}/check`);
    const check = await person.client.get(url);
    assert.equal(check.statusCode, 200);
    assert.match(check.body, new RegExp(person.name));
    assert.match(check.body, /福建省三明市三元区示范路1号/);
    assert.match(check.body, new RegExp(`href="/applications/${id}/pages/purpose\\?change=1#field-purpose"`));
    // A change from the check page goes back there once the question it opens is answered too.
    const opened = await person.client.post(`/applications/${id}/pages/purpose?change=1`, {
      purpose: 'other',
      'receiving-organisation': '示范科技有限公司',
    });
    assert.equal(opened.statusCode, 422);
    assert.deepEqual(errorsOf(opened), ['请填写用途说明']);
    assert.match(opened.body, /action="\/applications\/[^"]+\/pages\/purpose\?change=1"/);
    await answer(
      person.client,
      `/applications/${id}/pages/purpose?change=1`,
      {
        purpose: 'other',
        'purpose-detail': '办理签证\r\n第二行',
        'receiving-organisation': '示范科技\n有限公司',
      },
      new RegExp(`/applications/${id}/check$`),
    );
    const [saved] = await zone.services.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(
      saved?.answers['purpose-detail'],
      '办理签证\n第二行',
      'a question that spans lines keeps them',
    );
    assert.equal(saved?.answers['receiving-organisation'], '示范科技 有限公司');
  });

  test('submitting twice with the same key makes one case and one message', async () => {
    const { submitKey, csrf } = await checkPageForm(person.client, id);
    const post = () => person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
    const [a, b] = await Promise.all([post(), post()]);
    for (const r of [a, b]) {
      assert.equal(r.statusCode, 303, r.body.slice(0, 300));
      assert.equal(r.headers.location, `/applications/${id}/confirmation`);
    }
    const [row] = await zone.services.db.select().from(applications).where(eq(applications.id, id));
    // Each post takes a number before its transaction; the one that loses the race leaves a gap (ADR 0006).
    assert.match(String(row?.caseNumber), /^SF-ZA-\d{8}-00000[12]$/);
    assert.equal(row?.status, 'submitted');
    assert.equal(row?.inFlight, true);
    const sent = await zone.services.db.select().from(outbox).where(eq(outbox.type, 'application.submitted'));
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.stream, `case:${row?.caseNumber}`);
    const texts = await zone.services.db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'application.submitted'));
    assert.equal(texts.length, 1);
    assert.equal(texts[0]?.recipient, person.mobile);
    assert.match(String(texts[0]?.body), new RegExp(`办件编号 ${row?.caseNumber}`));
    const confirmation = await person.client.get(`/applications/${id}/confirmation`);
    assert.equal(confirmation.statusCode, 200);
    assert.match(confirmation.body, new RegExp(String(row?.caseNumber)));
    assert.match(confirmation.body, new RegExp(`href="/my/cases/${row?.caseNumber}"`));
    // A stale page posted after the submission goes to the confirmation.
    const stale = await person.client.post(
      `/applications/${id}/pages/purpose`,
      { purpose: 'study' },
      { csrf },
    );
    assert.equal(stale.headers.location, `/applications/${id}/confirmation`);
    const again = await person.client.get(`/applications/${id}/pages/purpose`);
    assert.equal(again.headers.location, `/applications/${id}/confirmation`);
  });

  test('the same person applying again while the first is in flight is told so', async () => {
    const startPage = await person.client.get(`/services/${slug}/apply`);
    assert.match(startPage.body, /正在办理中，不能重复申请/);
    const refused = await person.client.post(`/services/${slug}/apply`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /href="\/my\/cases\/SF-ZA-/);
    assert.equal((await zone.services.db.select().from(applications)).length, 1);
  });

  test('the receipt is a PDF', async () => {
    const pdf = await person.client.get(`/applications/${id}/receipt.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });
});

describe('answers that are refused', () => {
  test('keep what was typed, with an error summary linking to each field', async () => {
    const person = await verifiedCitizen(zone);
    const first = await start(person.client, slug);
    const refused = await person.client.post(first, {
      name: '林示范',
      sex: 'male',
      'id-number': '35040419900101001',
      mobile: '1380000',
    });
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(errorsOf(refused), [
      '公民身份号码应为18位：17位数字加1位数字或字母X',
      '请填写正确的11位手机号码，如 13800000000',
    ]);
    assert.match(refused.body, /href="#field-id-number"/);
    assert.deepEqual(pageInputsFor(refused.body, ['id-number', 'mobile']), {
      'id-number': '35040419900101001',
      mobile: '1380000',
    });
    assert.match(refused.body, /<title>错误：/);
  });

  test('a question shown by an answer is asked only then, and a group needs an item', async () => {
    const person = await verifiedCitizen(zone);
    const first = await start(person.client, slug);
    const formerNames = await answer(person.client, first, applicantFields(person));
    const none = await person.client.post(formerNames, { 'has-former-names': 'yes' });
    assert.equal(none.statusCode, 422);
    assert.deepEqual(errorsOf(none), ['曾用名至少需要填写1项']);
    const next = await answer(person.client, formerNames, {
      'has-former-names': 'yes',
      'former-names[0].former-name': '林旧名',
    });
    assert.match(next, /\/pages\/addresses$/);
    const id = applicationIdOf(next);
    // "Different" asks for the current address; "same" does not keep one.
    const different = await person.client.post(next, {
      'household-address.division': '350404',
      'household-address.address': '示范路1号',
      'current-address-same': 'different',
    });
    assert.equal(different.statusCode, 422);
    assert.deepEqual(errorsOf(different), ['请选择现住址所在的区县']);
    await answer(person.client, next, {
      'household-address.division': '350404',
      'household-address.address': '示范路1号',
      'current-address-same': 'same',
      'current-address.division': '350404',
      'current-address.address': '不应保存',
    });
    const [row] = await zone.services.db.select().from(applications).where(eq(applications.id, id));
    assert.deepEqual(row?.answers['former-names'], [{ 'former-name': '林旧名' }]);
    assert.equal(row?.answers['current-address'], undefined);
  });
});

describe('the start page in English', () => {
  test('names the materials in English, and in Chinese on the Chinese page', async () => {
    const url = '/services/ethnicity-change/apply';
    const en = (await zone.app.inject({ method: 'GET', url: `${url}?lang=en` })).body;
    assert.match(en, /Approval of the ethnic affairs authority/);
    assert.match(en, /<li>Applicant&#39;s household register<\/li>|<li>Applicant's household register<\/li>/);
    assert.doesNotMatch(en, /民族事务部门审批意见|申请人居民户口簿/);
    const zh = (await zone.app.inject({ method: 'GET', url })).body;
    assert.match(zh, /民族事务部门审批意见/);
    assert.match(zh, /<li>申请人居民户口簿<\/li>/);
  });
});
