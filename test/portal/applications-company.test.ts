import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  applicationFiles,
  applications,
  companies,
  companyAgents,
  outbox,
} from '../../src/portal/db/schema.ts';
import { buildPdf } from '../../src/shared/files/pdf.fixture.ts';
import { demoCreditCode } from '../../src/workbench/market-registry/market-registry.seed.ts';
import { csrfFrom } from '../helpers/browser-like.ts';
import type { TestZone } from '../helpers/zones.ts';
import {
  answer,
  applicationIdOf,
  checkPageForm,
  errorsOf,
  postMultipart,
  start,
  startApplyZone,
  verifiedCitizen,
  type Person,
} from './applications.helpers.ts';

// A company's application by an accepted agent (公章刻制备案), with uploads; and the same through the API.

let zone: TestZone;
let representative: Person;
let agent: Person;
let companyId = '';
const creditCode = demoCreditCode('350404', 1001);
const slug = 'seal-engraving-filing';
const pdf = buildPdf();

before(async () => {
  zone = await startApplyZone();
  representative = await verifiedCitizen(zone, '王法人');
  agent = await verifiedCitizen(zone, '李经办');
  const db = zone.services.db;
  const [company] = await db
    .insert(companies)
    .values({ creditCode, name: '示范市示范贸易有限公司', createdBy: representative.id, status: 'active' })
    .returning({ id: companies.id });
  companyId = company!.id;
  await db.insert(companyAgents).values([
    { companyId, citizenId: representative.id, role: 'legal-representative' },
    { companyId, citizenId: agent.id, role: 'agent' },
  ]);
});
after(() => zone.close());

const pdfFile = (field: string, name = '授权委托书.pdf') => ({
  field,
  name,
  type: 'application/pdf',
  bytes: pdf,
});

