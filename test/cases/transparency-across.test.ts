import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { outbox } from '../../src/exchange/tables.ts';
import { scheduleStatistics } from '../../src/workbench/statistics/statistics.service.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { openCase, SERVICES, startCaseWorkbench } from '../workbench/cases.support.ts';
import { setClock } from '../workbench/supervision.support.ts';
import type { Workbench } from '../workbench/support.ts';

// The transparency page's figures, the whole way: the workbench's daily job counts the force's cases and
// letters and publishes them, the relay carries them, the portal keeps the latest with its own count of
// registered accounts and shows them to anyone, cached until newer figures arrive.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;

before(async () => {
  portal = await startTestZone('portal');
  workbench = await startCaseWorkbench();
  await workbench.database.db.delete(outbox);
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary.close();
});

async function publishAndCross(): Promise<void> {
  await scheduleStatistics(workbench.services);
  await workbench.drainJobs();
  await boundary.toPortal();
}

test('before any figures arrive the page says so; once published, anyone reads them, cached and in both languages', async () => {
  const visitor = new FormClient(portal.app);
  const empty = await visitor.get('/transparency');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /统计数据尚未发布/);

  await registerCitizen(portal);
  await registerCitizen(portal);
  setClock(workbench, '2026-12-10T02:00:00Z');
  await openCase(workbench, SERVICES.certificate);
  await openCase(workbench, SERVICES.licence);
  await publishAndCross();

  const page = await new FormClient(portal.app).get('/transparency');
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['cache-control'], 'public, max-age=600');
  assert.match(page.body, /数据截至 <time datetime="2026-12-10">2026-12-10<\/time>/);
  assert.match(page.body, /<dt class="summary-key">注册用户数<\/dt><dd class="summary-value">2<\/dd>/);
  assert.match(page.body, /<dt class="summary-key">网上申请件数<\/dt><dd class="summary-value">2<\/dd>/);
  assert.match(page.body, /<dt class="summary-key">零跑动率<\/dt><dd class="summary-value">100.0%<\/dd>/);
  assert.match(page.body, /<svg class="chart-svg"[^>]*role="img"/);
  assert.match(page.body, /<th scope="row">26-12<\/th><td class="cell--numeric">2<\/td>/);
  const english = await new FormClient(portal.app).get('/transparency?lang=en');
  assert.match(english.body, /Registered users/);
  assert.match(english.body, /Online applications per month/);

  // The footer and the site map lead to it.
  assert.match(page.body, /<a href="\/transparency">数据公开<\/a>/);
  const map = await new FormClient(portal.app).get('/sitemap');
  assert.match(map.body, /href="\/transparency"/);
});

test('the next day’s figures replace the page at once; a signed-in citizen’s page is not stored', async () => {
  await openCase(workbench, SERVICES.certificate);
  workbench.advance(24 * 3_600_000);
  portal.advanceClock(24 * 3_600_000);
  await publishAndCross();
  const page = await new FormClient(portal.app).get('/transparency');
  assert.match(page.body, /数据截至 <time datetime="2026-12-11">2026-12-11<\/time>/);
  assert.match(page.body, /<dt class="summary-key">网上申请件数<\/dt><dd class="summary-value">3<\/dd>/);

  const citizen = await registerCitizen(portal);
  const own = await citizen.client.get('/transparency');
  assert.equal(own.statusCode, 200);
  assert.equal(own.headers['cache-control'], 'no-store');
});
