import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { applicationSupplemented } from '../../src/exchange/contracts/index.ts';
import { historyOf } from '../../src/workbench/cases/cases.repository.ts';
import { makeOfficer, logIn, csrf, type Workbench } from './support.ts';
import {
  caseRow,
  claimAndAct,
  deliver,
  officerAt,
  openCase,
  SERVICES,
  startCaseWorkbench,
  statusMessages,
  step,
} from './cases.support.ts';

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { fields: { field: string; message: string }[] } }).error.fields;

test('one notice lists every missing material with its problem; the supplement brings the case back', async () => {
  const { row, application } = await openCase(zone, SERVICES.certificate);
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  assert.equal((await step(clerk, row.caseNumber, 'claim')).statusCode, 200);

  // Nothing chosen, an unknown material, a material without its problem: all refused at once, nothing moves.
  const none = await step(clerk, row.caseNumber, 'actions/request-materials', {});
  assert.equal(none.statusCode, 422);
  assert.match(fieldsOf(none.body)[0]?.message ?? '', /一次性告知/);
  const bad = await step(clerk, row.caseNumber, 'actions/request-materials', {
    missing: ['no-such-material', 'mandate'],
  });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(
    fieldsOf(bad.body).map((f) => f.field),
    ['missing', 'problem-mandate'],
  );
  assert.equal((await caseRow(zone, row.caseNumber)).state, 'submitted');

  const done = await step(clerk, row.caseNumber, 'actions/request-materials', {
    missing: ['mandate', 'principal-id-copy'],
    'problem-mandate': '委托书未签字',
    'problem-principal-id-copy': '身份证复印件不清晰',
    message: '请一次补齐以下材料',
  });
  assert.equal(done.statusCode, 200, done.body);
  const waiting = await caseRow(zone, row.caseNumber);
  assert.deepEqual([waiting.state, waiting.stateDueOn], ['missing-materials', null]);
  const notice = (await statusMessages(zone, row.caseNumber)).at(-1);
  assert.equal(notice?.status, 'missing-materials');
  assert.deepEqual(notice?.applicantMay, ['withdraw', 'supplement']);
  assert.deepEqual(
    notice?.missingMaterials?.map((m) => [m.code, m.problem]),
    [
      ['mandate', '委托书未签字'],
      ['principal-id-copy', '身份证复印件不清晰'],
    ],
  );
  assert.ok(
    notice?.missingMaterials?.every((m) => m.name.length > 0),
    'named as the guide names them',
  );

  await deliver(zone, applicationSupplemented, {
    applicationId: application.applicationId,
    caseNumber: row.caseNumber,
    citizenRef: application.applicant.citizenRef,
    answers: { mandate: '已签字' },
    note: '已补齐',
    supplementedAt: new Date().toISOString(),
  });
  const back = await caseRow(zone, row.caseNumber);
  assert.equal(back.state, 'submitted');
  // The supplement answers what the notice named; the answers it did not touch stay.
  assert.deepEqual(back.answers, { purpose: '出国留学', mandate: '已签字' });
  await claimAndAct(clerk, row.caseNumber, 'accept');
  assert.equal((await caseRow(zone, row.caseNumber)).state, 'accepted');
});

test('not accepting needs reasons and a legal basis, and ends the case', async () => {
  const { row } = await openCase(zone, SERVICES.certificate);
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  assert.equal((await step(clerk, row.caseNumber, 'claim')).statusCode, 200);
  const empty = await step(clerk, row.caseNumber, 'actions/not-accept', { message: '  ' });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(
    fieldsOf(empty.body).map((f) => f.field),
    ['message', 'legalBasis'],
  );
  // The page keeps what was typed and shows the problems.
  const page = await clerk.client.post(
    `/cases/${row.caseNumber}/actions/not-accept`,
    { message: '不属于本机关职权范围', legalBasis: '' },
    { formUrl: `/cases/${row.caseNumber}` },
  );
  assert.equal(page.statusCode, 422);
  assert.match(page.body, /不属于本机关职权范围/);
  assert.match(page.body, /请填写法律依据/);

  await claimAndAct(clerk, row.caseNumber, 'not-accept', {
    message: '不属于本机关职权范围',
    legalBasis: '《中华人民共和国行政许可法》第三十二条',
  });
  const closed = await caseRow(zone, row.caseNumber);
  assert.deepEqual([closed.state, closed.closed, closed.stateDueOn], ['not-accepted', true, null]);
  const last = (await statusMessages(zone, row.caseNumber)).at(-1);
  assert.deepEqual(
    [last?.status, last?.step, last?.legalBasis, last?.applicantMay, last?.dueOn],
    ['not-accepted', 'not-accepted', '《中华人民共和国行政许可法》第三十二条', [], null],
  );
  assert.equal((await step(clerk, row.caseNumber, 'claim')).statusCode, 409, 'a closed case is not claimed');
});

