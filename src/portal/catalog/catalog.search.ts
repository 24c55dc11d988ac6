import type { ServiceItem } from '../../shared/catalog/index.ts';
import { loadVocabulary, meaningsOf, type VocabularyEntry } from './catalog.vocabulary.ts';

// The query side of the Chinese search. The index side is the SQL function public.zh_search_tsv (migration
// catalog-search); both must cut text the same way: lower-case Latin letters and digits as whole words, and
// every run of CJK ideographs as its single characters and its overlapping pairs. Most Chinese words have two
// characters, so a pair is the smallest unit that still means something, and no segmenter is needed.

/** Longer than any item name; a pasted paragraph is refused with a message rather than searched. */
export const MAX_QUERY_CHARS = 50;
const MAX_TERMS = 8;
const TOKEN = /[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]+/g;
const CJK = /^[\u3400-\u9fff\uf900-\ufaff]/;
const WORD_CHAR = /^[a-z0-9]$/;
/** Sections of `search_text`; the SQL function gives them weights A, B and C in this order. */
export const SECTION_SEPARATOR = '\u001f';

// Everyday questions wrap the words that matter in phrases every item would match ("怎么办" is in many FAQs).
// Longest first, so "怎么办理" goes before "怎么".
const FILLERS = [
  '需要什么材料',
  '需要哪些材料',
  '怎么办理',
  '如何办理',
  '在哪里办',
  '在哪里',
  '在哪儿',
  '怎么办',
  '怎么',
  '如何',
  '我要',
  '我想',
  '请问',
  '哪里',
];

export type QueryProblem = 'empty' | 'too-long';

export interface ParsedQuery {
  /** The query as typed, trimmed: shown back to the user. */
  text: string;
  /** The words that were searched for, fillers removed. */
  terms: string[];
  /** Every term must match (each CJK term as all of its pairs). */
  all: string;
  /** Any pair or word may match: the fallback when nothing matches every term. */
  any: string;
  /** The query without spaces or fillers, compared with keywords and names for an exact-match bonus. */
  compact: string;
  /** The catalogue words the everyday words of the query stand for (搬家 → 迁户口…), also given the bonus. */
  meanings: string[];
}

/** Folds full-width letters and compatibility ideographs, so "ＩＤ" and "ID" search alike. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function pairs(run: string): string[] {
  if (run.length === 1) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return [...new Set(out)];
}

// Latin words match whole words, so "id" never finds "Resident"; a plural finds its singular and back.
function latinForms(word: string): string[] {
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return [word, word.slice(0, -1)];
  return /^[a-z]+$/.test(word) && word.length > 2 ? [word, `${word}s`] : [word];
}

// Lexemes contain only letters, digits and ideographs, so quoting them cannot break out of the tsquery.
function lexemes(term: string): string[] {
  return CJK.test(term) ? pairs(term).map((p) => `'${p}'`) : latinForms(term).map((w) => `'${w}'`);
}

// A term must match as a whole: all its pairs, or any one of its Latin forms.
function group(term: string): string {
  return CJK.test(term) ? `(${lexemes(term).join(' & ')})` : `(${lexemes(term).join(' | ')})`;
}

let sharedVocabulary: VocabularyEntry[] | undefined;
const vocabulary = () => (sharedVocabulary ??= loadVocabulary());

export function parseQuery(
  raw: unknown,
  words: readonly VocabularyEntry[] = vocabulary(),
): ParsedQuery | QueryProblem {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text.length > MAX_QUERY_CHARS) return 'too-long';
  let folded = normalise(text);
  for (const filler of FILLERS) folded = folded.replaceAll(filler, ' ');
  const terms = [...new Set(folded.match(TOKEN) ?? [])].slice(0, MAX_TERMS);
  if (terms.length === 0) return 'empty';
  const meaningsByTerm = terms.map((term) => meaningsOf(term, words));
  // A term with everyday meanings matches as itself or as any of them: 搬家 finds the items that say 迁户口.
  const all = terms
    .map((term, i) => {
      const alternatives = [term, ...(meaningsByTerm[i] ?? [])].map(group);
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
  const meanings = [...new Set(meaningsByTerm.flat())];
  const any = [...new Set([...terms, ...meanings].flatMap(lexemes))].join(' | ');
  return { text, terms, all, any, compact: terms.join(''), meanings };
}

/** The text a search can find an item by, in the three weighted sections the SQL function expects. */
export function buildSearchText(item: ServiceItem): string {
  const section = (parts: string[]) =>
    normalise(parts.join(' '))
      // A stray separator or control character in item text must not shift text into another section.
      .replace(/[\u0000-\u001f]/g, ' ');
  return [
    section([item.name.zh, item.name.en, ...item.keywords]),
    section([item.summary.zh, item.summary.en]),
    // The English siblings sit beside the Chinese, so an English query finds a material or an FAQ answer too.
    section([
      ...item.situations.flatMap((s) => [
        s.name,
        s.nameEn ?? '',
        ...s.materials.flatMap((m) => [m.name, m.nameEn ?? '']),
      ]),
      ...item.faq.flatMap((f) => [f.q, f.qEn ?? '', f.a, f.aEn ?? '']),
      item.result.name ?? '',
      item.result.nameEn ?? '',
    ]),
  ].join(SECTION_SEPARATOR);
}

