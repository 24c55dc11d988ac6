import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { attachmentSubmitted } from '../../src/exchange/contracts/index.ts';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { todayInShanghai } from '../../src/shared/calendar/working-days.ts';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import {
  caseRow,
  claimAndAct,
  deliver,
  newApplication,
  officerAt,
  openCase,
  SERVICES,
  startCaseWorkbench,
  statusMessages,
  step,
} from './cases.support.ts';
import type { Workbench } from './support.ts';

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

interface QueueJson {
  counts: Record<string, number>;
  cases: {
    caseNumber: string;
    unitCode: string;
    tone: string | null;
    claimedBy: string | null;
    applicant: string;
  }[];
  page: number;
  hasNext: boolean;
}

test('the queue holds the cases of the units the officer reaches, and nothing else', async () => {
  const za = await openCase(zone, SERVICES.certificate);
  const crj = await openCase(zone, SERVICES.licence);
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const station = await officerAt(zone, 'SF-D01-P01', 'window-clerk');
  const cityApprover = await officerAt(zone, 'SF-0000', 'approver', 'subtree');

  const seen = async (who: typeof clerk) => {
    const res = await who.client.json('GET', '/cases');
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as QueueJson).cases.map((c) => c.caseNumber);
  };
  const clerkSees = await seen(clerk);
  assert.ok(clerkSees.includes(za.row.caseNumber));
  assert.ok(!clerkSees.includes(crj.row.caseNumber), 'another division’s case is not in his queue');
  assert.deepEqual(await seen(station), []);
  const citySees = await seen(cityApprover);
  assert.ok(citySees.includes(za.row.caseNumber) && citySees.includes(crj.row.caseNumber));

  const queue = (await clerk.client.json('GET', '/cases')).json() as QueueJson;
  const item = queue.cases.find((c) => c.caseNumber === za.row.caseNumber);
  assert.deepEqual([item?.applicant, item?.tone, item?.claimedBy], ['张**', 'green', null]);
  assert.ok((queue.counts.submitted ?? 0) >= 1);

  // Out of reach answers as missing, on the page and in the API.
  const foreign = await station.client.json('GET', `/cases/${za.row.caseNumber}`);
  const missing = await station.client.json('GET', '/cases/SF-ZA-20260101-999999');
  const codeOf = (r: typeof foreign) => (r.json() as { error: { code: string } }).error.code;
  assert.deepEqual([foreign.statusCode, codeOf(foreign)], [404, 'NOT_FOUND']);
  assert.deepEqual([missing.statusCode, codeOf(missing)], [404, 'NOT_FOUND']);
  assert.equal((await station.client.get(`/cases/${za.row.caseNumber}`)).statusCode, 404);
});

