import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { outbox } from '../../src/exchange/tables.ts';
import { questionnaireAnswers } from '../../src/portal/db/schema.ts';
import { todayInShanghai } from '../../src/shared/calendar/working-days.ts';
import { questionnaireResponses } from '../../src/workbench/db/schema.ts';
import { FormClient, csrfFrom } from '../helpers/browser-like.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, testPublicKeys, type TestZone } from '../helpers/zones.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from '../workbench/support.ts';

// Satisfaction questionnaires the whole way: a supervisor builds one (refused while a condition is wrong),
// publishes it, the portal takes one response per browser or person with the conditions evaluated on the
// server, the responses cross back without personal data, the results count them; an edit is a new version,
// the audience is enforced, and closing stops the portal taking answers.

let portal: TestZone;
let workbench: Workbench;
let relay: Relay;
let supervisor: FormClient;
let leader: FormClient;

before(async () => {
  portal = await startTestZone('portal');
  workbench = await startWorkbench();
  await workbench.database.db.delete(outbox);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
  supervisor = await logIn(
    workbench,
    await makeOfficer(workbench, {
      unitCode: 'SF-D01',
      role: 'supervisor',
      scope: 'subtree',
      enrolled: true,
    }),
  );
  leader = await logIn(
    workbench,
    await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'approver', scope: 'subtree', enrolled: true }),
  );
});
after(async () => {
  await relay.stop();
  await Promise.all([portal.close(), workbench.close()]);
});

async function crossBothWays(): Promise<void> {
  await portal.signOutbox();
  await workbench.signOutbox();
  await relay.runOnce();
  await workbench.processInbox();
  await portal.processInbox();
}

const today = () => todayInShanghai(workbench.services.now());
const inDays = (n: number) => todayInShanghai(new Date(workbench.services.now().getTime() + n * 86_400_000));

const survey = {
  titleZh: '窗口服务满意度调查',
  titleEn: 'Service hall satisfaction survey',
  introZh: '请花一分钟告诉我们您的感受。',
  introEn: 'Tell us in a minute how it went.',
  slots: '5',
  q1_kind: 'single',
  q1_zh: '您对本次办事满意吗？',
  q1_en: 'Were you satisfied?',
  q1_required: 'yes',
  q1_options: '满意 | Satisfied\n不满意 | Not satisfied',
  q2_kind: 'multiple',
  q2_zh: '您通过哪些渠道了解办事指南？',
  q2_options: '门户网站 | Portal\n窗口 | Counter\n电话 | Phone',
  q3_kind: 'scale',
  q3_zh: '请为窗口民警的态度打分',
  q3_required: 'yes',
  q4_kind: 'text',
  q4_zh: '哪里让您不满意？',
  q4_en: 'What went wrong?',
  q4_required: 'yes',
  q4_if: 'q1:o2',
};

