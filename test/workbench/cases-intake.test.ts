import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  applicationSubmitted,
  applicationSupplemented,
  applicationWithdrawn,
  attachmentSubmitted,
} from '../../src/exchange/contracts/index.ts';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { historyOf } from '../../src/workbench/cases/cases.repository.ts';
import { caseAttachments, cases } from '../../src/workbench/cases/cases.tables.ts';
import {
  caseRow,
  deliver,
  newApplication,
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

test('a submitted application opens one case in the deciding unit’s queue, however often it arrives', async () => {
  const application = newApplication(SERVICES.certificate);
  await deliver(zone, applicationSubmitted, application);
  await deliver(zone, applicationSubmitted, application);
  // The same application under a second message id and a changed payload is still the same case.
  await deliver(zone, applicationSubmitted, { ...application, answers: { purpose: '另一个' } });

  const found = await zone.services.db
    .select()
    .from(cases)
    .where(eq(cases.applicationId, application.applicationId));
  assert.equal(found.length, 1);
  const [row] = found;
  assert.ok(row);
  assert.equal(row.unitCode, 'SF-ZA', 'top-level acceptance: the city division that decides');
  assert.equal(row.state, 'submitted');
  assert.equal(row.workflowId, 'case-certificate');
  assert.equal(row.applicantMasked, '张**');
  assert.equal(row.idNumberMasked, '110***********002X');
  assert.ok(!row.applicantSealed.includes('11010519491231002X'), 'the ID number is sealed');
  assert.equal(row.idNumberHash, zone.services.sealer.lookupHash('11010519491231002X'));
  assert.deepEqual(row.answers, { purpose: '出国留学' });
  assert.ok(row.stateDueOn, 'the five working days of acceptance run');

  const messages = await statusMessages(zone, application.caseNumber);
  assert.equal(messages.length, 1, 'the applicant is told once');
  assert.deepEqual(
    [messages[0]?.seq, messages[0]?.status, messages[0]?.step, messages[0]?.applicantMay],
    [1, 'submitted', 'submitted', ['withdraw']],
  );
  const history = await historyOf(zone.services.db, application.caseNumber);
  assert.deepEqual(
    history.map((h) => [h.seq, h.action, h.toState]),
    [[1, 'submitted', 'submitted']],
  );
});

test('each kind of item meets its workflow', async () => {
  const expected = {
    [SERVICES.licence]: ['case-licence', 'SF-CRJ'],
    [SERVICES.preApplication]: ['case-pre-application', 'SF-D01'],
    [SERVICES.filing]: ['case-filing', 'SF-ZA'],
  };
  for (const [itemId, [workflow, unit]] of Object.entries(expected)) {
    const { row } = await openCase(zone, itemId);
    assert.deepEqual([row.workflowId, row.unitCode], [workflow, unit], itemId);
  }
});

test('uploaded files join their case whether they arrive before or after it', async () => {
  const early = randomUUID();
  const late = randomUUID();
  const citizenRef = randomUUID();
  const file = (id: string, text: string) => ({
    attachmentId: id,
    citizenRef,
    purpose: 'application-material' as const,
    file: {
      name: `${text}.pdf`,
      declaredType: 'application/pdf',
      data: Buffer.from(text).toString('base64'),
    },
  });
  await deliver(zone, attachmentSubmitted, file(early, 'early'));
  const application = newApplication(SERVICES.certificate);
  const upload = (id: string, name: string) => ({ id, name, mediaType: 'application/pdf', size: 5 });
  await openCase(zone, SERVICES.certificate, {
    applicant: { ...application.applicant, citizenRef },
    answers: {
      'id-copy': [upload(early, 'early.pdf')],
      group: [{ scan: 'x' }],
      photo: [upload(late, 'late.pdf')],
    },
  });
  await deliver(zone, attachmentSubmitted, file(late, 'late'));
  // Another person's file naming the same id does not replace the applicant's.
  await deliver(zone, attachmentSubmitted, { ...file(late, 'forged'), citizenRef: randomUUID() });

  const rows = await zone.services.db
    .select()
    .from(caseAttachments)
    .where(eq(caseAttachments.citizenRef, citizenRef));
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.ok(r.caseNumber, 'tied to the case');
    assert.ok(r.content, 'bytes arrived');
  }
  const lateRow = rows.find((r) => r.attachmentId === late);
  assert.equal(lateRow?.content?.toString(), 'late');
});

