import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { approvalResults } from '../../src/portal/approval-results/approval-results.tables.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { seedApprovalResults } from '../../src/workbench/cases/cases.results.seed.ts';
import { demoCompanies } from '../../src/workbench/market-registry/market-registry.seed.ts';
import { testPublicKeys, type TestZone } from '../helpers/zones.ts';
import { startApplyZone } from '../portal/applications.helpers.ts';
import { browser, startWorkbench, type Workbench } from '../workbench/support.ts';

// The demo's 审批结果公示 is filled on the first start, through the same publication a decided case makes: the
// results cross the exchange to the portal's page, once however often the seed runs, and carry nothing of the
// companies' representatives.

let portal: TestZone;
let workbench: Workbench;
let relay: Relay;

before(async () => {
  portal = await startApplyZone();
  workbench = await startWorkbench();
  await seedCatalog(workbench.services, undefined, []);
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
});
after(async () => {
  await relay.stop();
  await Promise.all([portal.close(), workbench.close()]);
});

test('the demo decisions reach the portal’s results page once, newest first, with no person in them', async () => {
  assert.equal(await seedApprovalResults(workbench.services), 6);
  assert.equal(await seedApprovalResults(workbench.services), 0, 'a second start publishes nothing more');
  await workbench.signOutbox();
  await relay.runOnce();
  await portal.processInbox();

  const kept = await portal.services.db.select().from(approvalResults);
  assert.equal(kept.length, 6);
  assert.deepEqual(new Set(kept.map((r) => r.decision)), new Set(['granted', 'refused', 'filed']));
  assert.ok(
    kept.every((r) => r.unitName !== ''),
    'each names its deciding unit',
  );

  const page = await browser(portal.app).get('/disclosure/approval-results');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /共 6 条结果/);
  const newest = page.body.indexOf('示范市高新信息技术股份有限公司');
  const oldest = page.body.indexOf('示范市示范贸易有限公司');
  assert.ok(newest > 0 && oldest > newest, 'the newest decision comes first');
  for (const company of demoCompanies())
    assert.ok(!page.body.includes(company.legalRepName), 'no representative is named');

  const english = await browser(portal.app).get('/disclosure/approval-results?lang=en');
  assert.match(english.body, /6 results/);
  assert.match(english.body, /Safety licence for large public events/);
  assert.match(english.body, /Refused/);
});
