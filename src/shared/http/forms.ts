import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.ts';

/** The string fields of a posted form (or JSON body), trimmed of nothing: what the user typed is kept as typed. */
export function formBody(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (typeof value === 'string') out[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    }
  }
  return out;
}

/** The field errors of a validation failure, their message keys translated for the page. */
export function translatedFieldErrors(
  error: unknown,
  translate: (key: string) => string,
): FieldError[] | undefined {
  if (!(error instanceof AppError) || error.fields.length === 0) return undefined;
  return error.fields.map((f) => ({ field: f.field, message: translate(f.message) }));
}

export function errorFor(errors: FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}
