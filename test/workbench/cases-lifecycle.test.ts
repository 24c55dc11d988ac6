import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { applicationWithdrawn } from '../../src/exchange/contracts/index.ts';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { scheduleDeemedAcceptance } from '../../src/workbench/cases/cases.deemed.ts';
import { registerCaseDocumentIssuer } from '../../src/workbench/cases/cases.documents.ts';
import { historyOf } from '../../src/workbench/cases/cases.repository.ts';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import { acceptance, caseWorkflow, caseWorkflows, row } from '../../src/workbench/cases/cases.workflows.ts';
import {
  caseRow,
  claimAndAct,
  deliver,
  officerAt,
  openCase,
  SERVICES,
  startCaseWorkbench,
  statusMessages,
} from './cases.support.ts';
import type { Workbench } from './support.ts';

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

/** Sets the zone's clock to an instant (it runs on from there). */
const setClock = (iso: string) => zone.advance(Date.parse(iso) - zone.services.now().getTime());

test('a case not acted on within five working days is deemed accepted, counting past a holiday and a weekend', async () => {
  // Tuesday 29 September 2026, 10:00 in Beijing. The five working days are 30 September, 8 and 9 October
  // (after the National Day holiday), Saturday 10 October (a make-up working day) and Monday 12 October.
  setClock('2026-09-29T02:00:00Z');
  const { row: waiting } = await openCase(zone, SERVICES.certificate);
  const { row: asked } = await openCase(zone, SERVICES.certificate);
  assert.equal(waiting.stateDueOn, '2026-10-12');
  await zone.services.db
    .update(cases)
    .set({ state: 'missing-materials', publicStatus: 'missing-materials', stateDueOn: null })
    .where(eq(cases.caseNumber, asked.caseNumber));

  // 23:00 in Beijing on the last day: still within the time.
  setClock('2026-10-12T15:00:00Z');
  await scheduleDeemedAcceptance(zone.services);
  assert.equal(await zone.drainJobs(), 1);
  assert.equal((await caseRow(zone, waiting.caseNumber)).state, 'submitted');

  // Half past midnight on Tuesday 13 October: the time has run out.
  setClock('2026-10-12T16:30:00Z');
  await scheduleDeemedAcceptance(zone.services);
  await scheduleDeemedAcceptance(zone.services);
  assert.equal(await zone.drainJobs(), 1, 'one sweep per hour however often it is asked for');
  const deemed = await caseRow(zone, waiting.caseNumber);
  assert.equal(deemed.state, 'accepted');
  // The certificate's promise is one working day, counted from the day of deemed acceptance.
  assert.deepEqual([deemed.dueOn, deemed.stateDueOn], ['2026-10-14', '2026-10-14']);
  assert.equal((await caseRow(zone, asked.caseNumber)).state, 'missing-materials', 'the applicant’s turn');

  const told = (await statusMessages(zone, waiting.caseNumber)).at(-1);
  assert.deepEqual(
    [told?.seq, told?.status, told?.step, told?.dueOn],
    [2, 'accepted', 'deemed-accepted', '2026-10-14'],
  );
  const history = await historyOf(zone.services.db, waiting.caseNumber);
  assert.deepEqual(history.at(-1) && [history.at(-1)?.action, history.at(-1)?.actor], [
    'deem-accept',
    'system',
  ]);
  const audited = await zone.services.db
    .select({ actor: auditLog.actor })
    .from(auditLog)
    .where(and(eq(auditLog.target, `case:${waiting.caseNumber}`), eq(auditLog.action, 'case.deem-accept')));
  assert.deepEqual(
    audited.map((a) => a.actor),
    ['system'],
  );

  // Once moved, a later sweep leaves it alone.
  setClock('2026-10-13T03:00:00Z');
  await scheduleDeemedAcceptance(zone.services);
  await zone.drainJobs();
  assert.equal((await statusMessages(zone, waiting.caseNumber)).length, 2);
});

