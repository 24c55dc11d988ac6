import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';

// The everyday words of the service search (catalog/search-vocabulary.json): what people type, and the words
// the catalogue uses for it. Read once at start; a malformed file stops the portal from starting, like a
// malformed item does.

const Word = Type.String({ minLength: 1, maxLength: 20 });
const Entry = Type.Object(
  {
    say: Type.Array(Word, { minItems: 1 }),
    means: Type.Array(Word, { minItems: 1 }),
  },
  { additionalProperties: false },
);
const VocabularyFile = Type.Object(
  { $comment: Type.Optional(Type.String()), entries: Type.Array(Entry) },
  { additionalProperties: false },
);
export type VocabularyEntry = Static<typeof Entry>;

// A word is one search term: Latin letters and digits, or ideographs, as the query side cuts them.
const LATIN = /^[a-z0-9]+$/;
const TERM = /^(?:[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]+)$/;

export const defaultVocabularyPath = fileURLToPath(
  new URL('../../../catalog/search-vocabulary.json', import.meta.url),
);

export function loadVocabulary(path = defaultVocabularyPath): VocabularyEntry[] {
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Value.Check(VocabularyFile, data)) {
    const [first] = Value.Errors(VocabularyFile, data);
    throw new Error(`${path}: ${first?.instancePath ?? ''} ${first?.message ?? 'is not a vocabulary'}`);
  }
  for (const entry of data.entries) {
    for (const word of [...entry.say, ...entry.means]) {
      if (!TERM.test(word))
        throw new Error(`${path}: "${word}" is not one lower-case word or run of ideographs`);
    }
  }
  return data.entries;
}

/**
 * The catalogue words a query term stands for: a Chinese term containing an everyday word (搬家了 contains 搬家),
 * a Latin term equal to one (fines, not "finest").
 */
export function meaningsOf(term: string, vocabulary: readonly VocabularyEntry[]): string[] {
  const out = new Set<string>();
  const latin = LATIN.test(term);
  for (const entry of vocabulary) {
    const said = entry.say.some((word) => (latin ? word === term : !LATIN.test(word) && term.includes(word)));
    if (said) for (const word of entry.means) if (word !== term) out.add(word);
  }
  return [...out];
}
