import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';

// The page sweep: every page a journey names is opened at phone width in both languages (and, for the portal,
// in elder mode too), and must neither scroll sideways nor leave Chinese on an English page that is not marked
// as Chinese. With SWEEP_SHOTS naming a folder, it also keeps a screenshot of each at 390 and 1366 px for a
// person to look at.

export interface SweptPage {
  /** A short name for messages and screenshot files, e.g. `portal-home`. */
  name: string;
  /** The address on the zone, without `lang`; or, with `link`, the page whose first matching link to follow. */
  path: string;
  /** Follow the first link on `path` whose address matches, so the sweep needs no record ids. */
  link?: RegExp;
  /** With `link`: a list that may be empty (then there is no record page to open). */
  optional?: boolean;
}

const SHOT_DIR = process.env.SWEEP_SHOTS;

/** How far the page scrolls sideways, in CSS px (0 when it fits). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The Chinese runs an English page shows outside any element marked `lang="zh…"`: text, and the words a screen
 * reader or a tooltip gives (aria-label, title, placeholder, alt, a button's value). Hidden elements count too,
 * since a screen reader may still meet them.
 */
export function unmarkedChinese(page: Page): Promise<string[]> {
  return page.evaluate(UNMARKED_CHINESE) as Promise<string[]>;
}

// A string, not a function: the test runner's transpiler would name the inner functions with a helper the page
// does not have.
const UNMARKED_CHINESE = `(() => {
  const han = /[\\u3400-\\u9fff\\uf900-\\ufaff]+(?:[\\s\\d\\p{P}]*[\\u3400-\\u9fff\\uf900-\\ufaff]+)*/gu;
  function markedChinese(element) {
    const lang = element && element.closest('[lang]');
    return (lang ? lang.getAttribute('lang') : '').toLowerCase().startsWith('zh');
  }
  const found = [];
  function note(text, where) {
    for (const run of text.match(han) || []) {
      const tag = where ? where.tagName.toLowerCase() + (where.id ? '#' + where.id : '') : '?';
      found.push(run.slice(0, 40) + ' (in ' + tag + ')');
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
    if (!markedChinese(parent)) note(node.textContent || '', parent);
  }
  const described = document.body.querySelectorAll(
    '[aria-label], [title], [placeholder], img[alt], input[type=submit][value], input[type=button][value]',
  );
  for (const element of described) {
    if (markedChinese(element)) continue;
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt', 'value']) {
      if (attribute === 'value' && element.tagName !== 'INPUT') continue;
      const value = element.getAttribute(attribute);
      if (value) note(value, element);
    }
  }
  // The title cannot mark a part of itself: Chinese there is fine when it is the page's own Chinese content
  // (marked where the page shows it) or what the visitor typed (in the address).
  const title = document.querySelector('title');
  if (title && !markedChinese(title)) {
    const typed = [...new URL(location.href).searchParams.values()].join(' ');
    const marked = [...document.body.querySelectorAll('[lang^=zh]')].map((e) => e.textContent).join(' ');
    for (const run of (title.textContent || '').match(han) || []) {
      if (!typed.includes(run) && !marked.includes(run)) note(run, title);
    }
  }
  return [...new Set(found)];
})()`;

/**
 * Visible text smaller than `minPx` (elder mode promises nothing below 18 px, MIIT Annex 2 §1.1): each size
 * once, with the element and its first words.
 */
export function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate(`(() => {
    const found = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent || '').trim();
      if (!parent || !text || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
      if (parent.closest('.visually-hidden, [hidden], [aria-hidden=true]')) continue;
      // A chart's labels scale with its drawing: their CSS size is not the size shown.
      if (parent.closest('svg')) continue;
      const box = parent.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size >= ${minPx}) continue;
      const where = parent.tagName.toLowerCase() + (parent.className ? '.' + String(parent.className).split(' ')[0] : '');
      const key = where + '@' + size;
      if (!found.has(key)) found.set(key, key + 'px: ' + text.slice(0, 20));
    }
    return [...found.values()];
  })()`) as Promise<string[]>;
}

/**
 * Visible controls smaller than `minPx` square (elder mode promises main controls of 60×60 px, MIIT Annex 2
 * §2.1): links, buttons, fields, drop-downs, disclosure summaries, check boxes and radios (the real input, laid
 * transparent over the box the label draws). A link stretched over its card (`::after`, inset 0) is as large as
 * the card. Left out, as WCAG 2.5.8 allows: a link inside running text (its block holds other words too, so the
 * line height of the text sets its size), a choice's label (the input beside it is the equivalent target), and
 * what is off-screen until focused (the skip link). Each control once per page, with its parent, size and words.
 */
