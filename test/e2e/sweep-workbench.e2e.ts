import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, openContext } from './browser.ts';
import { sweepPages } from './sweep.support.ts';
import { officerPages, openSweepWorld, signInOfficer, type SweepWorld } from './sweep.world.ts';
import { SWEPT_OFFICERS } from './sweep.pages.ts';

// Every workbench section each demo role is offered, and the first record of each list, on the demo's data:
// at 390 px none scrolls sideways, and no English page shows Chinese it does not mark as Chinese (records'
// titles, names and people's words are data, marked lang="zh-CN"). Each page is opened once, by the first role
// offered it.

let browser: Browser;
let world: SweepWorld;

before(async () => {
  [browser, world] = await Promise.all([launchBrowser(), openSweepWorld()]);
});
after(async () => {
  await browser?.close();
  await world?.close();
});

test('every workbench page each demo role opens fits a phone and speaks English on English pages', async () => {
  const seen = new Set<string>();
  for (const badgeNo of SWEPT_OFFICERS) {
    const context = await openContext(browser);
    await signInOfficer(context, world.workbench.url, badgeNo);
    const pages = (await officerPages(context, world.workbench.url)).filter((p) => {
      const key = `${p.path} ${String(p.link)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    await sweepPages(context, world.workbench.url, pages, `workbench-${badgeNo}`);
    await context.close();
  }
});
