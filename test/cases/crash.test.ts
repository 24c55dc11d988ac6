import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { inbox, outbox } from '../../src/exchange/tables.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { applications } from '../../src/portal/db/schema.ts';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import type { ZoneName } from '../../src/zones.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { freshDatabaseUrl, startTestZone, testKeys, type TestZone } from '../helpers/zones.ts';
import {
  answer,
  applicationIdOf,
  certificatePages,
  checkPageForm,
  start,
  verifiedCitizen,
} from '../portal/applications.helpers.ts';
import { startCaseWorkbench } from '../workbench/cases.support.ts';
import type { CrashPhase, CrashSetup } from './crash.child.ts';

// No application is lost or doubled when a process dies between submission and crossing. Each crash is real:
// a separate process (node --import tsx crash.child.ts) does the work on the zones' own data and is killed
// with SIGKILL at the chosen point; then a fresh process resumes on the same data, as a restarted worker and
// relay would, and the workbench must hold exactly one case per application. On PGlite the data is a
// directory each process opens in turn; on PostgreSQL (TEST_DATABASE_URL) a database per zone.

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'openpsb-crash-'));
const zoneSecrets = (name: ZoneName) => ({
  sessionSecret: randomBytes(32).toString('base64url'),
  fieldKey: randomBytes(32),
  notifySecret: 'test',
  exchangeKey: testKeys[name],
});
const secrets = { portal: zoneSecrets('portal'), workbench: zoneSecrets('workbench') };
let storage: CrashSetup['storage'];

interface Draft {
  citizen: CrashSetup['citizen'];
  applicationId: string;
  submitKey: string;
}
const drafts: Draft[] = [];

/** The portal with the catalogue and two certificate applications ready to send, then closed. */
async function prepare(): Promise<void> {
  const url = { portal: await freshDatabaseUrl('portal'), workbench: await freshDatabaseUrl('workbench') };
  storage = {
    portal: url.portal ? { databaseUrl: url.portal } : { dataDir: path.join(scratch, 'portal') },
    workbench: url.workbench ? { databaseUrl: url.workbench } : { dataDir: path.join(scratch, 'workbench') },
  };
  const portal = await startTestZone('portal', { storage: storage.portal, zoneSecrets: secrets.portal });
  await publishCatalogDirectly(portal.services.db, loadCatalogItems());
  for (const name of ['林一', '林二']) {
    const person = await verifiedCitizen(portal, name);
    let page = await start(person.client, 'no-criminal-record-certificate');
    const applicationId = applicationIdOf(page);
    for (const [, fields] of certificatePages(person)) page = await answer(person.client, page, fields);
    const { submitKey } = await checkPageForm(person.client, applicationId);
    drafts.push({
      citizen: { id: person.id, displayName: name, mobile: person.mobile },
      applicationId,
      submitKey,
    });
  }
  await portal.close();
  const workbench = await startCaseWorkbench({ storage: storage.workbench, zoneSecrets: secrets.workbench });
  await workbench.database.db.delete(outbox);
  await workbench.close();
}

/**
 * Runs one phase in its own process. With `killAt`, the process is killed with SIGKILL as soon as it prints
 * a line starting so; otherwise it must end by itself. Resolves with what it printed.
 */
