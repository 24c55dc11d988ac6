import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { approvalResults } from '../../src/portal/approval-results/approval-results.tables.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { type TestZone } from '../helpers/zones.ts';
import { startApplyZone } from '../portal/applications.helpers.ts';
import { browser } from '../workbench/support.ts';
import {
  claimAndAct,
  officerAt,
  openCase,
  SERVICES,
  startCaseWorkbench,
} from '../workbench/cases.support.ts';
import type { Workbench } from '../workbench/support.ts';

// 审批结果公开 the whole way: a decision in the workbench, approval.result.published through the relay and its
// signatures, the portal's /disclosure/approval-results. A company's result is published with its name and
// credit code; a private person's case, and an individual business (a person trading), publish nothing; an
// agent's application for a company publishes the company and never the agent.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  portal = await startApplyZone();
  workbench = await startCaseWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.close();
});

const cross = () => boundary.toPortal();

const LICENCE = 'hotel-special-trade-licence';
const person = { name: '李四海', idNumber: '11010519491231002X', mobile: '13900139000' };
const company = (name: string, creditCode: string, role: 'representative' | 'agent') => ({
  companyRef: crypto.randomUUID(),
  creditCode,
  name,
  role,
});

/** Accepts, reviews where the process has a review, and takes the decision, each by the duty it needs. */
async function decide(caseNumber: string, unit: string, workflowId: string, action: 'approve' | 'refuse') {
  const clerk = await officerAt(workbench, unit, 'window-clerk');
  const reviewer = await officerAt(workbench, unit, 'reviewer');
  const approver = await officerAt(workbench, unit, 'approver');
  await claimAndAct(clerk, caseNumber, 'accept');
  const licence = workflowId.startsWith('case-licence');
  if (licence) {
    await claimAndAct(reviewer, caseNumber, 'review', { message: '材料齐全' });
    // The approval (审批) comes before the decision, and the decision follows it.
    await claimAndAct(approver, caseNumber, action === 'refuse' ? 'disagree' : 'agree', {
      message: action === 'refuse' ? '消防条件不符合要求' : '同意',
    });
  }
  const decision = licence && action === 'approve' ? 'grant' : action;
  await claimAndAct(approver, caseNumber, decision, {
    legalBasis: '《旅馆业治安管理办法》第四条',
    message: action === 'refuse' ? '消防条件不符合要求' : '符合条件',
  });
}

async function resultMessages(): Promise<number> {
  const sent = await workbench.database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.type, 'approval.result.published'));
  return sent.length;
}

test('a company’s licence, granted: published with the item, decision, date, name and credit code, and nothing of the person', async () => {
  const { row } = await openCase(workbench, LICENCE, {
    applicant: {
      citizenRef: crypto.randomUUID(),
      ...person,
      company: company('示范市湖滨大酒店有限公司', '91350100M000100Y43', 'representative'),
    },
  });
  await decide(row.caseNumber, row.unitCode, row.workflowId, 'approve');
  assert.equal(await resultMessages(), 1);
  await cross();

  const [kept] = await portal.services.db.select().from(approvalResults);
  assert.ok(kept);
  assert.deepEqual(
    [kept.companyName, kept.creditCode, kept.decision, kept.kind, kept.itemId],
    ['示范市湖滨大酒店有限公司', '91350100M000100Y43', 'granted', 'licence', LICENCE],
  );
  const page = await browser(portal.app).get('/disclosure/approval-results');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /示范市湖滨大酒店有限公司/);
  assert.match(page.body, /91350100M000100Y43/);
  assert.match(page.body, /准予许可/);
  for (const secret of [person.name, person.idNumber, person.mobile, row.caseNumber])
    assert.ok(!page.body.includes(secret), `the page never shows ${secret}`);
  const stored = JSON.stringify(kept);
  for (const secret of [person.name, person.idNumber, row.caseNumber, row.applicationId])
    assert.ok(!stored.includes(secret), `the portal keeps nothing of ${secret}`);
});

