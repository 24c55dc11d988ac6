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
import { publicContentChanged } from '../../shared/http/public-content.ts';

const FRESH_MS = 5_000;
const QUIET_MS = 2_000;
/** Items whose pages are kept; a guide page is 20–40 kB in each of four variants. */
const MAX_ITEMS = 1_000;

/** An item's id, or undefined for every item (a blank form or sample they may link to has changed). */
type Listener = (id: string | undefined) => void;
const listeners = new Set<Listener>();

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
  checkedAt: number;
}

export class CatalogPageCache {
  private readonly guides = new Map<string, Map<string, { version: number; page: CachedPage }>>();
  private readonly known = new Map<string, Known>();
  private readonly lists = new Map<string, { page: CachedPage; at: number }>();
  private readonly quietUntil = new Map<string, number>();
  private listsQuietUntil = 0;
  private allQuietUntil = 0;
  private readonly listener: Listener = (id) => this.changed(id);

  constructor(private readonly now: () => number = Date.now) {
    listeners.add(this.listener);
  }

  /** Stops listening; the app calls it on close so a closed app's cache can be collected. */
  dispose(): void {
    listeners.delete(this.listener);
  }

  private changed(id: string | undefined): void {
    const until = this.now() + QUIET_MS;
    if (id === undefined) {
      this.guides.clear();
      this.known.clear();
      this.allQuietUntil = until;
    } else {
      this.guides.delete(id);
      this.known.delete(id);
      this.quietUntil.set(id, until);
    }
    this.lists.clear();
    this.listsQuietUntil = until;
  }

  private quiet(id: string): boolean {
    if (this.allQuietUntil > this.now()) return true;
    const until = this.quietUntil.get(id);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.quietUntil.delete(id);
    return false;
  }

  /** The item's live version, from memory while fresh, else from `load` (null when not live). */
  async version(id: string, load: () => Promise<number | null>): Promise<number | null> {
    const known = this.known.get(id);
    if (known && this.now() - known.checkedAt < FRESH_MS) return known.version;
    const version = await load();
    if (!this.quiet(id)) {
      if (known && known.version !== version) this.guides.delete(id);
      this.known.set(id, { version, checkedAt: this.now() });
    }
    return version;
  }

  guide(id: string, version: number, variant: string): CachedPage | undefined {
    const pages = this.guides.get(id);
    const page = pages?.get(variant);
    if (!pages || page?.version !== version) return undefined;
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.guides.delete(id);
    this.guides.set(id, pages);
    return page.page;
  }

  /** Keeps the page unless a change is settling; returns it ready to send either way. */
  storeGuide(id: string, version: number, variant: string, html: string): CachedPage | undefined {
    if (this.quiet(id)) return undefined;
    let pages = this.guides.get(id);
    if (!pages) {
      pages = new Map();
      this.guides.set(id, pages);
      if (this.guides.size > MAX_ITEMS) {
        const oldest = this.guides.keys().next().value;
        if (oldest !== undefined) this.guides.delete(oldest);
      }
    }
    const page = cachedPage(html);
    pages.set(variant, { version, page });
    return page;
  }

  /** Lists and counts depend on every item, so any change drops them all; they also age out after FRESH_MS. */
  list(key: string): CachedPage | undefined {
    const entry = this.lists.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at >= FRESH_MS) {
      this.lists.delete(key);
      return undefined;
    }
    return entry.page;
  }

  storeList(key: string, html: string): CachedPage | undefined {
    if (this.listsQuietUntil > this.now()) return undefined;
    // Keys come from a fixed set of areas, events, audiences and pages, but a crawler can walk many pages.
    if (this.lists.size >= MAX_ITEMS) this.lists.clear();
    const page = cachedPage(html);
    this.lists.set(key, { page, at: this.now() });
    return page;
  }
}
