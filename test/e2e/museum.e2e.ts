import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { messageHandlers } from '../../src/exchange/facade.ts';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { contentInboxHandlers } from '../../src/portal/content/content.inbox.ts';
import { seedContent } from '../../src/workbench/content/content.seed.ts';
import { testPublicKeys } from '../helpers/zones.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// In Chromium, on a phone and on a desktop: the demo exhibits published through the exchange fill the online
// police museum; a visitor walks from the entrance to a hall and an exhibit (picture with its alternative
// text, caption, period), in both languages, with JavaScript off too, and finds the way to book a visit.
// Screenshots go to SHOTS_DIR when it is set, for a person to look at.

let browser: Browser;
let workbench: ServedZone;
let portal: ServedZone;
let relay: Relay;
const shots = process.env.SHOTS_DIR;

before(async () => {
  [browser, workbench, portal] = await Promise.all([
    launchBrowser(),
    serveZone('workbench'),
    serveZone('portal'),
  ]);
  Object.assign(portal.inboxHandlers, messageHandlers(contentInboxHandlers));
  relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    { intervalMs: 60_000, beatMs: 0 },
  );
  await seedContent(workbench.services);
  await workbench.signOutbox();
  while ((await relay.runOnce()).toPortal.delivered > 0);
  assert.equal((await portal.processInbox()).failed, 0);
  if (shots) mkdirSync(shots, { recursive: true });
});
after(async () => {
  await relay?.stop();
  await browser?.close();
  await workbench?.close();
  await portal?.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const fitsWidth = async (page: Page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `fits the width (overflows by ${overflow}px)`);
};

for (const [label, viewport, javaScriptEnabled] of [
  ['phone', { width: 390, height: 844 }, false],
  ['desktop', { width: 1366, height: 900 }, true],
] as const) {
  test(`a visitor walks through the museum on a ${label}${javaScriptEnabled ? '' : ' without JavaScript'}`, async () => {
    const context = await openContext(browser, { locale: 'zh-CN', viewport, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${portal.url}/museum`);
    await page.getByRole('heading', { level: 1, name: '网上警史馆' }).waitFor();
    await fitsWidth(page);
    await shoot(page, `museum-${viewport.width}-zh`);
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(page, 'museum');
    await page.getByRole('link', { name: '改革发展馆' }).click();
    await page.getByRole('heading', { level: 1, name: '改革发展馆' }).waitFor();
    await page.getByRole('img', { name: /黑色老式台式电话机/ }).waitFor();
    await fitsWidth(page);
    await shoot(page, `museum-hall-${viewport.width}-zh`);
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(page, 'museum hall');
    await page.getByRole('link', { name: '110报警服务台的第一部电话' }).click();
    await page.getByRole('heading', { level: 1, name: '110报警服务台的第一部电话' }).waitFor();
    await page.getByText('110报警服务台开通首日接警用的电话机').waitFor();
    await page.getByText('1987年', { exact: true }).waitFor();
    await fitsWidth(page);
    await shoot(page, `museum-exhibit-${viewport.width}-zh`);
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(page, 'museum exhibit');
    const picture = await page.getByRole('img', { name: /黑色老式台式电话机/ }).evaluate((img) => {
      const image = img as HTMLImageElement;
      return image.complete && image.naturalWidth > 0;
    });
    assert.ok(picture, 'the picture loads');

    const english = await context.newPage();
    await english.goto(`${page.url()}?lang=en`);
    await english
      .getByRole('heading', { level: 1, name: 'The first telephone of the 110 service desk' })
      .waitFor();
    await english.getByRole('img', { name: /An old black desk telephone/ }).waitFor();
    await shoot(english, `museum-exhibit-${viewport.width}-en`);
    await english.goto(`${portal.url}/museum?lang=en`);
    await shoot(english, `museum-${viewport.width}-en`);
    await english.goto(`${portal.url}/museum/halls/reform?lang=en`);
    await shoot(english, `museum-hall-${viewport.width}-en`);

    await page.goto(`${portal.url}/museum`);
    await page.getByRole('link', { name: '预约参观' }).click();
    // Booking needs a signed-in person: the visitor is asked to sign in first.
    await page.waitForURL(/\/login/);
    await context.close();
  });
}
