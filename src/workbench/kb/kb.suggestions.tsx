import { inLang, type PageContext } from '../../shared/ui/context.ts';

// The knowledge-base entries suggested while replying to a letter: each shows its answer and a link that opens
// the letter again with the reply form filled from it, so the officer starts from the agreed words.

export interface KbSuggestion {
  id: string;
  question: string;
  answer: string;
}

export function Suggestions(p: { ctx: PageContext; base: string; list: readonly KbSuggestion[] }) {
  const { ctx } = p;
  if (p.list.length === 0) return null;
  return (
    <section aria-labelledby="kb-suggestions">
      <h3 id="kb-suggestions">{inLang(ctx, '答复口径库建议', 'Suggested from the knowledge base')}</h3>
      <ul class="list">
        {p.list.map((s) => (
          <li>
            <details>
              <summary>{s.question}</summary>
              <p>{s.answer}</p>
            </details>
            <a href={`${p.base}?kb=${s.id}#text`}>
              {inLang(ctx, '以此口径开始答复', 'Start the reply from this entry')}
              <span class="visually-hidden">{`：${s.question}`}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
