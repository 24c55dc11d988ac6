import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { registerCaseDocumentIssuer } from '../../src/workbench/cases/cases.documents.ts';
import { historyOf } from '../../src/workbench/cases/cases.repository.ts';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import { caseWorkflows } from '../../src/workbench/cases/cases.workflows.ts';
import type { Workbench } from './support.ts';
import {
  caseRow,
  claimAndAct,
  officerAt,
  openCase,
  SERVICES,
  startCaseWorkbench,
  statusMessages,
  step,
} from './cases.support.ts';

// 许可 from version 3: approval (审批, agree or disagree with an opinion) and decision (决定, grant or refuse
// with reasons and legal basis) are two steps; the decision follows the approval; cases opened before keep
// the single step of their version.

let zone: Workbench;
const issued: string[] = [];
before(async () => {
  zone = await startCaseWorkbench();
  registerCaseDocumentIssuer(async (_tx, request) => {
    issued.push(
      `${request.caseRow.caseNumber}:${request.kind}:${request.action}:${request.data.message ?? ''}`,
    );
  });
});
after(async () => {
  registerCaseDocumentIssuer(undefined);
  await zone.close();
});

const BASIS = '《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》';

async function reviewedLicence() {
  const { row } = await openCase(zone, SERVICES.licence);
  await claimAndAct(await officerAt(zone, 'SF-CRJ', 'window-clerk'), row.caseNumber, 'accept');
  await claimAndAct(await officerAt(zone, 'SF-CRJ', 'reviewer'), row.caseNumber, 'review');
  return row.caseNumber;
}

test('the licence table: the decision follows the approval, each state on a deadline within the legal 20 days', () => {
  const w = caseWorkflows.current('case-licence');
  assert.equal(w.definition.version, 3);
  const { definition } = w;
  assert.deepEqual(definition.actionsFrom('reviewed').sort(), ['agree', 'disagree', 'return', 'withdraw']);
  assert.deepEqual(definition.actionsFrom('approval-given').sort(), ['grant', 'withdraw']);
  assert.deepEqual(definition.actionsFrom('approval-withheld').sort(), ['refuse', 'withdraw']);
  assert.equal(definition.find('reviewed', 'agree')?.permission, 'cases.approve');
  assert.equal(definition.find('approval-given', 'grant')?.permission, 'cases.decide');
  for (const [from, action] of [
    ['reviewed', 'agree'],
    ['reviewed', 'disagree'],
    ['approval-given', 'grant'],
    ['approval-withheld', 'refuse'],
  ] as const)
    assert.equal(definition.find(from, action)?.fourEyes, true, `${action}: four eyes`);
  const days = ['accepted', 'reviewed', 'approval-given'].map(
    (s) => definition.states[s]?.deadline?.workingDays ?? 99,
  );
  assert.ok(days.reduce((a, b) => a + b) <= 20, '《行政许可法》第四十二条');
  assert.equal(
    w.publicStatus['approval-withheld'],
    'under-review',
    'no refusal is shown before the decision',
  );
  assert.equal(w.publicStatus.granted, 'approved');
  // The city variant takes the same table; only the approval goes up.
  const city = caseWorkflows.current('case-licence-city');
  assert.equal(city.definition.version, 2);
  assert.deepEqual(city.levels, { reviewed: 'city' });
  assert.ok(city.definition.find('approval-given', 'grant'));
  // The versions before stay loaded for the cases opened under them.
  assert.ok(caseWorkflows.of('case-licence', 2).definition.find('reviewed', 'approve'));
  assert.ok(caseWorkflows.of('case-licence-city', 1).definition.find('reviewed', 'approve'));
});