test('reading a case shows the applicant in full and writes the reading into the audit log', async () => {
  const { row } = await openCase(zone, SERVICES.certificate);
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const page = await clerk.client.get(`/cases/${row.caseNumber}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /11010519491231002X/);
  assert.match(page.body, /认领办理/);
  const reads = await zone.services.db
    .select({ actor: auditLog.actor })
    .from(auditLog)
    .where(and(eq(auditLog.target, `case:${row.caseNumber}`), eq(auditLog.action, 'case.read')));
  assert.deepEqual(
    reads.map((r) => r.actor),
    [clerk.officer.badgeNo],
  );
});

test('two officers claiming at once: one holds the case, the other is told so; only the holder acts', async () => {
  const { row } = await openCase(zone, SERVICES.certificate);
  const first = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const second = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const answers = await Promise.all([
    step(first, row.caseNumber, 'claim'),
    step(second, row.caseNumber, 'claim'),
  ]);
  assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409]);
  const loser = answers.find((a) => a.statusCode === 409);
  assert.match(loser?.body ?? '', /其他民警认领/);
  const holder = (await caseRow(zone, row.caseNumber)).claimedBy;
  const [winner, other] = holder === first.officer.badgeNo ? [first, second] : [second, first];

  const refused = await step(other, row.caseNumber, 'actions/accept');
  assert.equal(refused.statusCode, 409);
  assert.equal((await caseRow(zone, row.caseNumber)).state, 'submitted');

  // The page says it in words, too.
  const page = await other.client.post(
    `/cases/${row.caseNumber}/claim`,
    {},
    { formUrl: `/cases/${row.caseNumber}` },
  );
  assert.equal(page.statusCode, 409);
  assert.match(page.body, /只有认领人可以办理/);

  const accepted = await step(winner, row.caseNumber, 'actions/accept', { message: '材料齐全，予以受理' });
  assert.equal(accepted.statusCode, 200, accepted.body);
});

test('accepting starts the overall time limit, tells the applicant and returns the case to the queue', async () => {
  const { row } = await openCase(zone, SERVICES.licence);
  const clerk = await officerAt(zone, 'SF-CRJ', 'window-clerk');
  await claimAndAct(clerk, row.caseNumber, 'accept', { message: '已受理' });
  const accepted = await caseRow(zone, row.caseNumber);
  assert.equal(accepted.state, 'accepted');
  assert.equal(accepted.claimedBy, null);
  assert.ok(accepted.dueOn, 'the overall due date runs');
  assert.deepEqual(accepted.handledBy, [clerk.officer.badgeNo]);
  const [, second] = await statusMessages(zone, row.caseNumber);
  assert.deepEqual(
    [second?.seq, second?.status, second?.step, second?.message, second?.dueOn, second?.applicantMay],
    [2, 'accepted', 'accepted', '已受理', accepted.dueOn, ['withdraw']],
  );
  const audited = await zone.services.db
    .select({ action: auditLog.action, actor: auditLog.actor })
    .from(auditLog)
    .where(eq(auditLog.target, `case:${row.caseNumber}`));
  assert.deepEqual(
    audited.map((a) => a.action),
    ['case.submitted', 'case.claim', 'case.accept'],
  );
});

test('filters: claimed by me, unclaimed, by state, overdue; a supervisor reassigns', async () => {
  const { row: mine } = await openCase(zone, SERVICES.filing);
  const { row: late } = await openCase(zone, SERVICES.filing);
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  assert.equal((await step(clerk, mine.caseNumber, 'claim')).statusCode, 200);
  await zone.services.db
    .update(cases)
    .set({ stateDueOn: '2020-01-02', stateSince: '2020-01-01' })
    .where(eq(cases.caseNumber, late.caseNumber));

  const list = async (query: string) =>
    ((await clerk.client.json('GET', `/cases?${query}`)).json() as QueueJson).cases.map((c) => c.caseNumber);
  assert.deepEqual(await list('claim=mine'), [mine.caseNumber]);
  assert.ok(!(await list('claim=unclaimed')).includes(mine.caseNumber));
  assert.deepEqual(await list('overdue=1'), [late.caseNumber]);
  assert.ok((await list('state=accepted')).every((n) => n !== mine.caseNumber));
  const lateItem = ((await clerk.client.json('GET', '/cases?overdue=1')).json() as QueueJson).cases[0];
  assert.equal(lateItem?.tone, 'red');
  assert.ok(todayInShanghai(zone.services.now()) > '2020-01-02');

  const supervisor = await officerAt(zone, 'SF-ZA', 'supervisor');
  const colleague = await officerAt(zone, 'SF-ZA', 'window-clerk');
  assert.equal(
    (await step(clerk, mine.caseNumber, 'assign', { badgeNo: colleague.officer.badgeNo })).statusCode,
    403,
  );
  const moved = await step(supervisor, mine.caseNumber, 'assign', { badgeNo: colleague.officer.badgeNo });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal((await caseRow(zone, mine.caseNumber)).claimedBy, colleague.officer.badgeNo);
  const unknown = await step(supervisor, mine.caseNumber, 'assign', { badgeNo: 'NOBODY' });
  assert.equal(unknown.statusCode, 422);
  assert.equal((await step(colleague, mine.caseNumber, 'actions/accept')).statusCode, 200);
});

test('the queue and case pages: due-date colours, the applicant looked up by ID number, the forms the officer may use', async () => {
  const idNumber = '11010519491231004X';
  const { row, application } = await openCase(zone, SERVICES.certificate);
  const { row: theirs } = await openCase(zone, SERVICES.certificate, {
    applicant: { ...application.applicant, idNumber, name: '李四' },
  });
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const page = await clerk.client.get('/cases');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`href="/cases/${row.caseNumber}"`));
  assert.match(page.body, /tag--green/);

  const found = await clerk.client.json('GET', `/cases?idNumber=${idNumber}`);
  assert.deepEqual(
    (found.json() as QueueJson).cases.map((c) => c.caseNumber),
    [theirs.caseNumber],
  );
  const searches = await zone.services.db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.actor, clerk.officer.badgeNo), eq(auditLog.action, 'case.search')));
  assert.equal(searches.length, 1);
  assert.ok(!JSON.stringify(searches).includes(idNumber), 'the audit entry does not repeat the ID number');

  assert.equal((await step(clerk, row.caseNumber, 'claim')).statusCode, 200);
  const casePage = await clerk.client.get(`/cases/${row.caseNumber}`);
  assert.equal(casePage.statusCode, 200);
  for (const action of ['accept', 'request-materials', 'not-accept'])
    assert.match(casePage.body, new RegExp(`action="/cases/${row.caseNumber}/actions/${action}"`));
  assert.doesNotMatch(casePage.body, /actions\/check/, 'checking is the reviewer’s');
  assert.match(casePage.body, /name="missing" value="mandate"/);
  assert.match(casePage.body, /证明用途/, 'answers named by their question');
  const english = await clerk.client.get(`/cases/${row.caseNumber}?lang=en`);
  assert.equal(english.statusCode, 200);
  const home = await clerk.client.get('/');
  assert.match(home.body, /在办案件/);
  assert.match(home.body, /件已超期/, 'the overdue case of an earlier test shows on his to-do list');
});

test('an uploaded file is downloaded from the case page, never shown inline, and the download audited', async () => {
  const attachmentId = randomUUID();
  const application = newApplication(SERVICES.certificate);
  const { citizenRef } = application.applicant;
  await deliver(zone, attachmentSubmitted, {
    attachmentId,
    citizenRef,
    purpose: 'application-material',
    file: {
      name: '委托书.pdf',
      declaredType: 'application/pdf',
      data: Buffer.from('%PDF-1.4 test').toString('base64'),
    },
  });
  const { row } = await openCase(zone, SERVICES.certificate, {
    ...application,
    applicationId: randomUUID(),
    caseNumber: newApplication(SERVICES.certificate).caseNumber,
    answers: { mandate: [{ id: attachmentId, name: '委托书.pdf', mediaType: 'application/pdf', size: 13 }] },
  });
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const page = await clerk.client.get(`/cases/${row.caseNumber}`);
  assert.match(page.body, new RegExp(`href="/cases/${row.caseNumber}/files/${attachmentId}"`));
  const file = await clerk.client.get(`/cases/${row.caseNumber}/files/${attachmentId}`);
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/octet-stream');
  assert.match(String(file.headers['content-disposition']), /^attachment; filename\*=UTF-8''/);
  assert.equal(file.body, '%PDF-1.4 test');
  const downloads = await zone.services.db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.actor, clerk.officer.badgeNo), eq(auditLog.action, 'case.file.read')));
  assert.deepEqual(
    downloads.map((d) => d.detail),
    [{ attachmentId }],
  );
  const elsewhere = await openCase(zone, SERVICES.certificate);
  assert.equal(
    (await clerk.client.get(`/cases/${elsewhere.row.caseNumber}/files/${attachmentId}`)).statusCode,
    404,
  );
});
