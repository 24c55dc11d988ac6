import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keyringFrom, startRelay, type Relay } from '../../src/exchange/runtime.ts';
import { outbox } from '../../src/exchange/tables.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { readRenderedPdf } from '../../src/workbench/documents/pdf-reading.fixture.ts';
import type { Person } from '../portal/applications.helpers.ts';
import { startCaseWorkbench } from '../workbench/cases.support.ts';
import type { Workbench } from '../workbench/support.ts';
import { testPublicKeys } from '../helpers/zones.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// The set-up and the steps the journeys of the other online services share: a served portal with the
// catalogue, a workbench on its real inbox handlers, and a relay driven by hand, step by step.

export interface Journeys {
  browser: Browser;
  portal: ServedZone;
  workbench: Workbench;
  relay: Relay;
  /** What the portal wrote crosses to the workbench and is handled there, as the workers would. */
  toWorkbench(): Promise<void>;
  /** What the workbench wrote crosses back and is handled by the portal. */
  toPortal(): Promise<void>;
  close(): Promise<void>;
}

export async function startJourneys(): Promise<Journeys> {
  const [browser, portal, workbench] = await Promise.all([
    launchBrowser(),
    serveZone('portal'),
    startCaseWorkbench(),
  ]);
  await publishCatalogDirectly(portal.services.db, loadCatalogItems());
  // The portal has the catalogue already; the workbench's own publication of it would only make the first
  // crossing long.
  await workbench.database.db.delete(outbox);
  const relay = startRelay(
    portal.database.db,
    workbench.database.db,
    keyringFrom(testPublicKeys),
    pino({ level: 'silent' }),
    60_000,
  );
  return {
    browser,
    portal,
    workbench,
    relay,
    async toWorkbench() {
      await portal.signOutbox();
      await relay.runOnce();
      await workbench.processInbox();
    },
    async toPortal() {
      await workbench.signOutbox();
      await relay.runOnce();
      await portal.processInbox();
    },
    async close() {
      await relay.stop();
      await browser.close();
      await Promise.all([portal.close(), workbench.close()]);
    },
  };
}

export async function signIn(portal: ServedZone, context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await page.goto(portal.url + '/login');
  await page.getByLabel('手机号码').fill(person.mobile);
  await page.getByLabel('密码').fill(person.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的账号' }).waitFor();
  return page;
}

export type Answers = Record<string, string | string[]>;

/**
 * Sets a question's answer by its field name, as a person would with that kind of control; a list ticks
 * several boxes. Only locator actions, which work with the page's JavaScript off.
 */
export async function setAnswer(page: Page, name: string, value: string | string[]) {
  for (const one of Array.isArray(value) ? value : [value]) {
    const select = page.locator(`select[name="${name}"]`);
    const option = page.locator(
      `input[name="${name}"][value="${one}"]:is([type="radio"], [type="checkbox"])`,
    );
    if ((await select.count()) > 0) await select.selectOption(one);
    else if ((await option.count()) > 0) await option.check();
    else await page.locator(`[name="${name}"]`).fill(one);
  }
}

export const continueButton = (page: Page) => page.getByRole('button', { name: '保存并继续' });

/** From the guide to the first question page. */
export async function openApplication(portal: ServedZone, page: Page, slug: string) {
  await page.goto(`${portal.url}/services/items/${slug}`);
  await page.getByRole('link', { name: '在线办理' }).click();
  await page.getByRole('button', { name: '开始申请' }).waitFor();
}

/**
 * Answers the pages in order, each expected at its address; `check` names the pages to check with axe before
 * they are posted.
 */
export async function answerPages(
  page: Page,
  pages: [string, Answers][],
  check: (pageId: string) => Promise<void> = async () => {},
) {
  for (const [pageId, fields] of pages) {
    await page.waitForURL(new RegExp(`/pages/${pageId}$`));
    for (const [name, value] of Object.entries(fields)) await setAnswer(page, name, value);
    await check(pageId);
    await continueButton(page).click();
  }
}

/** The check page's submission, then the confirmation's case number of the deciding unit. */
export async function submitFromCheckPage(page: Page, unit: string): Promise<string> {
  await page.getByRole('heading', { name: '提交前请核对您的申请' }).waitFor();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('heading', { name: '申请已提交' }).waitFor();
  const caseNumber = new RegExp(`${unit}-\\d{8}-\\d{6}`).exec(await page.locator('main').innerText())?.[0];
  assert.ok(caseNumber, `the confirmation shows a case number of ${unit}`);
  return caseNumber;
}

/** Downloads a document from the case page by its link, as the browser saves it; returns the bytes. */
export async function downloadDocument(page: Page, name: string | RegExp): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('main').getByRole('link', { name }).click(),
  ]);
  const path = await download.path();
  assert.ok(path, 'the download was saved');
  const bytes = await readFile(path);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-', 'a PDF');
  return bytes;
}

/** A PDF's text as a reader finds it, without the layout's spaces. */
export async function pdfText(bytes: Buffer): Promise<string> {
  return (await readRenderedPdf(bytes)).text;
}

/** The verification code a document prints beside its QR code. */
export function verificationCodeIn(text: string): string {
  const code = /核验码：([A-Z2-7]{26})/.exec(text)?.[1];
  assert.ok(code, 'the document prints its verification code');
  return code;
}

/** A date a number of days from today (Beijing), as a date input takes it. */
export function daysFromToday(days: number): string {
  const day = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export { expectAccessibleInBothLanguages, openContext };
