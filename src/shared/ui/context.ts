import { createContext, useContext } from 'hono/jsx';
import { DEFAULT_LANG, type Lang } from '../i18n/index.ts';
import type { NavItem } from './layout.tsx';
import type { MapTiles } from '../map/tiles.ts';

/** Everything the layout needs to know about the request it renders for. */
export interface PageContext {
  zone: 'portal' | 'workbench';
  lang: Lang;
  /** 长辈版 large-text mode. */
  elder: boolean;
  /** Current path + query, for the language/elder switches' `next`. */
  path: string;
  /** Set when the page has forms; required whenever `user` is set (the logout form posts). */
  csrfToken?: string;
  user?: { displayName: string; kind: 'citizen' | 'company' | 'staff' };
  /** For a signed-in page: how long the session has left without activity, for the timeout warning. */
  sessionRemainingMs?: number;
  /** A public demo (`OPENPSB_DEMO=1`): every page says so, so nobody takes it for the real service. */
  demo?: boolean;
  /** An outside tile service to draw under the maps (MAP_TILE_URL, WORKBENCH_MAP_TILE_URL); the drawn map alone when unset. */
  mapTiles?: MapTiles;
  /** The zone's sections this person may open; the portal's columns, or none in the workbench, when unset. */
  nav?: NavItem[];
}

/**
 * The page language, provided by `Layout`. Components with built-in wording read
 * it so callers need not thread `lang` through every field; an explicit `lang`
 * prop still wins (useful when rendering a fragment outside a layout).
 */
export const LangContext = createContext<Lang>(DEFAULT_LANG);

/** Resolves a component's language: its own prop, else the enclosing layout's. */
export function useLang(explicit?: Lang): Lang {
  return explicit ?? useContext(LangContext);
}

/** Picks the page's wording: Chinese, or English when the visitor chose it. */
export function inLang(ctx: { lang: Lang }, zh: string, en: string): string {
  return ctx.lang === 'en' ? en : zh;
}
