import { findColumn, type Column } from '../../shared/content/content.columns.ts';
import { isSiteImage, renderMarkup } from '../../shared/content/content.markup.ts';
import { checkPublication, type Hit } from '../../shared/content/publication-check.ts';
import { AppError } from '../../shared/http/errors.ts';

// What an article as typed must satisfy before it may go to review: its column's required fields, dates that
// are dates, a body the markup accepts, and the publication check. Saving never depends on any of this (a
// draft keeps what was typed); submitting and publishing do.

export const LIMITS = {
  title: 120,
  summary: 300,
  body: 50_000,
  titleEn: 200,
  summaryEn: 600,
  field: 200,
  reason: 500,
  comment: 2000,
};

export interface ArticleInput {
  title: string;
  summary: string;
  body: string;
  /** The English version, all empty when there is none; a title and a body make one. */
  titleEn: string;
  summaryEn: string;
  bodyEn: string;
  /** The column's own fields, by name. */
  fields: Record<string, string>;
  /** When the article comes off on its own, as typed (YYYY-MM-DDTHH:MM, Beijing time), or empty. */
  withdrawAt: string;
}

export interface Problem {
  field: string;
  message: { zh: string; en: string };
}

export interface Evaluation {
  problems: Problem[];
  hits: Hit[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A Beijing wall-clock time as typed in a datetime-local field; undefined for anything else. */
export function parseBeijingTime(value: string): Date | undefined {
  if (!LOCAL.test(value)) return undefined;
  const at = new Date(`${value}:00+08:00`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export function toBeijingLocal(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

function realDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The moment an article of an expiring column leaves: the start of the day after its expiry, Beijing time. */
export function withdrawTimeOf(column: Column, input: ArticleInput): Date | undefined {
  const typed = parseBeijingTime(input.withdrawAt);
  if (typed) return typed;
  const expires = input.fields.expiresOn ?? '';
  if (!column.expires || !realDate(expires)) return undefined;
  return new Date(new Date(`${expires}T00:00:00+08:00`).getTime() + 86_400_000);
}

export function evaluateArticle(columnSlug: string, input: ArticleInput, today: string): Evaluation {
  const problems: Problem[] = [];
  const column = findColumn(columnSlug);
  if (!column) throw new AppError('NOT_FOUND');
  const need = (field: string, zh: string, en: string) => problems.push({ field, message: { zh, en } });
  if (!input.title.trim()) need('title', '请填写标题。', 'Enter a title.');
  if ([...input.title].length > LIMITS.title)
    need('title', `标题不超过${LIMITS.title}个字。`, `Keep the title to ${LIMITS.title} characters.`);
  if ([...input.summary].length > LIMITS.summary)
    need('summary', `摘要不超过${LIMITS.summary}个字。`, `Keep the summary to ${LIMITS.summary} characters.`);
  if (!input.body.trim()) need('body', '请填写正文。', 'Enter the body.');
  for (const f of column.fields) {
    const value = (input.fields[f.name] ?? '').trim();
    if ((f.required || (f.requiredWithEnglish && hasEnglish(input))) && !value)
      need(f.name, `请填写“${f.label.zh}”。`, `Enter "${f.label.en}".`);
    else if (value && f.type === 'date' && !realDate(value))
      need(
        f.name,
        `“${f.label.zh}”须是日期，如 2026-12-31。`,
        `"${f.label.en}" must be a date like 2026-12-31.`,
      );
    else if (value && f.type === 'choice' && !f.options?.some((o) => o.value === value))
      need(f.name, `请从列表中选择“${f.label.zh}”。`, `Choose "${f.label.en}" from the list.`);
    else if (value && f.type === 'image' && !isSiteImage(value))
      need(
        f.name,
        `“${f.label.zh}”须是本站图片路径（以 / 开头，.png、.jpg、.webp 或 .svg 结尾），可先上传图片。`,
        `"${f.label.en}" must be a picture on this site (a path starting with / ending in .png, .jpg, .webp or .svg); upload one first.`,
      );
  }
  if (input.withdrawAt && !parseBeijingTime(input.withdrawAt))
    need('withdrawAt', '下线时间须是日期和时间。', 'The take-down time must be a date and time.');
  for (const p of renderMarkup(input.body).problems) problems.push({ field: 'body', message: p.message });
  englishProblems(input).forEach((p) => problems.push(p));
  // The check reads the English as closely as the Chinese: an ID number or a phone is one in any language.
  const parts: Record<string, string> = {
    title: input.title,
    summary: input.summary,
    body: input.body,
    ...(hasEnglish(input)
      ? { titleEn: input.titleEn, summaryEn: input.summaryEn, bodyEn: input.bodyEn }
      : {}),
  };
  for (const f of column.fields) if (input.fields[f.name]) parts[f.name] = input.fields[f.name] ?? '';
  return { problems, hits: checkPublication(parts, today) };
}

/** Whether the editor wrote any English: then the title and the body are both needed. */
export function hasEnglish(input: Pick<ArticleInput, 'titleEn' | 'summaryEn' | 'bodyEn'>): boolean {
  return Boolean(input.titleEn.trim() || input.summaryEn.trim() || input.bodyEn.trim());
}

function englishProblems(input: ArticleInput): Problem[] {
  if (!hasEnglish(input)) return [];
  const problems: Problem[] = [];
  const need = (field: string, zh: string, en: string) => problems.push({ field, message: { zh, en } });
  if (!input.titleEn.trim())
    need('titleEn', '有英文内容时请填写英文标题。', 'Enter the English title, or leave all English empty.');
  if ([...input.titleEn].length > LIMITS.titleEn)
    need(
      'titleEn',
      `英文标题不超过${LIMITS.titleEn}个字符。`,
      `Keep the English title to ${LIMITS.titleEn} characters.`,
    );
  if ([...input.summaryEn].length > LIMITS.summaryEn)
    need(
      'summaryEn',
      `英文摘要不超过${LIMITS.summaryEn}个字符。`,
      `Keep the English summary to ${LIMITS.summaryEn} characters.`,
    );
  if (!input.bodyEn.trim())
    need('bodyEn', '有英文内容时请填写英文正文。', 'Enter the English body, or leave all English empty.');
  for (const p of renderMarkup(input.bodyEn).problems) problems.push({ field: 'bodyEn', message: p.message });
  return problems;
}

/** A submission or a publication refused; carries the whole evaluation for the page. */
export class ContentCheckError extends AppError {
  constructor(readonly evaluation: Evaluation) {
    super('VALIDATION', {
      fields: [
        ...evaluation.problems.map((p) => ({ field: p.field, message: p.message.zh })),
        ...evaluation.hits.map((h) => ({ field: h.field, message: h.explanation.zh })),
      ],
    });
  }
}
