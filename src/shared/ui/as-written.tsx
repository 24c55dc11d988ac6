import type { Child } from 'hono/jsx';
import type { Lang } from '../i18n/index.ts';

// Text shown as someone wrote it (a person's name, a question from the public, a unit's name, what was searched
// for) is in whatever language it was written in. On an English page, Chinese text is marked as Chinese so a
// screen reader switches voice (WCAG 3.1.2) and the page does not claim Chinese words are English.

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;

export const isChinese = (text: string): boolean => HAN.test(text);

/** `text` in a span marked `lang="zh-CN"` when the page is English and the text is Chinese; else as it is. */
export function AsWritten({ lang, text, children }: { lang: Lang; text: string; children?: Child }) {
  const shown = children ?? text;
  return lang === 'en' && isChinese(text) ? <span lang="zh-CN">{shown}</span> : <>{shown}</>;
}

/** The `lang` attribute an element holding `text` needs on a page in `lang`, for elements that are not spans. */
export function langOf(lang: Lang, text: string): 'zh-CN' | undefined {
  return lang === 'en' && isChinese(text) ? 'zh-CN' : undefined;
}

// A run of Chinese with what sits inside it (spaces, digits, punctuation, book-title marks), so
// "Passport Law (《中华人民共和国护照法》)" marks 《中华人民共和国护照法》 as one piece.
const CHINESE_RUN =
  /[《「“]?[\u3400-\u9fff\uf900-\ufaff]+(?:[\s\d\p{P}]*[\u3400-\u9fff\uf900-\ufaff]+)*[》」”]?/gu;

/**
 * English text that quotes Chinese (a law or form cited by its Chinese name beside its English one): on an
 * English page each Chinese run is marked as Chinese; on a Chinese page the text is shown as it is.
 */
export function WithChineseMarked({ lang, text }: { lang: Lang; text: string }) {
  if (lang !== 'en' || !isChinese(text)) return <>{text}</>;
  const pieces: Child[] = [];
  let last = 0;
  for (const match of text.matchAll(CHINESE_RUN)) {
    const at = match.index ?? 0;
    if (at > last) pieces.push(text.slice(last, at));
    pieces.push(<span lang="zh-CN">{match[0]}</span>);
    last = at + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return <>{pieces}</>;
}
