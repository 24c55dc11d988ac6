// Rendered catalogue pages for anonymous visitors, kept in memory. A guide page is the same for everyone who
// reads one version of an item in one language and mode, so it is rendered once and then served without
// touching the database.
//
// Freshness: publishing and withdrawing in this process drop the item's pages at once (notifyCatalogChange).
// Another portal instance behind the load balancer learns of the change when its own check of the item's
// version comes due, at most FRESH_MS later. Because the notice comes from inside the publishing
// transaction, a page read in the short QUIET_MS after it is served but not cached, so a reader who raced the
// commit cannot pin the old version in the cache.

import { gzipSync } from 'node:zlib';
import { HtmlCache, textBytes } from '../../shared/http/html-cache.ts';
import { publicContentChanged } from '../../shared/http/public-content.ts';

const FRESH_MS = 5_000;
const QUIET_MS = 2_000;
/** Items whose pages are kept; a guide page is 20–40 kB in each of four variants. */
const MAX_ITEMS = 1_000;
/**
 * The bytes of the kept pages: a thousand items' four variants and their lists would be a few hundred MB, more
 * than a zone's whole memory budget, so the least recently read guides go first beyond this.
 */
const MAX_BYTES = 48 * 1024 * 1024;

/** An item's id, or undefined for every item (a blank form or sample they may link to has changed). */
type Listener = (id: string | undefined) => void;
const listeners = new Set<Listener>();

/** Hears every catalogue change of this process (an item's id, or undefined for all); returns the unsubscribe. */
export function onCatalogChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Called by the publishing functions whenever an item's published state changes; without an id, when a
 * document guides link to has changed, which may alter any guide page.
 */
export function notifyCatalogChange(id?: string): void {
  for (const listener of listeners) listener(id);
  // The app's page cache holds lists and guides too; any catalogue change may alter a list or a count.
  publicContentChanged('/services');
}

/** A page as sent: compressed once when stored, since a guide shrinks from about 20 kB to 5 kB. */
export interface CachedPage {
  html: string;
  gzip: Buffer;
}

function cachedPage(html: string): CachedPage {
  return { html, gzip: gzipSync(html) };
}

interface Known {
  /** null: not published, or withdrawn. */
  version: number | null;
}

// Keys: `guide:<id>|<variant>` and `list:<address>|<variant>`, so one item's guides drop under `guide:<id>|`.
const guidePrefix = (id: string): string => `guide:${id}|`;
const LISTS = 'list:';
const GUIDES = 'guide:';

export class CatalogPageCache {
  private readonly pages: HtmlCache<{ version: number; page: CachedPage }>;
  /** Each item's live version as last read, trusted for FRESH_MS. */
  private readonly known: HtmlCache<Known>;
  private readonly listener: Listener = (id) => this.changed(id);

  /** `now`: milliseconds from the zone's clock. */
  constructor(now: () => number = Date.now) {
    // Four variants (language × mode) of each item, and as many list pages.
    this.pages = new HtmlCache<{ version: number; page: CachedPage }>({
      max: MAX_ITEMS * 4 * 2,
      quietMs: QUIET_MS,
      now,
      maxBytes: MAX_BYTES,
      sizeOf: ({ page }) => textBytes(page.html) + page.gzip.length,
    });
    this.known = new HtmlCache({ max: MAX_ITEMS * 4, quietMs: QUIET_MS, now });
    listeners.add(this.listener);
  }

  /** Stops listening; the app calls it on close so a closed app's cache can be collected. */
  dispose(): void {
    listeners.delete(this.listener);
  }

  private changed(id: string | undefined): void {
    const prefix = id === undefined ? GUIDES : guidePrefix(id);
    this.pages.changed(prefix);
    this.known.changed(prefix);
    this.pages.changed(LISTS);
  }

  /** The item's live version, from memory while fresh, else from `load` (null when not live). */
  async version(id: string, load: () => Promise<number | null>): Promise<number | null> {
    const known = this.known.get(guidePrefix(id));
    if (known) return known.version;
    const version = await load();
    // A version read while a change is settling may be the old one: it is used, not remembered. Pages of an
    // older version need no dropping: each carries its version, and `guide` serves only the live one.
    this.known.set(guidePrefix(id), { version }, FRESH_MS);
    return version;
  }

  guide(id: string, version: number, variant: string): CachedPage | undefined {
    const entry = this.pages.get(guidePrefix(id) + variant);
    return entry?.version === version ? entry.page : undefined;
  }

  /** Keeps the page unless a change is settling; returns it ready to send either way. */
  storeGuide(id: string, version: number, variant: string, html: string): CachedPage | undefined {
    const page = cachedPage(html);
    return this.pages.set(guidePrefix(id) + variant, { version, page }) ? page : undefined;
  }

  /** Lists and counts depend on every item, so any change drops them all; they also age out after FRESH_MS. */
  list(key: string): CachedPage | undefined {
    return this.pages.get(LISTS + key)?.page;
  }

  storeList(key: string, html: string): CachedPage | undefined {
    const page = cachedPage(html);
    return this.pages.set(LISTS + key, { version: 0, page }, FRESH_MS) ? page : undefined;
  }
}