test('a licence: accepted, reviewed, approved by an approver who did neither, decided, issued and completed', async () => {
  const { row } = await openCase(zone, SERVICES.licence);
  const clerk = await officerAt(zone, 'SF-CRJ', 'window-clerk');
  const reviewer = await officerAt(zone, 'SF-CRJ', 'reviewer');
  const approver = await officerAt(zone, 'SF-CRJ', 'approver');
  await claimAndAct(clerk, row.caseNumber, 'accept');
  // The clerk cannot review: the workflow gives review to the reviewer's duty.
  assert.equal((await step(clerk, row.caseNumber, 'claim')).statusCode, 403);
  await claimAndAct(reviewer, row.caseNumber, 'review', { message: '符合条件' });
  assert.equal((await step(approver, row.caseNumber, 'claim')).statusCode, 200);
  const noOpinion = await step(approver, row.caseNumber, 'actions/agree', {});
  assert.equal(noOpinion.statusCode, 422);
  assert.equal((await step(approver, row.caseNumber, 'actions/agree', { message: '同意' })).statusCode, 200);
  assert.equal((await step(approver, row.caseNumber, 'claim')).statusCode, 200);
  const noBasis = await step(approver, row.caseNumber, 'actions/grant', {});
  assert.equal(noBasis.statusCode, 422);
  const granted = await step(approver, row.caseNumber, 'actions/grant', {
    legalBasis: '《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》',
  });
  assert.equal(granted.statusCode, 200, granted.body);
  await claimAndAct(clerk, row.caseNumber, 'issue');
  await claimAndAct(clerk, row.caseNumber, 'complete');

  const messages = await statusMessages(zone, row.caseNumber);
  assert.deepEqual(
    messages.map((m) => [m.seq, m.status, m.step]),
    [
      [1, 'submitted', 'submitted'],
      [2, 'accepted', 'accepted'],
      [3, 'under-review', 'review-passed'],
      [4, 'under-review', 'approval-done'],
      [5, 'approved', 'granted'],
      [6, 'result-issued', 'result-issued'],
      [7, 'completed', 'completed'],
    ],
  );
  assert.equal(messages[3]?.message, undefined, 'the approval opinion stays inside the police');
  assert.deepEqual(
    messages.map((m) => m.applicantMay.join()),
    ['withdraw', 'withdraw', 'withdraw', 'withdraw', '', '', ''],
    'withdrawal is open until the decision',
  );
  const history = await historyOf(zone.services.db, row.caseNumber);
  assert.deepEqual(
    history.map((h) => [h.action, h.actor]),
    [
      ['submitted', 'applicant'],
      ['accept', clerk.officer.badgeNo],
      ['review', reviewer.officer.badgeNo],
      ['agree', approver.officer.badgeNo],
      ['grant', approver.officer.badgeNo],
      ['issue', clerk.officer.badgeNo],
      ['complete', clerk.officer.badgeNo],
    ],
  );
});

