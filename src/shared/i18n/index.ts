import { en } from './messages.en.ts';
import { zh } from './messages.zh.ts';
import { fillPlaceholders } from './define-messages.ts';

export {
  defineMessages,
  defineMessagesByLanguage,
  fillPlaceholders,
  type MessageParams,
  type Messages,
  type Words,
} from './define-messages.ts';

/** Interface languages. Chinese is the default and the source of every message. */
export type Lang = 'zh' | 'en';
/** Every message key, taken from the Chinese source. */
export type MessageKey = keyof typeof zh;

/** Supported languages, default first. */
export const LANGS: readonly Lang[] = ['zh', 'en'];
/** The language used when none is chosen. */
export const DEFAULT_LANG: Lang = 'zh';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** Narrows untrusted input (a cookie, a query parameter) to a supported language. */
export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/** The BCP 47 tag for `<html lang>` and `lang` attributes. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** The language a switch link offers. */
export function otherLang(lang: Lang): Lang {
  return lang === 'zh' ? 'en' : 'zh';
}

/**
 * Looks up a message and fills `{name}` placeholders (see fillPlaceholders for one left without a param).
 */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return fillPlaceholders(dictionaries[lang][key] ?? dictionaries[DEFAULT_LANG][key] ?? key, params);
}

/** Official dates and times are shown in China Standard Time whatever the server's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

const locales: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const cacheKey = `${lang}:${withTime}`;
  let f = dateFormats.get(cacheKey);
  if (!f) {
    f = new Intl.DateTimeFormat(locales[lang], {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    dateFormats.set(cacheKey, f);
  }
  return f;
}

function toDate(date: Date | string | number): Date {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid date: ${String(date)}`);
  return d;
}

/** "2025年1月3日" / "3 January 2025", in Asia/Shanghai. */
export function formatDate(lang: Lang, date: Date | string | number): string {
  return formatter(lang, false).format(toDate(date));
}

/** "2025年1月3日 04:05" / "3 January 2025 at 04:05", in Asia/Shanghai. */
export function formatDateTime(lang: Lang, date: Date | string | number): string {
  return formatter(lang, true).format(toDate(date));
}
