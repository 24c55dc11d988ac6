import type { FieldError } from '../../shared/http/errors.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { listUnits } from '../org/org.repository.ts';
import type { CurrentStaff } from '../session.ts';
import type { ArticleInput, Evaluation } from './content.check.ts';
import { mayEditContent } from './content.policy.ts';
import { postedFields } from './content.schema.ts';
import { langText } from './content.words.ts';

// What the article form posts, read into an article; the check's findings as the form's field errors; and the
// units the form offers.

export function inputFrom(body: Record<string, unknown>): ArticleInput {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    title: s('title'),
    summary: s('summary'),
    body: s('body'),
    titleEn: s('titleEn'),
    summaryEn: s('summaryEn'),
    bodyEn: s('bodyEn'),
    withdrawAt: s('withdrawAt'),
    fields: postedFields(body),
  };
}

export const errorsOf = (lang: Lang, e: Evaluation): FieldError[] => [
  ...e.problems.map((p) => ({ field: p.field, message: p.message[lang] })),
  ...e.hits.map((h) => ({
    field: h.field,
    message: langText(
      lang,
      `发布检查（第${h.line}行）：${h.explanation.zh}`,
      `Publication check (line ${h.line}): ${h.explanation.en}`,
    ),
  })),
];

/** The units an officer may write articles for, in tree order: the choices of the article form. */
export async function editableUnits(services: ZoneServices, me: CurrentStaff) {
  const all = await listUnits(services.db);
  return all
    .filter((u) => mayEditContent(me, u.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ code, name, path }) => ({ code, name, path }));
}
