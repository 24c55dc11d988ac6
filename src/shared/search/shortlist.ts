import { lexemeQuery } from './zh-query.ts';

// How a question is looked up among the entries in use, in both zones: the workbench's reply knowledge base and
// the portal's instant answers. Pairs such as 办理 or 身份证 stand in most entries, so matching any pair and
// ranking every match costs seconds at 100,000 entries and ranks by the commonplace. Each zone keeps how many
// entries hold each lexeme (kb_term_docs, published_answer_terms), and a search:
// - weighs each lexeme by its rarity (idf), so the entry sharing the question's one rare word comes before
//   those sharing only its commonplace ones;
// - takes its candidates from shortlists that are cheap and selective: first the entries holding any of the
//   rarest lexemes, as many as fit a budget of postings; then, while too few are found, the entries
//   holding all of the commoner ones (always read), then, while too few are found, fewer of them, dropping the
//   commonest as it goes. Each shortlist is read with a LIMIT,
//   so no question ranks more than SHORTLIST_BUDGET entries per shortlist.

/** Postings one shortlist may read, and the candidates one shortlist may rank. */
export const SHORTLIST_BUDGET = 1000;
/** A match in the question or keywords (A) counts whole, one in the answer (B) as ts_rank weighs them. */
export const ANSWER_WEIGHT = 0.4;

export interface WeightedTerm {
  term: string;
  /** Versions in use holding it. */
  docs: number;
  idf: number;
}

export interface SearchPlan {
  /** Every lexeme of the question that some version holds, rarest first: what candidates are ranked by. */
  terms: WeightedTerm[];
  /** tsqueries to take candidates from, in order, until enough are found. */
  shortlists: string[];
  /**
   * How many of the first shortlists are read whatever the first found: the rare lexemes' and all the commoner
   * ones together. A rare pair may be a stray one (查进 of 检查进度 in 怎么查进度), and the entries holding
   * every commonplace word of the question must still compete.
   */
  always: number;
}

/**
 * The plan for a question's lexemes, given how many versions hold each (`docs`) and how many are in use
 * (`total`). Undefined when no version holds any of them: nothing can match.
 */
export function planSearch(
  lexemes: readonly string[],
  docs: ReadonlyMap<string, number>,
  total: number,
  budget = SHORTLIST_BUDGET,
): SearchPlan | undefined {
  const terms = lexemes
    .map((term) => ({ term, docs: docs.get(term) ?? 0 }))
    .filter((t) => t.docs > 0)
    .sort((a, b) => a.docs - b.docs || (a.term < b.term ? -1 : 1))
    // BM25's idf: a lexeme most versions hold weighs next to nothing, even in a small knowledge base.
    .map((t) => ({ ...t, idf: Math.log(1 + (Math.max(total, t.docs) - t.docs + 0.5) / (t.docs + 0.5)) }));
  if (terms.length === 0) return undefined;
  let postings = 0;
  let rare = 0;
  while (rare < terms.length && postings + terms[rare]!.docs <= budget) postings += terms[rare++]!.docs;
  const shortlists: string[] = [];
  if (rare > 0) shortlists.push(lexemeQuery(terms.slice(0, rare).map((t) => t.term))!);
  // The commoner lexemes all together, then fewer: each time the commonest half goes, down to the rarest one.
  const common = terms.slice(rare).map((t) => t.term);
  for (let k = common.length; k > 0; k = Math.min(k - 1, Math.ceil(k / 2)))
    shortlists.push(lexemeQuery(common.slice(0, k), '&')!);
  return { terms, shortlists, always: Math.min(shortlists.length, rare > 0 ? 2 : 1) };
}