export function smallTargets(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate(`(() => {
    const found = [];
    const controls = document.body.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]',
    );
    const blockTags = ['P', 'LI', 'TD', 'TH', 'DD', 'DT', 'DIV', 'BLOCKQUOTE', 'FIGCAPTION', 'CAPTION', 'SECTION', 'MAIN', 'BODY'];
    function inRunningText(element) {
      if (element.tagName !== 'A') return false;
      let block = element.parentElement;
      while (block && !blockTags.includes(block.tagName) && getComputedStyle(block).display.startsWith('inline'))
        block = block.parentElement;
      if (!block) return false;
      const own = (element.textContent || '').replace(/\s+/g, '');
      const all = (block.textContent || '').replace(/\s+/g, '');
      return all.length > own.length;
    }
    for (const element of controls) {
      if (element.closest('[hidden], [aria-hidden=true], svg, .visually-hidden')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const after = getComputedStyle(element, '::after');
      const stretched = after.content !== 'none' && after.position === 'absolute' && after.inset === '0px';
      const box = (stretched && element.offsetParent ? element.offsetParent : element).getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      // Off-screen until focused (the skip link).
      if (box.right <= 0 || box.bottom <= 0 || box.left >= window.innerWidth) continue;
      if (box.width >= ${minPx} - 0.5 && box.height >= ${minPx} - 0.5) continue;
      if (inRunningText(element)) continue;
      const name = (e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '');
      const where = (element.parentElement ? name(element.parentElement) + '>' : '') + name(element);
      const text = (element.textContent || element.getAttribute('aria-label') || element.getAttribute('name') || '').trim().replace(/\s+/g, ' ');
      found.push(where + ' ' + Math.round(box.width) + '×' + Math.round(box.height) + ': ' + text.slice(0, 20));
    }
    return [...new Set(found)];
  })()`) as Promise<string[]>;
}

async function shoot(page: Page, file: string): Promise<void> {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SHOT_DIR}/${file}.png`, fullPage: true });
}

function withLang(base: string, path: string, lang: 'zh' | 'en'): string {
  const url = new URL(path, base);
  url.searchParams.set('lang', lang);
  return url.toString();
}

async function followLink(page: Page, base: string, listed: SweptPage): Promise<SweptPage | undefined> {
  await page.goto(new URL(listed.path, base).toString());
  const hrefs = await page.$$eval('main a[href], #main a[href]', (links) =>
    links.map((a) => a.getAttribute('href') ?? ''),
  );
  // The whole address: a list's export (`?format=xlsx`) is a download, not a page.
  const href = hrefs.find((h) => listed.link?.test(h));
  return href ? { name: listed.name, path: href } : undefined;
}

/**
 * Opens each page at 390 px in Chinese and English (and at 1366 px too when screenshots are asked for), and
 * fails, after all of them were seen, with every page that scrolls sideways or shows unmarked Chinese in
 * English. `mode` names the variant in the messages and screenshot files (`normal`, `elder`, a role).
 */
export async function sweepPages(
  context: BrowserContext,
  base: string,
  pages: readonly SweptPage[],
  mode: string,
  options: {
    languages?: readonly ('zh' | 'en')[];
    shots?: boolean;
    minFontPx?: number;
    /** The smallest control, in CSS px square, outside running text (elder mode: 60). */
    minTargetPx?: number;
  } = {},
): Promise<void> {
  const languages = options.languages ?? (['zh', 'en'] as const);
  const shots = options.shots ?? true;
  const page = await context.newPage();
  const problems: string[] = [];
  for (const listed of pages) {
    const swept = listed.link ? await followLink(page, base, listed) : listed;
    if (!swept) {
      if (listed.optional) continue;
      problems.push(`${listed.name}: no link on ${listed.path} matches ${String(listed.link)}`);
      continue;
    }
    for (const lang of languages) {
      const widths = SHOT_DIR && shots ? [390, 1366] : [390];
      for (const width of widths) {
        await page.setViewportSize({ width, height: 844 });
        const response = await page.goto(withLang(base, swept.path, lang));
        const label = `${swept.name} [${mode}, ${lang}, ${width}px]`;
        const status = response?.status() ?? 0;
        if (status >= 400 && status !== 410) problems.push(`${label}: answered ${status}`);
        if (width === 390) {
          const overflow = await sidewaysOverflow(page);
          if (overflow > 0) problems.push(`${label}: scrolls sideways by ${overflow}px`);
          if (options.minFontPx) {
            const small = await smallText(page, options.minFontPx);
            if (small.length > 0) problems.push(`${label}: text too small: ${small.join(' | ')}`);
          }
          if (options.minTargetPx) {
            const small = await smallTargets(page, options.minTargetPx);
            if (small.length > 0) problems.push(`${label}: targets too small: ${small.join(' | ')}`);
          }
          if (lang === 'en') {
            const chinese = await unmarkedChinese(page);
            if (chinese.length > 0) problems.push(`${label}: unmarked Chinese: ${chinese.join(' | ')}`);
          }
        }
        if (shots) await shoot(page, `${mode}-${swept.name}-${lang}-${width}`);
      }
    }
  }
  await page.close();
  assert.deepEqual(problems, [], `the ${mode} sweep found problems`);
}
