import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { seedDemoCases } from '../../src/demo-cases.ts';
import { inbox } from '../../src/exchange/tables.ts';
import { exchangeKeyring, startPlatform, type Platform } from '../../src/platform.ts';
import { applications } from '../../src/portal/db/schema.ts';
import { loadConfig } from '../../src/shared/config.ts';
import { loadSecrets } from '../../src/shared/secrets.ts';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import { freshDatabaseUrl } from '../helpers/zones.ts';

// `npm start` leaves an officer work at every step of the licence process: the demo cases, made through the
// portal, the relay and the officers' own steps, wait unclaimed in the exit-entry division's queue.

describe('the demo licence cases', () => {
  let dataDir: string;
  let platform: Platform | undefined;
  const zone = (name: 'portal' | 'workbench') => platform!.zones.find((z) => z.name === name)!;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'openpsb-demo-cases-'));
    // On PostgreSQL each zone gets a fresh database of its own; otherwise both are embedded in dataDir.
    const [portalUrl, workbenchUrl] = [await freshDatabaseUrl('portal'), await freshDatabaseUrl('workbench')];
    const config = loadConfig({
      ...(portalUrl && workbenchUrl
        ? { PORTAL_DATABASE_URL: portalUrl, WORKBENCH_DATABASE_URL: workbenchUrl }
        : {}),
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORTAL_PORT: '0',
      WORKBENCH_PORT: '0',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    });
    platform = await startPlatform(['portal', 'workbench'], config);
  });
  after(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const demoCases = () =>
    zone('workbench')
      .services.db.select({
        caseNumber: cases.caseNumber,
        state: cases.state,
        claimedBy: cases.claimedBy,
        workflow: cases.workflowId,
        unit: cases.unitCode,
      })
      .from(cases)
      .where(eq(cases.itemId, 'hk-macau-re-endorsement'));

  test('one case waits at each step, unclaimed, in the deciding division’s queue', async () => {
    const found = await demoCases();
    assert.deepEqual(found.map((c) => c.state).sort(), [
      'accepted',
      'approval-given',
      'approval-withheld',
      'granted',
      'reviewed',
      'submitted',
    ]);
    for (const c of found) {
      assert.equal(c.claimedBy, null, `${c.caseNumber} is free to take`);
      assert.equal(c.workflow, 'case-licence');
      assert.equal(c.unit, 'SF-CRJ');
    }
  });

  test('the applicants see the same steps in the portal, and nothing was left failing at either end', async () => {
    const portal = zone('portal').services.db;
    const numbers = (await demoCases()).map((c) => c.caseNumber);
    const apps = await portal
      .select({ caseNumber: applications.caseNumber, status: applications.status })
      .from(applications)
      .where(inArray(applications.caseNumber, numbers));
    assert.equal(apps.length, 6);
    assert.deepEqual(apps.map((a) => a.status).sort(), [
      'accepted',
      'approved',
      'submitted',
      'under-review',
      'under-review',
      'under-review',
    ]);
    for (const name of ['portal', 'workbench'] as const) {
      const failed = await zone(name)
        .services.db.select({ id: inbox.messageId })
        .from(inbox)
        .where(
          or(and(isNull(inbox.processedAt), isNotNull(inbox.lastError)), isNotNull(inbox.quarantinedAt)),
        );
      assert.deepEqual(failed, [], `${name}: no message left failing`);
    }
  });

  test('seeding again makes no second set', async () => {
    const secrets = loadSecrets(process.env, dataDir, ['portal', 'workbench']);
    await seedDemoCases(zone('portal'), zone('workbench'), exchangeKeyring(secrets));
    assert.equal((await demoCases()).length, 6);
  });
});