describe('a company applies through its agent', () => {
  let id = '';

  test('the start page offers the companies the person acts for; none means registering one', async () => {
    const page = await agent.client.get(`/services/${slug}/apply`);
    assert.match(page.body, /以哪个单位的名义申请/);
    assert.match(page.body, /示范市示范贸易有限公司/);
    assert.match(page.body, /经办人/);
    const loner = await verifiedCitizen(zone, '赵无单位');
    const none = await loner.client.get(`/services/${slug}/apply`);
    assert.match(none.body, /您还没有可以代表的单位/);
    assert.match(none.body, /href="\/account\/companies\/new"/);
    const unchosen = await agent.client.post(`/services/${slug}/apply`, {});
    assert.equal(unchosen.statusCode, 422);
    assert.deepEqual(errorsOf(unchosen), ['请选择以哪个单位的名义申请']);
  });

  test('the agent answers the pages, the company filled in from its register', async () => {
    const first = await start(agent.client, slug, { company: companyId });
    id = applicationIdOf(first);
    const page = await agent.client.get(first);
    assert.match(page.body, new RegExp(`name="credit-code"[^>]*value="${creditCode}"`));
    const role = await answer(agent.client, first, {
      'company-name': '示范市示范贸易有限公司',
      'credit-code': creditCode,
      representative: '王法人',
      'company-address.division': '350404',
      'company-address.address': '示范路8号',
    });
    const rolePage = await agent.client.get(role);
    assert.match(rolePage.body, /value="agent" checked/, 'the role comes from the company register');
    const agentPage = await answer(agent.client, role, { role: 'agent' }, /\/pages\/agent$/);
    const authorisation = await answer(
      agent.client,
      agentPage,
      {
        'agent-name': agent.name,
        'agent-id-number': agent.idNumber,
        'agent-mobile': agent.mobile,
        'agent-position': '行政主管',
      },
      /\/pages\/authorisation$/,
    );
    const form = await agent.client.get(authorisation);
    assert.match(form.body, /enctype="multipart\/form-data"/);

    const wrongType = await postMultipart(zone, agent.client, authorisation, {}, [
      pdfFile('mandate'),
      {
        field: 'agent-id-copy',
        name: 'id.pdf',
        type: 'application/pdf',
        bytes: Buffer.from('plain text, not a PDF'),
      },
    ]);
    assert.equal(wrongType.statusCode, 422);
    assert.deepEqual(errorsOf(wrongType), ['经办人居民身份证只能上传PDF、JPEG、PNG格式的文件']);
    assert.match(wrongType.body, /授权委托书\.pdf/, 'the good file is kept and listed');
    const kept = await zone.services.db
      .select()
      .from(applicationFiles)
      .where(eq(applicationFiles.applicationId, id));
    assert.deepEqual(
      kept.map((f) => [f.fieldId, f.mediaType]),
      [['mandate', 'application/pdf']],
    );

    const next = await postMultipart(zone, agent.client, authorisation, {}, [
      pdfFile('agent-id-copy', '身份证.pdf'),
    ]);
    assert.equal(next.statusCode, 303, errorsOf(next).join(' | '));
    assert.match(String(next.headers.location), /\/pages\/representative-id$/);
    const repId = await postMultipart(zone, agent.client, String(next.headers.location), {}, [
      pdfFile('representative-id', '法人身份证.pdf'),
    ]);
    assert.equal(repId.statusCode, 303, errorsOf(repId).join(' | '));
    const seals = await answer(
      agent.client,
      String(repId.headers.location),
      { reason: 'new' },
      /\/pages\/seals$/,
    );
    const declaration = await answer(
      agent.client,
      seals,
      {
        'seals[0].kind': 'official',
        'seals[0].inscription': '示范市示范贸易有限公司',
        engraver: '示范市示范刻章店',
      },
      /\/pages\/declaration$/,
    );
    await answer(agent.client, declaration, { declaration: 'agree' }, /\/check$/);
  });

  test('a file can be removed from a draft, and uploaded again', async () => {
    const [file] = await zone.services.db
      .select()
      .from(applicationFiles)
      .where(eq(applicationFiles.fieldId, 'representative-id'));
    assert.ok(file);
    const url = `/applications/${id}/pages/representative-id`;
    const page = await agent.client.get(url);
    assert.match(
      page.body,
      new RegExp(`<button[^>]*form="remove-${file.id}"[^>]*name="_remove" value="${file.id}"`),
    );
    assert.match(page.body, new RegExp(`<form id="remove-${file.id}" method="post" action="${url}"`));
    const removed = await agent.client.post(url, { _remove: file.id });
    assert.equal(removed.statusCode, 303);
    const check = await agent.client.get(`/applications/${id}/check`);
    assert.equal(check.headers.location, url, 'the draft is no longer complete');
    const scripted = buildPdf({
      catalog: '/OpenAction 4 0 R',
      objects: ['<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>'],
    });
    const unsafe = await postMultipart(zone, agent.client, url, {}, [
      { field: 'representative-id', name: 'script.pdf', type: 'application/pdf', bytes: scripted },
    ]);
    assert.equal(unsafe.statusCode, 422);
    assert.match(errorsOf(unsafe)[0] ?? '', /含有脚本或无法检查的内容/);
    const held = await zone.services.db
      .select()
      .from(applicationFiles)
      .where(eq(applicationFiles.fieldId, 'representative-id'));
    assert.equal(held.length, 0, 'a refused file is not kept');
    const huge = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await postMultipart(zone, agent.client, url, {}, [
      { field: 'representative-id', name: 'big.pdf', type: 'application/pdf', bytes: huge },
    ]);
    assert.equal(tooLarge.statusCode, 422);
    assert.deepEqual(errorsOf(tooLarge), ['法定代表人（负责人）居民身份证的每个文件不能超过5 MB']);
    const again = await postMultipart(zone, agent.client, url, {}, [
      pdfFile('representative-id', '法人身份证.pdf'),
    ]);
    assert.equal(again.statusCode, 303);
  });

  test('the legal representative may look at the draft, a stranger may not', async () => {
    assert.equal((await representative.client.get(`/api/v1/applications/${id}`)).statusCode, 200);
    assert.equal((await representative.client.get(`/applications/${id}/pages/seals`)).statusCode, 404);
    const stranger = await verifiedCitizen(zone, '陌生人');
    for (const url of [
      `/applications/${id}/pages/seals`,
      `/applications/${id}/check`,
      `/api/v1/applications/${id}`,
    ]) {
      assert.equal((await stranger.client.get(url)).statusCode, 404, url);
    }
  });

  test('the submission names the company and sends each file with the same id', async () => {
    const { submitKey, csrf } = await checkPageForm(agent.client, id);
    const done = await agent.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
    assert.equal(done.statusCode, 303);
    const [row] = await zone.services.db.select().from(applications).where(eq(applications.id, id));
    assert.equal(row?.companyId, companyId);
    const messages = await zone.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.stream, `case:${row?.caseNumber}`));
    const submitted = messages.find((m) => m.type === 'application.submitted');
    const payload = submitted?.payload as { applicant: { company?: { role: string; creditCode: string } } };
    assert.deepEqual(payload.applicant.company?.role, 'agent');
    assert.equal(payload.applicant.company?.creditCode, creditCode);
    const files = messages.filter((m) => m.type === 'attachment.submitted');
    const answered = ['mandate', 'agent-id-copy', 'representative-id'].map(
      (field) => (row?.answers[field] as { id: string }[])[0]!.id,
    );
    assert.deepEqual(
      files.map((m) => (m.payload as { attachmentId: string }).attachmentId).sort(),
      answered.sort(),
    );
    assert.match((await representative.client.get(`/services/${slug}/apply`)).body, /已有申请正在办理中/);
    // The company cannot have a second one in flight, whoever applies for it.
    const again = await representative.client.post(`/services/${slug}/apply`, { company: companyId });
    assert.equal(again.statusCode, 409);
  });
});

