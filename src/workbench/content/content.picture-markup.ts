import type { Lang } from '../../shared/i18n/index.ts';
import { langText } from './content.words.ts';

// Where an uploaded picture goes in the article: its line (`![alt](/media/content/…)`, which the body's markup
// turns into an <img> with that alternative text) on a line of its own, where the editor was writing. The page's
// script puts it at the cursor; without scripts the form comes back with it at the marker the editor typed, or
// at the end of the body. public/content-pictures.js does the same placement in the browser.

const PATH = /\/media\/content\/([0-9a-f]{32}\.(?:png|jpg))/g;

/** The uploaded pictures a text names (body, English body, an exhibit's picture field). */
export function imageNamesIn(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((t) => [...t.matchAll(PATH)].map((m) => m[1] ?? '')))].filter(Boolean);
}

/** What an editor types where the next picture should go when the page works without scripts. */
export const PICTURE_MARKERS = ['[[图片]]', '[[picture]]'] as const;

/**
 * The body's line for a picture. Square brackets would end the alternative text early and line breaks would
 * split the line, so they become their full-width forms and spaces: the text still reads the same.
 */
export function pictureLine(alt: string, path: string): string {
  const text = alt.replace(/\[/g, '［').replace(/\]/g, '］').replace(/\s+/g, ' ').trim();
  return `![${text}](${path})`;
}

/** Puts the line into the text at `at` (a character offset), as a paragraph of its own. */
export function insertLine(text: string, line: string, at: number): { text: string; cursor: number } {
  const cut = Math.max(0, Math.min(at, text.length));
  const before = text.slice(0, cut).replace(/[ \t]+$/, '');
  const after = text.slice(cut).replace(/^[ \t]+/, '');
  const lead = before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const tail = after === '' ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const head = before + lead + line;
  // At the end the cursor goes to the fresh line below, so what is typed next does not join the picture's line.
  return { text: head + tail + after, cursor: head.length + (after === '' ? tail.length : 0) };
}

export interface PlacedPicture {
  body: string;
  bodyEn: string;
  /** Which body got it, and where: the editor is told. */
  into: 'body' | 'bodyEn';
  at: 'marker' | 'end';
}

/** Without scripts: at the first marker in the body, else in the English body, else at the body's end. */
export function placePicture(texts: { body: string; bodyEn: string }, line: string): PlacedPicture {
  for (const into of ['body', 'bodyEn'] as const) {
    const text = texts[into];
    for (const marker of PICTURE_MARKERS) {
      const at = text.indexOf(marker);
      if (at < 0) continue;
      const placed = insertLine(text.slice(0, at) + text.slice(at + marker.length), line, at).text;
      return { ...texts, [into]: placed, into, at: 'marker' };
    }
  }
  return { ...texts, body: insertLine(texts.body, line, texts.body.length).text, into: 'body', at: 'end' };
}

/** What the flash says of a picture placed without scripts: where it went, and that nothing is saved yet. */
export function placedWords(lang: Lang, placed: PlacedPicture, uploaded: boolean): string {
  const where =
    placed.at === 'marker' ? langText(lang, '标记处', 'at the marker') : langText(lang, '末尾', 'at the end');
  const body =
    placed.into === 'body' ? langText(lang, '正文', 'body') : langText(lang, '英文正文', 'English body');
  return langText(
    lang,
    `${uploaded ? '图片已上传，并' : '图片已'}插入${body}${where}。保存草稿后才会保存。`,
    `${uploaded ? 'The picture was uploaded and' : 'The picture was'} put in the ${body} ${where}. Save the draft to keep it.`,
  );
}