test('a disapproval leads to a refusal only, whose reasons start from the opinion; it issues the refusal', async () => {
  const caseNumber = await reviewedLicence();
  const approver = await officerAt(zone, 'SF-CRJ', 'approver');
  assert.equal((await step(approver, caseNumber, 'claim')).statusCode, 200);
  // The form keeps what was typed when the opinion is missing.
  const empty = await approver.client.post(
    `/cases/${caseNumber}/actions/disagree`,
    { message: '', _action: 'disagree' },
    { formUrl: `/cases/${caseNumber}` },
  );
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /请填写审批意见/);
  await claimAndAct(approver, caseNumber, 'disagree', { message: '申请人尚有未结案件，不符合签注条件' });
  assert.equal((await caseRow(zone, caseNumber)).state, 'approval-withheld');
  const told = (await statusMessages(zone, caseNumber)).at(-1);
  assert.deepEqual([told?.status, told?.step, told?.message], ['under-review', 'approval-done', undefined]);

  assert.equal((await step(approver, caseNumber, 'claim')).statusCode, 200);
  assert.equal((await step(approver, caseNumber, 'actions/grant', { legalBasis: BASIS })).statusCode, 409);
  const page = await approver.client.get(`/cases/${caseNumber}`);
  assert.match(page.body, /action="\/cases\/[^"]+\/actions\/refuse"/);
  assert.doesNotMatch(page.body, /actions\/grant"/);
  assert.match(page.body, />申请人尚有未结案件，不符合签注条件<\/textarea>/);
  assert.match(page.body, new RegExp(`value="${BASIS}"`));

  // Reasons typed and the basis emptied: the page comes back with both as typed.
  const noBasis = await approver.client.post(
    `/cases/${caseNumber}/actions/refuse`,
    { message: '申请人有未结案件', legalBasis: '', _action: 'refuse' },
    { formUrl: `/cases/${caseNumber}` },
  );
  assert.equal(noBasis.statusCode, 422);
  assert.match(noBasis.body, />申请人有未结案件<\/textarea>/);
  assert.match(noBasis.body, /请填写法律依据/);

  const done = await step(approver, caseNumber, 'actions/refuse', {
    message: '申请人有未结案件',
    legalBasis: BASIS,
  });
  assert.equal(done.statusCode, 200, done.body);
  const closed = await caseRow(zone, caseNumber);
  assert.deepEqual([closed.state, closed.closed], ['refused', true]);
  assert.deepEqual(
    issued.filter((i) => i.startsWith(caseNumber)).map((i) => i.split(':').slice(1).join(':')),
    ['acceptance-notice:accept:', 'refusal-decision:refuse:申请人有未结案件'],
  );
  const history = await historyOf(zone.services.db, caseNumber);
  assert.deepEqual(
    history.slice(-2).map((h) => [h.action, h.reason]),
    [
      ['disagree', '申请人尚有未结案件，不符合签注条件'],
      ['refuse', '申请人有未结案件'],
    ],
  );
});

test('an approval issues nothing; the grant issues the 准予许可决定书', async () => {
  const caseNumber = await reviewedLicence();
  const approver = await officerAt(zone, 'SF-CRJ', 'approver');
  await claimAndAct(approver, caseNumber, 'agree', { message: '同意' });
  assert.deepEqual(
    issued.filter((i) => i.startsWith(caseNumber)).map((i) => i.split(':')[1]),
    ['acceptance-notice'],
  );
  assert.equal((await step(approver, caseNumber, 'claim')).statusCode, 200);
  const page = await approver.client.get(`/cases/${caseNumber}?lang=en`);
  assert.match(page.body, /Decide to grant/);
  assert.match(page.body, new RegExp(`value="${BASIS}"`), 'the basis starts from the catalogue item');
  assert.equal(
    (await step(approver, caseNumber, 'actions/refuse', { message: 'x', legalBasis: BASIS })).statusCode,
    409,
  );
  const done = await step(approver, caseNumber, 'actions/grant', { legalBasis: BASIS, message: '符合条件' });
  assert.equal(done.statusCode, 200, done.body);
  assert.deepEqual(
    issued.filter((i) => i.startsWith(caseNumber)).map((i) => i.split(':')[1]),
    ['acceptance-notice', 'approval-decision'],
  );
  const row = await caseRow(zone, caseNumber);
  assert.deepEqual([row.state, row.publicStatus], ['granted', 'approved']);
  assert.ok(row.stateDueOn, 'the licence is issued on a deadline');
});

test('a case opened under version 2 keeps its single step of approval and decision', async () => {
  const { row } = await openCase(zone, SERVICES.licence);
  assert.equal(row.workflowVersion, 3);
  // As if opened before version 3 was added: the case names the version it runs under.
  await zone.services.db
    .update(cases)
    .set({ workflowVersion: 2 })
    .where(eq(cases.caseNumber, row.caseNumber));
  await claimAndAct(await officerAt(zone, 'SF-CRJ', 'window-clerk'), row.caseNumber, 'accept');
  await claimAndAct(await officerAt(zone, 'SF-CRJ', 'reviewer'), row.caseNumber, 'review');
  const approver = await officerAt(zone, 'SF-CRJ', 'approver');
  assert.equal((await step(approver, row.caseNumber, 'claim')).statusCode, 200);
  assert.equal((await step(approver, row.caseNumber, 'actions/agree', { message: '同意' })).statusCode, 409);
  const page = await approver.client.get(`/cases/${row.caseNumber}`);
  assert.match(page.body, /actions\/approve"/);
  assert.doesNotMatch(page.body, /actions\/agree"/);
  const approved = await step(approver, row.caseNumber, 'actions/approve', { legalBasis: BASIS });
  assert.equal(approved.statusCode, 200, approved.body);
  const after = await caseRow(zone, row.caseNumber);
  assert.deepEqual([after.state, after.publicStatus, after.workflowVersion], ['approved', 'approved', 2]);
  assert.deepEqual(
    issued.filter((i) => i.startsWith(row.caseNumber)).map((i) => i.split(':')[1]),
    ['acceptance-notice', 'approval-decision'],
  );
});
