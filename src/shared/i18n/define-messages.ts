import type { Lang } from './index.ts';

// A feature's own words: one table of { zh, en } by key and the ways the code reads it. Every feature used to
// write its own lookup next to its table; this is that lookup once, with the keys checked by the compiler.

/** One message in both languages. */
export interface Words {
  readonly zh: string;
  readonly en: string;
}

/** Values for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

export interface Messages<K extends string> {
  /** The table itself, for pages that pick a message and its language apart (`words.title[lang]`). */
  readonly words: { readonly [P in K]: Words };
  /** The message in the reader's language, `{name}` placeholders filled from params. */
  text(lang: Lang, key: K, params?: MessageParams): string;
  /** For the form-error translator: the words of any string key, undefined when it is not one of these. */
  lookup(lang: Lang, key: string): string | undefined;
  /** Narrows an untrusted key (a field error's message) to one of these. */
  has(key: string): key is K;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Fills `{name}` placeholders. A placeholder without a matching param is left as written, so a missing param
 * shows up in review instead of silently disappearing.
 */
export function fillPlaceholders(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function defineMessages<const T extends Record<string, Words>>(words: T): Messages<keyof T & string> {
  type K = keyof T & string;
  const table: Readonly<Record<K, Words>> = words;
  const has = (key: string): key is K => Object.hasOwn(words, key);
  const text = (lang: Lang, key: K, params?: MessageParams) =>
    fillPlaceholders(table[key][lang === 'en' ? 'en' : 'zh'], params);
  return { words, text, has, lookup: (lang, key) => (has(key) ? text(lang, key) : undefined) };
}

/**
 * The same for a feature that keeps its words as two tables, one per language: the English table must have
 * exactly the Chinese table's keys.
 */
export function defineMessagesByLanguage<const K extends string>(
  zh: Readonly<Record<K, string>>,
  en: Readonly<Record<NoInfer<K>, string>>,
): Messages<K> {
  const keys = Object.keys(zh) as K[];
  return defineMessages(
    Object.fromEntries(keys.map((k) => [k, { zh: zh[k], en: en[k] }])) as Record<K, Words>,
  );
}