test('a private person’s licence, granted or refused, publishes nothing, not even a count', async () => {
  const before = await resultMessages();
  for (const action of ['approve', 'refuse'] as const) {
    const { row } = await openCase(workbench, LICENCE, {
      applicant: { citizenRef: crypto.randomUUID(), ...person },
    });
    await decide(row.caseNumber, row.unitCode, row.workflowId, action);
  }
  // Another licence item, the exit-entry endorsement every resident applies for himself.
  const { row: own } = await openCase(workbench, SERVICES.licence);
  await decide(own.caseNumber, own.unitCode, own.workflowId, 'approve');
  assert.equal(await resultMessages(), before, 'no message for a person');
  await cross();
  const page = await browser(portal.app).get('/disclosure/approval-results?lang=en');
  assert.ok(!page.body.includes(person.name));
  assert.match(page.body, /1 result</, 'only the company’s result is listed');
});

test('an individual business is a person trading: its result is not published', async () => {
  const before = await resultMessages();
  const { row } = await openCase(workbench, LICENCE, {
    applicant: {
      citizenRef: crypto.randomUUID(),
      ...person,
      company: company('李四海家庭旅馆', '92371000MA3MXH0E3W', 'representative'),
    },
  });
  await decide(row.caseNumber, row.unitCode, row.workflowId, 'approve');
  assert.equal(await resultMessages(), before);
});

test('an agent applying for a company: the company’s refusal is published, the agent never', async () => {
  const agent = { name: '王代办', idNumber: '350404199001011234', mobile: '13700137000' };
  const { row } = await openCase(workbench, LICENCE, {
    applicant: {
      citizenRef: crypto.randomUUID(),
      name: agent.name,
      idNumber: '11010519491231002X',
      mobile: agent.mobile,
      company: company('示范市明湖宾馆管理有限公司', '91350400MA00000001', 'agent'),
    },
  });
  await decide(row.caseNumber, row.unitCode, row.workflowId, 'refuse');
  await cross();
  const found = await browser(portal.app).get(
    `/disclosure/approval-results?company=${encodeURIComponent('明湖宾馆')}`,
  );
  assert.equal(found.statusCode, 200);
  assert.match(found.body, /示范市明湖宾馆管理有限公司/);
  assert.match(found.body, /不予许可/);
  assert.doesNotMatch(found.body, /湖滨大酒店/, 'the search finds only the company asked for');
  for (const secret of [agent.name, agent.mobile, '消防条件', row.caseNumber])
    assert.ok(!found.body.includes(secret), `the page never shows ${secret}`);

  const json = await browser(portal.app).json(
    'GET',
    '/disclosure/approval-results?company=91350400MA00000001',
  );
  const body = JSON.parse(json.body) as { total: number; results: { decision: string; company: unknown }[] };
  assert.equal(body.total, 1);
  assert.deepEqual(body.results[0]?.company, {
    name: '示范市明湖宾馆管理有限公司',
    creditCode: '91350400MA00000001',
  });
  assert.ok(!json.body.includes(agent.name));
});

test('a filing is published when its receipt is issued; the list pages and says when nothing matches', async () => {
  const { row } = await openCase(workbench, SERVICES.filing, {
    applicant: {
      citizenRef: crypto.randomUUID(),
      ...person,
      company: company('示范市星河科技有限公司', '91350100M000100Y44', 'agent'),
    },
  });
  const clerk = await officerAt(workbench, row.unitCode, 'window-clerk');
  await claimAndAct(clerk, row.caseNumber, 'accept');
  await cross();
  assert.equal(
    (await portal.services.db.select().from(approvalResults)).length,
    2,
    'accepting decides nothing',
  );
  await claimAndAct(clerk, row.caseNumber, 'issue');
  await cross();
  const filed = await browser(portal.app).get('/disclosure/approval-results?company=%E6%98%9F%E6%B2%B3');
  assert.match(filed.body, /准予备案/);

  const none = await browser(portal.app).get(
    '/disclosure/approval-results?company=%E4%B8%8D%E5%AD%98%E5%9C%A8',
  );
  assert.match(none.body, /没有找到该企业的审批结果/);
  assert.equal((await browser(portal.app).get('/disclosure/approval-results?page=9')).statusCode, 404);
});
