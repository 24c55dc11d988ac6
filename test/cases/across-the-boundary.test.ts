import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { applications, caseDocuments } from '../../src/portal/db/schema.ts';
import { findCase } from '../../src/workbench/cases/cases.repository.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { type TestZone } from '../helpers/zones.ts';
import {
  answer,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  start,
  startApplyZone,
  verifiedCitizen,
} from '../portal/applications.helpers.ts';
import { claimAndAct, officerAt, startCaseWorkbench } from '../workbench/cases.support.ts';
import type { Workbench } from '../workbench/support.ts';

// The whole way of one application: typed in the portal, carried by the relay, handled in the workbench,
// and its steps carried back to the applicant, with both zones, the relay and the signatures as they run.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  // One after the other: each start may build the cached migrated database the other also needs.
  portal = await startApplyZone();
  workbench = await startCaseWorkbench();
  // The portal has the catalogue already (published directly); the workbench's own publication of it would
  // only make the first crossing long.
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.close();
});

/** Portal to workbench: sign, relay, process; then back the same way. */
const crossBothWays = () => boundary.thereAndBack();

const slug = 'no-criminal-record-certificate';

async function submitCertificate(): Promise<{
  person: Awaited<ReturnType<typeof verifiedCitizen>>;
  number: string;
}> {
  const person = await verifiedCitizen(portal);
  let page = await start(person.client, slug);
  const id = applicationIdOf(page);
  for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
  const { submitKey, csrf } = await checkPageForm(person.client, id);
  const submitted = await person.client.post(`/applications/${id}/submit`, { submitKey }, { csrf });
  assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 300));
  const [row] = await portal.services.db.select().from(applications).where(eq(applications.id, id));
  assert.ok(row?.caseNumber);
  return { person, number: row.caseNumber };
}

test('an application crosses to the deciding unit’s queue, and each step of the officers comes back to the applicant', async () => {
  const { person, number } = await submitCertificate();
  await crossBothWays();

  const opened = await findCase(workbench.services.db, number);
  assert.ok(opened, 'the case is open in the workbench');
  assert.equal(opened.unitCode, 'SF-ZA', 'in the queue of the unit that decides it');
  const clerk = await officerAt(workbench, 'SF-ZA', 'window-clerk');
  const queue = await clerk.client.get('/cases');
  assert.match(queue.body, new RegExp(number));

  const mine = await person.client.get(`/my/cases/${number}`);
  assert.equal(mine.statusCode, 200);
  assert.match(mine.body, /已提交/);

  await claimAndAct(clerk, number, 'accept', { message: '材料齐全，予以受理' });
  await crossBothWays();
  const accepted = await person.client.get(`/my/cases/${number}`);
  assert.match(accepted.body, /已受理/);
  assert.match(accepted.body, /材料齐全，予以受理/);
  const [row] = await portal.services.db
    .select()
    .from(applications)
    .where(eq(applications.caseNumber, number));
  assert.equal(row?.status, 'accepted');
  assert.ok(row?.dueOn, 'the time limit runs from acceptance');
  const notices = await documentsOf(number);
  assert.deepEqual(
    notices.map((d) => d.kind),
    ['acceptance-notice'],
    'the acceptance notice reached the applicant',
  );

  const reviewer = await officerAt(workbench, 'SF-ZA', 'reviewer');
  await claimAndAct(reviewer, number, 'check');
  await claimAndAct(clerk, number, 'issue');
  await crossBothWays();
  const issued = await documentsOf(number);
  const certificate = issued.find((d) => d.kind === 'certificate');
  assert.ok(certificate, 'the certificate reached the applicant');
  const download = await person.client.get(`/my/cases/${number}/documents/${certificate.id}`);
  assert.equal(download.statusCode, 200);
  assert.equal(download.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const verified = await portal.app.inject({ method: 'GET', url: `/verify/${certificate.verificationCode}` });
  assert.equal(verified.statusCode, 200);
  assert.match(verified.body, new RegExp(certificate.documentNumber.replace(/[()[\]〔〕]/g, '.')));
  assert.doesNotMatch(verified.body, new RegExp(person.idNumber), 'the ID number stays off the public page');
  assert.doesNotMatch(verified.body, new RegExp(person.name), 'the full name stays off the public page');
});

async function documentsOf(number: string) {
  return portal.services.db.select().from(caseDocuments).where(eq(caseDocuments.caseNumber, number));
}

test('a withdrawal before the decision crosses and ends the case on both sides', async () => {
  const { person, number } = await submitCertificate();
  await crossBothWays();
  const page = await person.client.get(`/my/cases/${number}/withdraw`);
  if (page.statusCode !== 200) {
    // Say what the portal knew, so a failure here can be told apart: signed out, or the step not yet back.
    const [known] = await portal.services.db
      .select()
      .from(applications)
      .where(eq(applications.caseNumber, number));
    const waiting = await workbench.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.stream, `case:${number}`));
    assert.fail(
      `withdraw page answered ${page.statusCode} → ${String(page.headers.location)}; portal status ` +
        `${known?.status}; workbench messages ${JSON.stringify(waiting.map((m) => [m.type, m.sentAt, m.lastError]))}`,
    );
  }
  const asked = await person.client.post(`/my/cases/${number}/withdraw`, { reason: '不再需要' });
  assert.equal(asked.statusCode, 303, asked.body.slice(0, 300));
  await crossBothWays();
  assert.equal((await findCase(workbench.services.db, number))?.state, 'withdrawn');
  const [row] = await portal.services.db
    .select()
    .from(applications)
    .where(eq(applications.caseNumber, number));
  assert.equal(row?.status, 'withdrawn');
  assert.equal(row?.inFlight, false, 'the person may apply again');
});
