import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { historyOf } from '../../src/workbench/cases/cases.repository.ts';
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
import type { Workbench } from './support.ts';

// Approval at the level the workflow names, and the officers' return step (退回).

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

const CITY_APPROVED = 'toxic-chemical-purchase-licence';
const queueOf = async (who: Awaited<ReturnType<typeof officerAt>>) =>
  JSON.parse((await who.client.json('GET', '/cases')).body) as { cases: { caseNumber: string }[] };

test('a licence the city approves goes up to the city bureau’s queue, only an approver there approves, and the deciding unit decides', async () => {
  const { row } = await openCase(zone, CITY_APPROVED);
  assert.deepEqual([row.workflowId, row.unitCode, row.homeUnitCode], ['case-licence-city', 'SF-D04', null]);
  const clerk = await officerAt(zone, 'SF-D04', 'window-clerk');
  const reviewer = await officerAt(zone, 'SF-D04', 'reviewer');
  const districtApprover = await officerAt(zone, 'SF-D04', 'approver', 'subtree');
  const cityApprover = await officerAt(zone, 'SF-0000', 'approver', 'unit');
  // City-wide reach, but held at a department: not the city bureau's level.
  const departmentApprover = await officerAt(zone, 'SF-ZA', 'approver', 'all');

  await claimAndAct(clerk, row.caseNumber, 'accept');
  await claimAndAct(reviewer, row.caseNumber, 'review');
  const up = await caseRow(zone, row.caseNumber);
  assert.deepEqual(
    [up.state, up.unitCode, up.unitPath, up.homeUnitCode, up.homeUnitPath],
    ['reviewed', 'SF-0000', 'SF-0000', 'SF-D04', 'SF-0000/SF-D04'],
  );
  assert.ok((await queueOf(cityApprover)).cases.some((c) => c.caseNumber === row.caseNumber));
  assert.ok(!(await queueOf(districtApprover)).cases.some((c) => c.caseNumber === row.caseNumber));

  // The deciding unit still sees its case, but cannot take it at the city's level.
  assert.equal((await districtApprover.client.json('GET', `/cases/${row.caseNumber}`)).statusCode, 200);
  assert.equal((await step(districtApprover, row.caseNumber, 'claim')).statusCode, 404);
  assert.equal((await step(departmentApprover, row.caseNumber, 'claim')).statusCode, 403);
  const outsider = await officerAt(zone, 'SF-D01', 'approver', 'subtree');
  assert.equal((await outsider.client.json('GET', `/cases/${row.caseNumber}`)).statusCode, 404);
  assert.equal((await caseRow(zone, row.caseNumber)).claimedBy, null);

  await claimAndAct(cityApprover, row.caseNumber, 'agree', { message: '同意，购买数量与用途相符' });
  const back = await caseRow(zone, row.caseNumber);
  assert.deepEqual([back.state, back.unitCode, back.homeUnitCode], ['approval-given', 'SF-D04', null]);
  const history = await historyOf(zone.services.db, row.caseNumber);
  assert.deepEqual(history.at(-1) && [history.at(-1)?.action, history.at(-1)?.unitCode], [
    'agree',
    'SF-0000',
  ]);
  // The applicant deals with the deciding unit throughout.
  const told = (await statusMessages(zone, row.caseNumber)).at(-1) as unknown as { unit: { code: string } };
  assert.equal(told.unit.code, 'SF-D04');
  // The decision is the deciding unit's, in its own name, following the city's approval.
  assert.equal((await step(cityApprover, row.caseNumber, 'claim')).statusCode, 404);
  await claimAndAct(districtApprover, row.caseNumber, 'grant', {
    legalBasis: '《危险化学品安全管理条例》第三十九条',
  });
  assert.equal((await caseRow(zone, row.caseNumber)).state, 'granted');
  await claimAndAct(clerk, row.caseNumber, 'issue');
});

test('a reviewer and an approver return a case one step with a reason, kept from the applicant', async () => {
  const { row } = await openCase(zone, SERVICES.licence);
  assert.equal(row.workflowVersion, 3);
  const clerk = await officerAt(zone, 'SF-CRJ', 'window-clerk');
  const reviewer = await officerAt(zone, 'SF-CRJ', 'reviewer');
  const approver = await officerAt(zone, 'SF-CRJ', 'approver');

  await claimAndAct(clerk, row.caseNumber, 'accept');
  assert.equal((await step(reviewer, row.caseNumber, 'claim')).statusCode, 200);
  const bare = await step(reviewer, row.caseNumber, 'actions/return', {});
  assert.equal(bare.statusCode, 422);
  assert.match(bare.body, /退回理由/);
  const returned = await step(reviewer, row.caseNumber, 'actions/return', {
    message: '签注种类与材料不符，请重新受理',
  });
  assert.equal(returned.statusCode, 200, returned.body);
  assert.equal((await caseRow(zone, row.caseNumber)).state, 'submitted');
  const told = (await statusMessages(zone, row.caseNumber)).at(-1);
  assert.deepEqual([told?.step, told?.status, told?.message], ['returned', 'submitted', undefined]);
  const history = await historyOf(zone.services.db, row.caseNumber);
  assert.deepEqual(
    history.at(-1) && [
      history.at(-1)?.action,
      history.at(-1)?.fromState,
      history.at(-1)?.toState,
      history.at(-1)?.reason,
    ],
    ['return', 'accepted', 'submitted', '签注种类与材料不符，请重新受理'],
  );

  await claimAndAct(clerk, row.caseNumber, 'accept');
  await claimAndAct(reviewer, row.caseNumber, 'review');
  await claimAndAct(approver, row.caseNumber, 'return', { message: '请核实出行事由' });
  const again = await caseRow(zone, row.caseNumber);
  assert.deepEqual([again.state, again.publicStatus, again.claimedBy], ['accepted', 'accepted', null]);
  // A clerk has no return to make.
  assert.equal((await step(clerk, row.caseNumber, 'claim')).statusCode, 403);
});

test('an approver at the city returns a case to the deciding unit’s reviewers', async () => {
  const { row } = await openCase(zone, CITY_APPROVED);
  const clerk = await officerAt(zone, 'SF-D04', 'window-clerk');
  const reviewer = await officerAt(zone, 'SF-D04', 'reviewer');
  const cityApprover = await officerAt(zone, 'SF-0000', 'approver');
  await claimAndAct(clerk, row.caseNumber, 'accept');
  await claimAndAct(reviewer, row.caseNumber, 'review');
  await claimAndAct(cityApprover, row.caseNumber, 'return', { message: '购买数量超出用途所需，请复核' });
  const home = await caseRow(zone, row.caseNumber);
  assert.deepEqual([home.state, home.unitCode, home.homeUnitCode], ['accepted', 'SF-D04', null]);
  assert.ok((await queueOf(reviewer)).cases.some((c) => c.caseNumber === row.caseNumber));
});
