import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.ts';
import type { Lang } from './request-context.ts';

/** What a route accepts beyond the defaults, declared in its `config.input`. */
export interface InputLimits {
  /** Fields whose text may span lines (tab, newline and carriage return allowed); `true` for every body field. */
  multiline?: true | readonly string[];
  /** The longest accepted text of a field, in characters, for the few fields longer than the default. */
  maxLength?: Readonly<Record<string, number>>;
  /**
   * Query fields that name where to go next. `safeNext` replaces a hostile target with a safe one, so a link
   * with one still signs the person in (or switches the language) instead of being refused.
   */
  redirectTargets?: readonly string[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    input?: InputLimits;
  }
}

/** No form field of the platform needs more; longer ones say so in their route's `config.input.maxLength`. */
export const DEFAULT_MAX_LENGTH = 2000;
const MAX_REPORTED = 20;

// NUL breaks the database's text type (and used to turn into a 500 that logged the whole row); the other
// controls have no place in typed text and hide content in logs and pages. Tab, newline and carriage return
// are allowed in multi-line fields only.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAKING = /[\t\n\r]/;
// Bidirectional embeddings, overrides and isolates make a name or an address read differently from what it is.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

type Problem = 'control' | 'bidi' | 'tooLong';

// The words leave the field out: a form shows them beside the field, with its label in the error summary.
const words: Record<Problem, Record<Lang, (max: number) => string>> = {
  control: {
    zh: () => '含有不允许的控制字符（如空字符、制表符或换行），请删除后重试',
    en: () => 'Contains a control character (such as NUL, a tab or a line break); remove it',
  },
  bidi: {
    zh: () => '含有不允许的文字方向控制符，请删除后重试',
    en: () => 'Contains a text-direction control character; remove it',
  },
  tooLong: {
    zh: (max) => `过长，最多 ${max} 个字符`,
    en: (max) => `Too long, at most ${max} characters`,
  },
};

function problemOf(text: string, multiline: boolean, max: number): Problem | undefined {
  // Counting code points is needed only near the limit; a string of `max` UTF-16 units is within it anyway.
  if (text.length > max && [...text].length > max) return 'tooLong';
  if (CONTROL.test(text) || (!multiline && LINE_BREAKING.test(text))) return 'control';
  if (BIDI.test(text)) return 'bidi';
  return undefined;
}

/** A field name as the answer may carry it: a hostile key must not smuggle its own control characters in. */
function printable(path: string): string {
  return JSON.stringify(path).slice(1, -1).slice(0, 100);
}

interface Part {
  value: unknown;
  /** Line breaks are allowed in this part for these top-level fields. */
  multiline: (field: string) => boolean;
  /** Top-level fields another check takes care of. */
  skipped?: readonly string[];
}

/**
 * Every text of the request: query, path parameters and body (form or JSON, nested too, keys included), each
 * with its dotted path. Iterative, so a deeply nested JSON body cannot exhaust the stack.
 */
function findProblems(parts: Part[], limits: InputLimits): { path: string; problem: Problem; max: number }[] {
  const found: { path: string; problem: Problem; max: number }[] = [];
  for (const part of parts) {
    const pending: { value: unknown; path: string }[] = [{ value: part.value, path: '' }];
    while (pending.length > 0 && found.length < MAX_REPORTED) {
      const { value, path } = pending.pop()!;
      const field = path.split('.')[0] ?? '';
      if (part.skipped?.includes(field)) continue;
      if (typeof value === 'string') {
        const max = limits.maxLength?.[field] ?? DEFAULT_MAX_LENGTH;
        const problem = problemOf(value, part.multiline(field), max);
        if (problem) found.push({ path: path || 'body', problem, max });
      } else if (Array.isArray(value)) {
        for (let index = value.length - 1; index >= 0; index--)
          pending.push({ value: value[index], path: path ? `${path}.${index}` : String(index) });
      } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
        for (const [key, inner] of Object.entries(value).reverse()) {
          const keyProblem = problemOf(key, false, 200);
          const innerPath = path ? `${path}.${key}` : key;
          if (keyProblem) found.push({ path: innerPath, problem: keyProblem, max: 200 });
          else pending.push({ value: inner, path: innerPath });
        }
      }
    }
  }
  return found;
}

/**
 * The refusal of a request whose text the platform will not take: each field and what is wrong with it; or,
 * for a path parameter, not found, since no record is named by such text (and the answer must not differ from
 * that for a missing record).
 */
export function inputProblems(request: FastifyRequest): AppError | undefined {
  const limits = request.routeOptions.config.input ?? {};
  const multiline = limits.multiline;
  const bodyMultiline = (field: string) =>
    multiline === true || (multiline !== undefined && multiline.includes(field));
  const never = () => false;
  if (findProblems([{ value: request.params, multiline: never }], limits).length > 0)
    return new AppError('NOT_FOUND', { detail: 'path parameter refused at the edge' });
  const found = findProblems(
    [
      { value: request.query, multiline: never, skipped: limits.redirectTargets },
      { value: request.body, multiline: bodyMultiline },
    ],
    limits,
  );
  if (found.length === 0) return undefined;
  const fields: FieldError[] = found.map(({ path, problem, max }) => ({
    field: printable(path),
    message: words[problem][request.lang](max),
    needsLabel: true,
  }));
  return new AppError('VALIDATION', { fields, detail: 'input refused at the edge' });
}

/**
 * Refuses, with 422 and the field given (404 in a path parameter), any text that holds control characters or
 * bidirectional overrides, or is longer than its limit, in every route of the zone, before validation, CSRF or
 * the route sees it.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const refusal = inputProblems(request);
    if (refusal) throw refusal;
  });
}