test('four eyes: an officer who accepted or reviewed a case may not approve or decide it', async () => {
  const { row } = await openCase(zone, SERVICES.licence);
  const both = await makeOfficer(zone, {
    unitCode: 'SF-CRJ',
    assignments: [
      { role: 'reviewer', unitCode: 'SF-CRJ', scope: 'unit' },
      { role: 'approver', unitCode: 'SF-CRJ', scope: 'unit' },
    ],
    enrolled: true,
  });
  const client = await logIn(zone, both);
  const me = { client, token: csrf((await client.get('/cases')).body) };
  const clerk = await officerAt(zone, 'SF-CRJ', 'window-clerk');
  await claimAndAct(clerk, row.caseNumber, 'accept');
  await claimAndAct(me, row.caseNumber, 'review');
  assert.equal((await step(me, row.caseNumber, 'claim')).statusCode, 200);
  const refused = await step(me, row.caseNumber, 'actions/disagree', { message: '不符合条件' });
  assert.equal(refused.statusCode, 403);
  assert.equal((await caseRow(zone, row.caseNumber)).state, 'reviewed');

  // He still holds it; the supervisor hands it to another approver, or he gives it back himself.
  const approver = await officerAt(zone, 'SF-CRJ', 'approver');
  const supervisor = await officerAt(zone, 'SF-CRJ', 'supervisor');
  assert.equal((await step(approver, row.caseNumber, 'release')).statusCode, 409, 'only the holder releases');
  assert.equal((await step(me, row.caseNumber, 'release')).statusCode, 200);
  assert.equal((await caseRow(zone, row.caseNumber)).claimedBy, null);
  assert.equal((await step(me, row.caseNumber, 'claim')).statusCode, 200);
  assert.equal(
    (await step(supervisor, row.caseNumber, 'assign', { badgeNo: approver.officer.badgeNo })).statusCode,
    200,
  );
  const disapproved = await step(approver, row.caseNumber, 'actions/disagree', { message: '不符合条件' });
  assert.equal(disapproved.statusCode, 200, disapproved.body);
  // Nor may he decide it once the approval is given.
  assert.equal((await step(me, row.caseNumber, 'claim')).statusCode, 200);
  const mine = await step(me, row.caseNumber, 'actions/refuse', {
    message: '不符合条件',
    legalBasis: '暂行管理办法',
  });
  assert.equal(mine.statusCode, 403);
  assert.equal((await step(me, row.caseNumber, 'release')).statusCode, 200);
  await claimAndAct(approver, row.caseNumber, 'refuse', {
    message: '不符合条件',
    legalBasis: '暂行管理办法',
  });
  const last = (await statusMessages(zone, row.caseNumber)).at(-1);
  assert.deepEqual(
    [last?.status, last?.message, last?.legalBasis],
    ['refused', '不符合条件', '暂行管理办法'],
  );
  assert.equal((await caseRow(zone, row.caseNumber)).closed, true);
});

test('a pre-application is approved for one visit and completed when collected', async () => {
  const { row } = await openCase(zone, SERVICES.preApplication);
  const clerk = await officerAt(zone, 'SF-D01', 'window-clerk');
  const approver = await officerAt(zone, 'SF-D01', 'approver');
  await claimAndAct(clerk, row.caseNumber, 'accept');
  await claimAndAct(approver, row.caseNumber, 'approve', {
    legalBasis: '《居住证暂行条例》',
    message: '请携带原件到窗口领取',
  });
  const approved = (await statusMessages(zone, row.caseNumber)).at(-1) as
    { status: string; visit?: { zh: string; en: string } } | undefined;
  assert.equal(approved?.status, 'approved');
  // 先批后办: the applicant is told where to come once and which originals to bring.
  assert.match(approved?.visit?.zh ?? '', /^请携带.+到.+办理一次即可。$/);
  assert.match(approved?.visit?.en ?? '', /^Come once to /);
  // An action the workflow does not have from this state is refused as a conflict, not carried out.
  assert.equal((await step(clerk, row.caseNumber, 'claim')).statusCode, 200);
  assert.equal((await step(clerk, row.caseNumber, 'actions/issue')).statusCode, 409);
  assert.equal((await step(clerk, row.caseNumber, 'actions/complete')).statusCode, 200);
  assert.equal((await caseRow(zone, row.caseNumber)).state, 'completed');
  assert.equal((await step(clerk, row.caseNumber, 'actions/no-such-action')).statusCode, 404);
});