/** POSTs a form whose fields may repeat (checkboxes), as a browser does, with the page's CSRF token. */
async function postPairs(
  client: FormClient,
  app: TestZone['app'],
  url: string,
  pairs: [string, string][],
  csrf?: string,
) {
  const token = csrf ?? csrfFrom((await client.get(url)).body) ?? '';
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: client.remoteAddress,
    payload: new URLSearchParams([['_csrf', token], ...pairs]).toString(),
    headers: { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function createAndPublish(fields: Record<string, string>, audience: string): Promise<string> {
  const created = await supervisor.post('/questionnaires', fields, { formUrl: '/questionnaires/new' });
  assert.equal(created.statusCode, 303, created.body.slice(0, 500));
  const page = String(created.headers.location);
  const published = await supervisor.post(
    `${page}/publish`,
    { audience, opensOn: today(), closesOn: inDays(30) },
    { formUrl: page },
  );
  assert.equal(published.statusCode, 303, published.body.slice(0, 500));
  await crossBothWays();
  return page.split('/').pop()!;
}

let id = '';

test('a definition whose condition names a later question or an unknown option is refused, keeping what was typed', async () => {
  const later = await supervisor.post(
    '/questionnaires',
    { ...survey, q1_if: 'q4:o1' },
    { formUrl: '/questionnaires/new' },
  );
  assert.equal(later.statusCode, 422);
  assert.match(later.body, /第 1 题的显示条件指向后面的第 4 题/);
  assert.match(later.body, /value="窗口服务满意度调查"/);
  const option = await supervisor.post(
    '/questionnaires',
    { ...survey, q4_if: 'q1:o5' },
    { formUrl: '/questionnaires/new' },
  );
  assert.equal(option.statusCode, 422);
  assert.match(option.body, /第 4 题的显示条件指向第 1 题不存在的选项 o5/);
  const english = await supervisor.post(
    '/questionnaires?lang=en',
    { ...survey, q4_if: 'q9:o1' },
    { formUrl: '/questionnaires/new?lang=en' },
  );
  assert.match(
    english.body,
    /Question 4&#39;s condition names a question that does not exist \(q9\)|Question 4's condition names a question that does not exist \(q9\)/,
  );
  const malformed = await supervisor.post(
    '/questionnaires',
    { ...survey, q4_if: 'first' },
    { formUrl: '/questionnaires/new' },
  );
  assert.equal(malformed.statusCode, 422);
  assert.match(malformed.body, /q1:o2/);
});

test('published, it reaches the portal and is listed; the leader may read results but not build', async () => {
  id = await createAndPublish(survey, 'everyone');
  const list = await new FormClient(portal.app).get('/interaction/questionnaires');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /窗口服务满意度调查/);
  assert.equal((await leader.get(`/questionnaires/${id}`)).statusCode, 403);
  assert.equal((await leader.get(`/questionnaires/${id}/results`)).statusCode, 200);
});

test('a visitor answers once: required questions, a hidden question neither required nor kept, then thanks', async () => {
  const visitor = new FormClient(portal.app);
  const url = `/interaction/questionnaires/${id}`;
  const form = await visitor.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /仅当第 1 题选择“不满意”时作答/);

  const missing = await postPairs(visitor, portal.app, url, [['q2', 'o1']]);
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /请选择一项/);
  assert.match(missing.body, /name="q2" value="o1" checked/);

  const done = await postPairs(visitor, portal.app, url, [
    ['q1', 'o1'],
    ['q2', 'o1'],
    ['q2', 'o3'],
    ['q3', '5'],
    ['q4', '这段不该被保存'],
  ]);
  assert.equal(done.statusCode, 303, done.body.slice(0, 400));
  assert.equal(done.headers.location, `${url}/thanks`);
  const [saved] = await portal.services.db.select().from(questionnaireAnswers);
  assert.deepEqual(
    saved?.answers.map((a) => a.question),
    ['q1', 'q2', 'q3'],
  );
  assert.equal(saved?.citizenId, null);

  // The same browser submits the form it still has open (its token), as a second tab would.
  const token = csrfFrom(form.body);
  const again = await postPairs(
    visitor,
    portal.app,
    url,
    [
      ['q1', 'o1'],
      ['q3', '4'],
    ],
    token,
  );
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /您已参与过本次调查/);
  assert.match((await visitor.get(url)).body, /您已参与过本次调查/);
});

