import negotiate from '@fastify/accept-negotiator';
import { LRUCache } from 'lru-cache';

export interface HtmlCacheOptions<Value> {
  /** Entries kept; the least recently used goes first when a new one needs room. */
  max: number;
  /** After a change, pages read for this long are served but not kept (see `changed`). */
  quietMs: number;
  /** Milliseconds from the zone's clock, so tests move time instead of waiting. */
  now: () => number;
  /**
   * Bytes kept at most, as `sizeOf` counts them: the least recently used go first, and a value larger than the
   * whole budget is not kept. A count alone does not bound the memory when pages differ tenfold in size and
   * anyone can vary the address (a query string makes another key).
   */
  maxBytes?: number;
  sizeOf?: (value: Value) => number;
}

/** What a string of text takes in memory at most: V8 keeps text outside Latin-1 (Chinese) two bytes a letter. */
export const textBytes = (text: string): number => text.length * 2;

/**
 * Rendered pages kept in memory for anonymous visitors: the one cache behind the app's page cache and the
 * catalogue's guide and list pages. Keys are strings whose leading part names what they depend on (an address,
 * an item), so a change drops every key under a prefix. A change announced from inside the changing
 * transaction is followed by a quiet time in which pages under the prefix are not kept, so a reader who raced
 * the commit cannot pin the old page in the cache.
 */
export class HtmlCache<Value extends object> {
  // Expiry is kept here rather than in lru-cache's own TTL, which treats a start time of 0 as "no TTL" and
  // caches its clock readings: pages must age by the zone's clock exactly, whatever it reads.
  private readonly entries: LRUCache<string, { value: Value; expires: number }>;
  private readonly quietUntil = new Map<string, number>();

  constructor(private readonly options: HtmlCacheOptions<Value>) {
    const { maxBytes, sizeOf } = options;
    this.entries = new LRUCache<string, { value: Value; expires: number }>({
      max: options.max,
      ...(maxBytes !== undefined && sizeOf
        ? {
            maxSize: maxBytes,
            sizeCalculation: (entry: { value: Value }) => Math.max(1, sizeOf(entry.value)),
          }
        : {}),
    });
  }

  /** The stored value while it lives; an expired one is dropped. */
  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.options.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Keeps the value (for `ttlMs`, or until dropped) unless a change under its key is settling or it is larger
   * than the byte budget; says whether it was kept.
   */
  set(key: string, value: Value, ttlMs?: number): boolean {
    if (this.quiet(key)) return false;
    const expires = ttlMs === undefined ? Infinity : this.options.now() + ttlMs;
    this.entries.set(key, { value, expires });
    // Over the byte budget on its own, it was not kept: the caller serves it without a cached copy.
    return this.entries.has(key);
  }

  /** Drops every entry under the prefix ('' for all), without a quiet time: a newer version was seen. */
  drop(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Content under the prefix changed: drop it and keep nothing under it for the quiet time. */
  changed(prefix: string): void {
    this.drop(prefix);
    this.quietUntil.set(prefix, this.options.now() + this.options.quietMs);
  }

  /** Whether a change under a prefix of `key` is still settling. */
  quiet(key: string): boolean {
    const now = this.options.now();
    for (const [prefix, until] of this.quietUntil) {
      if (until <= now) this.quietUntil.delete(prefix);
      else if (key.startsWith(prefix)) return true;
    }
    return false;
  }

  clear(): void {
    this.entries.clear();
    this.quietUntil.clear();
  }
}

/** Whether the client takes a gzip body (a `gzip;q=0` refuses it; `*` accepts it). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return negotiate((acceptEncoding ?? '').toLowerCase(), ['gzip']) === 'gzip';
}