function runChild(phase: CrashPhase, draft: Draft, killAt?: string): Promise<string[]> {
  const setup: CrashSetup = {
    storage,
    secrets: {
      portal: { ...secrets.portal, fieldKey: secrets.portal.fieldKey.toString('base64') },
      workbench: { ...secrets.workbench, fieldKey: secrets.workbench.fieldKey.toString('base64') },
    },
    ...draft,
  };
  // Built by the test runner along with the tests when it ran them; from the source through tsx otherwise.
  const built = process.env.OPENPSB_TEST_BUILD;
  const program = built
    ? [path.join(built, 'test/cases/crash.child.mjs')]
    : ['--import', 'tsx', path.join(here, 'crash.child.ts')];
  const child = spawn(process.execPath, [...program, phase], {
    cwd: root,
    env: { ...process.env, CRASH_SETUP: JSON.stringify(setup) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let errors = '';
  let killed = false;
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    for (let i = pending.indexOf('\n'); i >= 0; i = pending.indexOf('\n')) {
      const line = pending.slice(0, i);
      pending = pending.slice(i + 1);
      lines.push(line);
      if (killAt && line.startsWith(killAt) && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (killAt && killed && signal === 'SIGKILL') resolve(lines);
      else if (!killAt && code === 0) resolve(lines);
      else
        reject(new Error(`${phase} ended ${code ?? signal}: ${lines.join(' | ')}\n${errors.slice(-3000)}`));
    });
  });
}

/** Both zones opened again on the same data, to look. */
async function reopen(): Promise<{ portal: TestZone; workbench: TestZone }> {
  const portal = await startTestZone('portal', { storage: storage.portal, zoneSecrets: secrets.portal });
  const workbench = await startTestZone('workbench', {
    storage: storage.workbench,
    zoneSecrets: secrets.workbench,
  });
  return { portal, workbench };
}

async function holdings(zones: { portal: TestZone; workbench: TestZone }, applicationId: string) {
  const [application] = await zones.portal.services.db
    .select({ caseNumber: applications.caseNumber })
    .from(applications)
    .where(eq(applications.id, applicationId));
  const sent = await zones.portal.services.db
    .select({ id: outbox.id, sentAt: outbox.sentAt })
    .from(outbox)
    .where(
      and(
        eq(outbox.type, 'application.submitted'),
        sql`${outbox.payload}->>'applicationId' = ${applicationId}`,
      ),
    );
  const opened = await zones.workbench.services.db
    .select({ caseNumber: cases.caseNumber })
    .from(cases)
    .where(eq(cases.applicationId, applicationId));
  const received = await zones.workbench.services.db
    .select({ id: inbox.messageId })
    .from(inbox)
    .where(
      and(
        eq(inbox.type, 'application.submitted'),
        sql`${inbox.payload}->>'applicationId' = ${applicationId}`,
      ),
    );
  return { caseNumber: application?.caseNumber ?? null, sent, opened, received: received.length };
}

before(prepare);
after(() => rmSync(scratch, { recursive: true, force: true }));

test('killed after the submission commits, before the relay: the restart carries it over once', async () => {
  const [draft] = drafts;
  assert.ok(draft);
  const said = await runChild('submit-then-die', draft, 'committed');
  const number = said.find((l) => l.startsWith('committed'))?.split(' ')[1];
  assert.ok(number, said.join(' | '));

  let zones = await reopen();
  let now = await holdings(zones, draft.applicationId);
  assert.equal(now.caseNumber, number, 'the submission survived the kill');
  assert.deepEqual([now.sent.length, now.sent[0]?.sentAt, now.opened.length], [1, null, 0]);
  await Promise.all([zones.portal.close(), zones.workbench.close()]);

  await runChild('resume', draft);
  zones = await reopen();
  now = await holdings(zones, draft.applicationId);
  assert.deepEqual(now.opened, [{ caseNumber: number }], 'exactly one case');
  assert.equal(now.received, 1);
  assert.ok(now.sent[0]?.sentAt, 'the outbox row is marked sent');
  await Promise.all([zones.portal.close(), zones.workbench.close()]);
});

test('killed while the relay delivers: the receiver keeps the message once and opens one case', async () => {
  const [, draft] = drafts;
  assert.ok(draft);
  await runChild('submit-then-die', draft, 'committed');
  const said = await runChild('deliver-then-die', draft, 'delivered');
  assert.ok(
    said.some((l) => /^delivered delivered/.test(l)),
    said.join(' | '),
  );

  let zones = await reopen();
  let now = await holdings(zones, draft.applicationId);
  // The workbench holds the message; the portal still thinks it unsent, so the relay will send it again.
  assert.deepEqual([now.received, now.sent.length, now.sent[0]?.sentAt], [1, 1, null]);
  await Promise.all([zones.portal.close(), zones.workbench.close()]);

  const resumed = await runChild('resume', draft);
  assert.match(resumed.join(' '), /"duplicates":1/);
  zones = await reopen();
  now = await holdings(zones, draft.applicationId);
  assert.equal(now.opened.length, 1, 'exactly one case');
  assert.equal(now.opened[0]?.caseNumber, now.caseNumber);
  assert.equal(now.received, 1, 'the second delivery was recognised, not stored again');
  assert.ok(now.sent[0]?.sentAt);
  await Promise.all([zones.portal.close(), zones.workbench.close()]);
});
