import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { seedZones } from '../../src/platform.ts';
import { DEMO_STAFF_PASSWORD } from '../../src/workbench/seed.ts';
import { codeAt } from '../../src/workbench/staff/totp.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { serveZone, type ServedZone } from './browser.ts';
import type { SweptPage } from './sweep.support.ts';

// Both zones served with the demo's own data (the same seeding `npm start` does on a first run), and what the
// workbench publishes carried to the portal, so the sweep sees the pages a visitor of the demo sees.

export interface SweepWorld {
  portal: ServedZone;
  workbench: ServedZone;
  boundary: Boundary;
  close(): Promise<void>;
}

export async function openSweepWorld(): Promise<SweepWorld> {
  // The workbench sweep signs in as every demo role from one address, faster than the sign-in limit allows.
  const env = { AUTH_RATE_LIMIT: '1000' };
  const [portal, workbench] = await Promise.all([
    serveZone('portal', { env }),
    serveZone('workbench', { env }),
  ]);
  await seedZones([portal, workbench]);
  const boundary = joinZones(portal, workbench);
  // The catalogue and its documents are more than one batch: carry until nothing is left, then the answers.
  await boundary.toPortal();
  await boundary.crossBothWays(2);
  return { portal, workbench, boundary, close: () => boundary.close() };
}

/**
 * Signs a demo officer in through the real forms, in Chinese: password, then the code of his authenticator
 * (`secret`), or, at a first sign-in, the enrolment page's secret. Returns the secret for the next time.
 */
export async function signInOfficer(
  context: BrowserContext,
  base: string,
  badgeNo: string,
  secret?: string,
): Promise<string> {
  const page = await context.newPage();
  await page.goto(`${base}/staff/login?lang=zh`);
  await page.getByLabel('警号').fill(badgeNo);
  await page.getByLabel('密码').fill(DEMO_STAFF_PASSWORD);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('动态口令').waitFor();
  const known = secret ?? (await page.locator('.totp-secret').textContent())?.replaceAll(' ', '');
  assert.ok(known, `an authenticator for ${badgeNo}`);
  await page.getByLabel('动态口令').fill(codeAt(badgeNo, known, Date.now()));
  await page.getByRole('button', { name: /登录|确认|完成/ }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  await page.close();
  return known;
}

/** The sections the signed-in officer's menu offers, and the first record each list links to. */
export async function officerPages(context: BrowserContext, base: string): Promise<SweptPage[]> {
  const page = await context.newPage();
  await page.goto(`${base}/?lang=zh`);
  const sections = await page.$$eval('.site-nav a[href]', (links) =>
    links.map((a) => a.getAttribute('href') ?? ''),
  );
  await page.close();
  const pages: SweptPage[] = [{ name: 'home', path: '/' }];
  for (const href of sections.filter((h) => h !== '/')) {
    const name = href.slice(1).replaceAll('/', '-');
    pages.push({ name, path: href });
    const escaped = href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A record's page or a form under the section (not a file: those are not pages).
    pages.push({
      name: `${name}-record`,
      path: href,
      link: new RegExp(`^${escaped}/(?![^?]*\\.(?:pdf|png|jpg|csv|svg)$)[^?#]+$`),
      optional: true,
    });
  }
  return pages;
}