/** A piece of displayed text, marked when it matched the query. Rendered as escaped text, never as HTML. */
export interface Segment {
  text: string;
  match: boolean;
}

/** What to look for in displayed text: each term, and the pairs of longer CJK terms ("身份证丢了" → 身份, 份证…). */
export function needlesOf(query: ParsedQuery): string[] {
  const out = new Set<string>();
  for (const term of [...query.terms, ...query.meanings]) {
    if (!CJK.test(term)) for (const form of latinForms(term)) out.add(form);
    out.add(term);
    if (CJK.test(term) && term.length > 2) for (const p of pairs(term)) out.add(p);
  }
  return [...out];
}

function hits(text: string, needles: readonly string[]): boolean[] {
  // Only ASCII is folded, so positions in the folded copy are positions in the original.
  const folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const marked = new Array<boolean>(text.length).fill(false);
  for (const needle of needles) {
    if (!needle) continue;
    const latin = !CJK.test(needle);
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
      // A Latin needle marks whole words only, as the search matched them: not the "id" in "Resident".
      if (
        latin &&
        (WORD_CHAR.test(folded[at - 1] ?? '') || WORD_CHAR.test(folded[at + needle.length] ?? ''))
      ) {
        continue;
      }
      marked.fill(true, at, at + needle.length);
    }
  }
  return marked;
}

function toSegments(text: string, marked: readonly boolean[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < text.length;) {
    const match = marked[i] ?? false;
    let j = i + 1;
    while (j < text.length && (marked[j] ?? false) === match) j++;
    out.push({ text: text.slice(i, j), match });
    i = j;
  }
  return out;
}

export function highlight(text: string, needles: readonly string[]): Segment[] {
  return toSegments(text, hits(text, needles));
}

/**
 * A short excerpt of the first text that contains a match, cut around the first match, so a result shows why it
 * was found even when the match is in a material or an FAQ answer.
 */
export function snippet(texts: readonly string[], needles: readonly string[], width = 70): Segment[] {
  for (const text of texts) {
    const marked = hits(text, needles);
    const first = marked.indexOf(true);
    if (first === -1) continue;
    const start = text.length <= width ? 0 : Math.max(0, Math.min(first - 12, text.length - width));
    const end = Math.min(text.length, start + width);
    const segments = toSegments(text.slice(start, end), marked.slice(start, end));
    if (start > 0) segments.unshift({ text: '…', match: false });
    if (end < text.length) segments.push({ text: '…', match: false });
    return segments;
  }
  const text = texts[0] ?? '';
  return [{ text: text.length > width ? text.slice(0, width) + '…' : text, match: false }];
}

/** Where a result's excerpt may come from, most telling first. */
export function snippetSources(item: ServiceItem, lang: 'zh' | 'en'): string[] {
  if (lang === 'en')
    return [
      item.summary.en,
      ...item.situations.flatMap((s) => s.materials.map((m) => m.nameEn ?? m.name)),
      ...item.faq.flatMap((f) => [f.qEn ?? f.q, f.aEn ?? f.a]),
      item.summary.zh,
      item.keywords.join('、'),
    ];
  return [
    item.summary.zh,
    item.summary.en,
    item.keywords.join('、'),
    ...item.situations.flatMap((s) => s.materials.map((m) => m.name)),
    ...item.faq.flatMap((f) => [f.q, f.a]),
  ];
}