test('a withdrawal before the decision ends the case; after it, it is refused and the status stands', async () => {
  const { application } = await openCase(zone, SERVICES.certificate);
  await deliver(zone, applicationWithdrawn, {
    applicationId: application.applicationId,
    caseNumber: application.caseNumber,
    citizenRef: application.applicant.citizenRef,
    reason: '不需要了',
    requestedAt: new Date().toISOString(),
  });
  const withdrawn = await caseRow(zone, application.caseNumber);
  assert.deepEqual([withdrawn.state, withdrawn.closed], ['withdrawn', true]);
  const [, second] = await statusMessages(zone, application.caseNumber);
  assert.deepEqual(
    [second?.seq, second?.status, second?.step, second?.applicantMay],
    [2, 'withdrawn', 'withdrawn', []],
  );

  // A case already decided: the filing was issued, so the withdrawal cannot take effect.
  const { application: filed } = await openCase(zone, SERVICES.filing);
  await zone.services.db
    .update(cases)
    .set({ state: 'completed', publicStatus: 'completed', closed: true })
    .where(eq(cases.caseNumber, filed.caseNumber));
  await deliver(zone, applicationWithdrawn, {
    applicationId: filed.applicationId,
    caseNumber: filed.caseNumber,
    citizenRef: filed.applicant.citizenRef,
    reason: '撤回',
    requestedAt: new Date().toISOString(),
  });
  assert.equal((await caseRow(zone, filed.caseNumber)).state, 'completed');
  const last = (await statusMessages(zone, filed.caseNumber)).at(-1);
  assert.deepEqual([last?.seq, last?.status, last?.step], [2, 'completed', 'withdrawal-refused']);

  // Someone else's withdrawal for this case does nothing.
  const { application: other } = await openCase(zone, SERVICES.certificate);
  await deliver(zone, applicationWithdrawn, {
    applicationId: other.applicationId,
    caseNumber: other.caseNumber,
    citizenRef: randomUUID(),
    reason: '冒名',
    requestedAt: new Date().toISOString(),
  });
  assert.equal((await caseRow(zone, other.caseNumber)).state, 'submitted');
});

test('a supplement brings the case back to acceptance with the new answers, the old ones kept in history', async () => {
  const { application } = await openCase(zone, SERVICES.certificate);
  // Only a case waiting for materials takes a supplement; earlier ones are recorded and change nothing.
  const supplement = {
    applicationId: application.applicationId,
    caseNumber: application.caseNumber,
    citizenRef: application.applicant.citizenRef,
    answers: { purpose: '出国工作' },
    note: '已补充',
    supplementedAt: new Date().toISOString(),
  };
  await deliver(zone, applicationSupplemented, supplement);
  assert.deepEqual((await caseRow(zone, application.caseNumber)).answers, { purpose: '出国留学' });

  await zone.services.db
    .update(cases)
    .set({ state: 'missing-materials', publicStatus: 'missing-materials' })
    .where(eq(cases.caseNumber, application.caseNumber));
  await deliver(zone, applicationSupplemented, supplement);
  const row = await caseRow(zone, application.caseNumber);
  assert.deepEqual([row.state, row.answers], ['submitted', { purpose: '出国工作' }]);
  assert.ok(row.stateDueOn, 'acceptance starts again');
  const history = await historyOf(zone.services.db, application.caseNumber);
  assert.deepEqual(
    history.map((h) => h.action),
    ['submitted', 'supplement-refused', 'supplement'],
  );
  assert.deepEqual((history.at(-1)?.data as { previousAnswers?: unknown }).previousAnswers, {
    purpose: '出国留学',
  });
  const last = (await statusMessages(zone, application.caseNumber)).at(-1);
  assert.deepEqual([last?.status, last?.step], ['submitted', 'supplemented']);
  const audited = await zone.services.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.target, `case:${application.caseNumber}`));
  assert.deepEqual(
    audited.map((a) => a.action),
    ['case.submitted', 'case.supplement'],
  );
});
