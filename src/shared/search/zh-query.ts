// The query side of the Chinese search both zones use for short texts (the reply knowledge base and the
// portal's instant answers). The index side is the SQL function public.zh_search_tsv (portal migration
// catalog-search, workbench migration kb): lower-case Latin letters and digits as whole words, every run of CJK
// ideographs as its single characters and its overlapping pairs, so no segmenter is needed and PGlite and
// PostgreSQL cut text alike.

/** Sections of a search text; the SQL function gives them weights A, B and C in this order. */
export const SECTION_SEPARATOR = '\u001f';
const TOKEN = /[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]+/g;
const CJK = /^[\u3400-\u9fff\uf900-\ufaff]/;
const MAX_TERMS = 12;
const MAX_PAIRS = 40;

// Words every question has ("请问…怎么办理？"): matching on them would rank every entry alike.
const FILLERS = [
  '请问',
  '怎么办理',
  '如何办理',
  '怎么办',
  '怎么',
  '如何',
  '什么',
  '哪些',
  '需要',
  '可以',
  '我想',
  '我要',
  '您好',
  '你好',
  '谢谢',
];

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function pairs(run: string): string[] {
  if (run.length === 1) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/**
 * The lexemes of a question as people write it (fillers dropped): its Latin words, and the pairs of each run of
 * ideographs (a lone ideograph as itself), at most MAX_PAIRS. Lexemes contain only letters, digits and
 * ideographs, so quoting them cannot break out of a tsquery.
 */
export function searchLexemes(raw: string): string[] {
  let folded = normalise(raw.slice(0, 2000));
  for (const filler of FILLERS) folded = folded.replaceAll(filler, ' ');
  const terms = [...new Set(folded.match(TOKEN) ?? [])].slice(0, MAX_TERMS);
  const lexemes = new Set<string>();
  for (const term of terms) {
    if (CJK.test(term)) for (const p of pairs(term)) lexemes.add(p);
    else lexemes.add(term);
  }
  return [...lexemes].slice(0, MAX_PAIRS);
}

/** A tsquery of lexemes joined by `|` (any of) or `&` (all of); undefined for none. */
export function lexemeQuery(lexemes: readonly string[], join: '|' | '&' = '|'): string | undefined {
  return lexemes.length ? lexemes.map((l) => `'${l}'`).join(` ${join} `) : undefined;
}

/** The text an entry is found by: question and keywords (A), the answer (B). */
export function searchTextOf(question: string, keywords: readonly string[], answer: string): string {
  const clean = (s: string) => normalise(s).replace(/[\u0000-\u001f]/g, ' ');
  return [clean([question, ...keywords].join(' ')), clean(answer)].join(SECTION_SEPARATOR);
}
