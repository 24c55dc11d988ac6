import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  assert.ok(executablePath, 'CHROMIUM_PATH is set by the test runner');
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface ServedZone extends TestZone {
  url: string;
}

/** A zone served on a real port for the browser, on an in-memory database. */
export async function serveZone(
  name: 'portal' | 'workbench',
  options: { env?: Record<string, string> } = {},
): Promise<ServedZone> {
  // A journey is what a visitor meets, the browsable API documentation included.
  const zone = await startTestZone(name, { apiDocsUi: true, ...options });
  await (zone.app as FastifyInstance).listen({ host: '127.0.0.1', port: 0 });
  const address = zone.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...zone, url: `http://127.0.0.1:${port}` };
}

const problemsOf = new WeakMap<BrowserContext, string[]>();

/**
 * A browser context under the pages' real Content Security Policy (never `bypassCSP`) that records every
 * uncaught page error and every CSP violation: reported by the page (`securitypolicyviolation`, when scripts
 * run) or by the browser's console (also when they do not). Closing it fails the test if anything was recorded.
 */
export async function openContext(
  browser: Browser,
  options: Omit<BrowserContextOptions, 'bypassCSP'> = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const problems: string[] = [];
  problemsOf.set(context, problems);
  await context.exposeBinding('__reportCspViolation', ({ page }, detail: string) => {
    problems.push(`CSP violation on ${page.url()}: ${detail}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (detail: string) => void })
        .__reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline content'}`);
    });
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        problems.push(`CSP violation on ${page.url()}: ${message.text()}`);
    });
  });
  const close = context.close.bind(context);
  context.close = async (closeOptions) => {
    await close(closeOptions);
    expectNoPageProblems(context);
  };
  return context;
}

/** Fails when a page of the context threw or broke its Content Security Policy so far. */
export function expectNoPageProblems(context: BrowserContext): void {
  assert.deepEqual(problemsOf.get(context) ?? [], [], 'page errors or CSP violations');
}

/**
 * Runs axe-core with the WCAG 2.2 AA tags on the current page and fails on any violation. axe is evaluated
 * through the DevTools protocol, which the page's CSP does not govern, so the page keeps its real policy.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  expectNoPageProblems(page.context());
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  const problems = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  assert.deepEqual(problems, [], `accessibility violations on ${label} (${page.url()})`);
}

/** Checks a page in Chinese and in English, returning to the language it started in. */
export async function expectAccessibleInBothLanguages(page: Page, label: string): Promise<void> {
  await expectAccessible(page, `${label} [zh]`);
  const url = new URL(page.url());
  url.searchParams.set('lang', 'en');
  const english = await page.context().newPage();
  await english.goto(url.toString());
  await expectAccessible(english, `${label} [en]`);
  await english.close();
}

/**
 * Checks a page shown without scripts. axe cannot run in it: with scripts off the browser fires no timers, and
 * axe.run schedules its checks with setTimeout, so it would wait for ever (the old stall). The page's DOM as
 * shown (what a no-script form post brought back included) is loaded again at its own address in a context where
 * scripts run but the page's own are refused, so it stays as it was, and axe runs there.
 */
export async function expectAccessibleWithoutScripts(page: Page, label: string): Promise<void> {
  const [html, url, viewport] = [await page.content(), page.url(), page.viewportSize()];
  const browser = page.context().browser();
  assert.ok(browser, 'a page of a launched browser');
  const context = await browser.newContext(viewport ? { viewport } : {});
  const copy = await context.newPage();
  await copy.route(
    (u) => u.href === url,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await copy.route(
    () => true,
    (route) => (route.request().resourceType() === 'script' ? route.abort() : route.fallback()),
  );
  await copy.goto(url);
  assert.equal(await copy.title(), await page.title(), 'the copy is the page shown');
  await expectAccessible(copy, `${label} (without scripts)`);
  await context.close();
}