test('a shown conditional question is required; its answer is kept and listed escaped in the results', async () => {
  const visitor = new FormClient(portal.app);
  const url = `/interaction/questionnaires/${id}`;
  const refused = await postPairs(visitor, portal.app, url, [
    ['q1', 'o2'],
    ['q3', '2'],
  ]);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /请填写此题/);
  const done = await postPairs(visitor, portal.app, url, [
    ['q1', 'o2'],
    ['q3', '2'],
    ['q4', '排队太久<script>alert(1)</script>'],
  ]);
  assert.equal(done.statusCode, 303);

  await crossBothWays();
  const rows = await workbench.services.db
    .select()
    .from(questionnaireResponses)
    .where(eq(questionnaireResponses.questionnaireId, id));
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r.audience === 'everyone' && r.version === 1));
  assert.doesNotMatch(JSON.stringify(rows), /citizen|guard/);

  const results = await supervisor.get(`/questionnaires/${id}/results`);
  assert.equal(results.statusCode, 200);
  assert.match(results.body, /50\.0%/);
  assert.match(results.body, /平均 3\.50 分/);
  assert.match(results.body, /排队太久&lt;script&gt;/);
  assert.doesNotMatch(results.body, /<script>alert/);
  const json = JSON.parse((await supervisor.json('GET', `/questionnaires/${id}/results`)).body) as {
    responses: number;
    questions: { id: string; options: { id: string; count: number }[]; average: number | null }[];
  };
  assert.equal(json.responses, 2);
  assert.deepEqual(
    json.questions[1]?.options.map((o) => o.count),
    [1, 0, 1],
  );
  assert.equal(json.questions[2]?.average, 3.5);

  const csv = await supervisor.get(`/questionnaires/${id}/results?format=csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.match(csv.body, /门户网站; 电话/);
});

test('an edit after publishing is a new version; earlier responses keep theirs', async () => {
  const page = `/questionnaires/${id}`;
  const saved = await supervisor.post(
    page,
    { ...survey, q1_id: 'q1', q2_id: 'q2', q3_id: 'q3', q4_id: 'q4', q3_zh: '请为窗口服务打分' },
    { formUrl: page },
  );
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
  await crossBothWays();
  const form = await new FormClient(portal.app).get(`/interaction/questionnaires/${id}`);
  assert.match(form.body, /请为窗口服务打分/);
  const visitor = new FormClient(portal.app);
  await visitor.get(`/interaction/questionnaires/${id}`);
  assert.equal(
    (
      await postPairs(visitor, portal.app, `/interaction/questionnaires/${id}`, [
        ['q1', 'o1'],
        ['q3', '4'],
      ])
    ).statusCode,
    303,
  );
  await crossBothWays();
  const v2 = await supervisor.get(`${page}/results`);
  assert.match(v2.body, /本版本回答数[\s\S]*?1</);
  const v1 = await supervisor.get(`${page}/results?version=1`);
  assert.match(v1.body, /请为窗口民警的态度打分/);
  assert.match(v1.body, /本版本回答数[\s\S]*?2</);
});

test('the audience is enforced: sign in first, one response per person, and only those it is for', async () => {
  const forCitizens = await createAndPublish({ ...survey, titleZh: '网上办事体验调查' }, 'citizens');
  const url = `/interaction/questionnaires/${forCitizens}`;
  const visitor = await new FormClient(portal.app).get(url);
  assert.equal(visitor.statusCode, 303);
  assert.match(String(visitor.headers.location), /^\/login\?next=/);

  const person = await registerCitizen(portal);
  assert.equal(
    (
      await postPairs(person.client, portal.app, url, [
        ['q1', 'o1'],
        ['q3', '3'],
      ])
    ).statusCode,
    303,
  );
  const twice = await postPairs(person.client, portal.app, url, [
    ['q1', 'o1'],
    ['q3', '3'],
  ]);
  assert.equal(twice.statusCode, 409);
  const [row] = await portal.services.db
    .select()
    .from(questionnaireAnswers)
    .where(eq(questionnaireAnswers.questionnaireId, forCitizens));
  assert.equal(row?.citizenId, person.id);

  const forCases = await createAndPublish({ ...survey, titleZh: '办结事项回访' }, 'finished-case');
  const notFor = await person.client.get(`/interaction/questionnaires/${forCases}`);
  assert.equal(notFor.statusCode, 403);
  assert.match(notFor.body, /本次调查不面向您的账号/);
});

test('closed, the portal stops listing it and answers 410; the workbench refuses further edits', async () => {
  const page = `/questionnaires/${id}`;
  assert.equal((await supervisor.post(`${page}/close`, {}, { formUrl: page })).statusCode, 303);
  await crossBothWays();
  assert.doesNotMatch(
    (await new FormClient(portal.app).get('/interaction/questionnaires')).body,
    /窗口服务满意度调查/,
  );
  assert.equal((await new FormClient(portal.app).get(`/interaction/questionnaires/${id}`)).statusCode, 410);
  const edit = await supervisor.post(page, survey, { formUrl: '/questionnaires' });
  assert.equal(edit.statusCode, 409);
});