describe('the JSON API', () => {
  test('starts, answers, refuses with every problem, and submits once', async () => {
    const person = await verifiedCitizen(zone, '周接口');
    const csrf = csrfFrom((await person.client.get('/account')).body)!;
    const created = await person.client.json(
      'POST',
      '/api/v1/applications',
      { service: 'no-criminal-record-certificate' },
      csrf,
    );
    assert.equal(created.statusCode, 201, created.body);
    const draft = JSON.parse(created.body) as { id: string; nextPage: string; state: string };
    assert.deepEqual([draft.state, draft.nextPage], ['draft', 'applicant']);
    const again = await person.client.json(
      'POST',
      '/api/v1/applications',
      { service: 'no-criminal-record-certificate' },
      csrf,
    );
    assert.equal(again.statusCode, 200);
    assert.equal((JSON.parse(again.body) as { id: string }).id, draft.id);

    const pageUrl = (page: string) => `/api/v1/applications/${draft.id}/pages/${page}`;
    const refused = await postMultipart(
      zone,
      person.client,
      pageUrl('applicant'),
      { name: '周接口', mobile: '123' },
      [],
      {
        csrf,
        accept: 'application/json',
      },
    );
    assert.equal(refused.statusCode, 422);
    const error = (JSON.parse(refused.body) as { error: { fields: { field: string }[] } }).error;
    assert.deepEqual(
      error.fields.map((f) => f.field),
      ['sex', 'id-number', 'mobile'],
    );
    const pages: [string, Record<string, string>][] = [
      ['applicant', { name: '周接口', sex: 'male', 'id-number': person.idNumber, mobile: person.mobile }],
      ['former-names', { 'has-former-names': 'no' }],
      [
        'addresses',
        {
          'household-address.division': '350404',
          'household-address.address': '示范路2号',
          'current-address-same': 'same',
        },
      ],
      ['purpose', { purpose: 'study', 'receiving-organisation': '示范大学' }],
      ['declaration', { declaration: 'agree' }],
    ];
    let saved = { nextPage: 'applicant' as string | null };
    for (const [page, fields] of pages) {
      assert.equal(saved.nextPage, page);
      const response = await postMultipart(zone, person.client, pageUrl(page), fields, [], {
        csrf,
        accept: 'application/json',
      });
      assert.equal(response.statusCode, 200, response.body);
      saved = JSON.parse(response.body) as { nextPage: string | null };
    }
    assert.equal(saved.nextPage, null);
    const submitKey = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
    const first = await person.client.json(
      'POST',
      `/api/v1/applications/${draft.id}/submit`,
      { submitKey },
      csrf,
    );
    assert.equal(first.statusCode, 201, first.body);
    const retry = await person.client.json(
      'POST',
      `/api/v1/applications/${draft.id}/submit`,
      { submitKey },
      csrf,
    );
    assert.equal(retry.statusCode, 200);
    assert.equal(
      (JSON.parse(first.body) as { caseNumber: string }).caseNumber,
      (JSON.parse(retry.body) as { caseNumber: string }).caseNumber,
    );
    const doc = await zone.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(doc.statusCode, 200);
    const paths = Object.keys((JSON.parse(doc.body) as { paths: Record<string, unknown> }).paths);
    for (const path of [
      '/api/v1/applications',
      '/api/v1/applications/{id}',
      '/api/v1/applications/{id}/pages/{pageId}',
      '/api/v1/applications/{id}/submit',
    ]) {
      assert.ok(paths.includes(path), path);
    }
  });
});
