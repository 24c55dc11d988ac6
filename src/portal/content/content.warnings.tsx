import type { PageContext } from '../../shared/ui/context.ts';
import { inLang } from '../../shared/ui/context.ts';
import { shownText } from './content.pages.tsx';
import type { ArticleSummary } from './content.service.ts';

/**
 * The safety warnings in force, for the home page: one line each, linking to the warning. Renders nothing when
 * none is current, so the home page is unchanged on a quiet day. On English pages a warning with an English
 * version shows it; one without is marked as Chinese, for the reader and for screen readers.
 */
export function SafetyWarnings({ ctx, items }: { ctx: PageContext; items: readonly ArticleSummary[] }) {
  if (items.length === 0) return null;
  return (
    <section class="safety-warnings" aria-labelledby="safety-warnings-title">
      <h2 id="safety-warnings-title">{inLang(ctx, '防范提示', 'Safety warnings')}</h2>
      <ul>
        {items.map((a) => {
          const shown = shownText(ctx, a);
          return (
            <li>
              <a href={`/articles/${a.id}`} lang={shown.lang}>
                {shown.title}
              </a>
              {shown.chineseOnly ? <span class="hint"> (in Chinese)</span> : null}
            </li>
          );
        })}
      </ul>
      <p>
        <a href="/news/safety-warnings">{inLang(ctx, '全部防范提示', 'All safety warnings')}</a>
      </p>
    </section>
  );
}