test('a case stays on the workflow version it was opened under when a new version is added', async () => {
  const clerk = await officerAt(zone, 'SF-CRJ', 'window-clerk');
  const { row: older, application: olderApplication } = await openCase(zone, SERVICES.licence);
  const opened = caseWorkflows.current('case-licence').definition.version;
  assert.equal(older.workflowVersion, opened);

  // The next version no longer lets the applicant withdraw once the case is accepted.
  const v2 = caseWorkflow(
    'case-licence',
    opened + 1,
    {
      accepted: { deadline: { workingDays: 10 }, public: 'accepted', zh: '待审查', en: 'Awaiting review' },
      reviewed: {
        deadline: { workingDays: 5 },
        public: 'under-review',
        zh: '待决定',
        en: 'Awaiting decision',
      },
      approved: { deadline: { workingDays: 5 }, public: 'approved', zh: '准予许可', en: 'Approved' },
      'result-issued': {
        deadline: { workingDays: 10 },
        public: 'result-issued',
        zh: '已出证',
        en: 'Result issued',
      },
      refused: { final: true, public: 'refused', zh: '不予许可', en: 'Refused' },
      completed: { final: true, public: 'completed', zh: '已办结', en: 'Completed' },
    },
    [
      ...acceptance('accepted'),
      row('accepted', 'review', 'reviewed', 'cases.review'),
      row('reviewed', 'approve', 'approved', 'cases.decide', { fourEyes: true }),
      row('reviewed', 'refuse', 'refused', 'cases.decide', { fourEyes: true }),
      row('approved', 'issue', 'result-issued', 'cases.accept'),
      row('result-issued', 'complete', 'completed', 'cases.accept'),
    ],
  );
  caseWorkflows.add('case-licence', v2);
  const { row: newer, application: newerApplication } = await openCase(zone, SERVICES.licence);
  assert.equal(newer.workflowVersion, opened + 1);

  await claimAndAct(clerk, older.caseNumber, 'accept');
  await claimAndAct(clerk, newer.caseNumber, 'accept');
  for (const application of [olderApplication, newerApplication])
    await deliver(zone, applicationWithdrawn, {
      applicationId: application.applicationId,
      caseNumber: application.caseNumber,
      citizenRef: application.applicant.citizenRef,
      reason: '不办了',
      requestedAt: zone.services.now().toISOString(),
    });
  assert.equal((await caseRow(zone, older.caseNumber)).state, 'withdrawn', 'version 1 still allows it');
  assert.equal((await caseRow(zone, newer.caseNumber)).state, 'accepted', 'version 2 does not');
  const newerLast = (await statusMessages(zone, newer.caseNumber)).at(-1);
  assert.deepEqual(
    [newerLast?.step, newerLast?.status, newerLast?.applicantMay],
    ['withdrawal-refused', 'accepted', []],
  );
});

test('steps that decide something hand their document to the registered issuer, in the step’s transaction', async () => {
  const issued: string[] = [];
  registerCaseDocumentIssuer(async (tx, request) => {
    // Written with the step: the issuer sees the case as the step left it.
    const [seen] = await tx
      .select({ state: cases.state })
      .from(cases)
      .where(eq(cases.caseNumber, request.caseRow.caseNumber));
    issued.push(`${request.kind}:${request.caseRow.state}:${seen?.state}:${request.unit.code}`);
  });
  try {
    const { row } = await openCase(zone, SERVICES.certificate);
    const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
    const reviewer = await officerAt(zone, 'SF-ZA', 'reviewer');
    await claimAndAct(clerk, row.caseNumber, 'accept');
    await claimAndAct(reviewer, row.caseNumber, 'check');
    await claimAndAct(clerk, row.caseNumber, 'issue');
    assert.deepEqual(issued, [
      'acceptance-notice:accepted:accepted:SF-ZA',
      'certificate:result-issued:result-issued:SF-ZA',
    ]);
  } finally {
    registerCaseDocumentIssuer(undefined);
  }
});
