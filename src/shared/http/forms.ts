import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorMessage, isErrorCode, type FieldError } from './errors.ts';
import type { Lang } from './request-context.ts';
import { schemaFieldErrors } from './validation-words.ts';

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

/** A feature's own words for the message keys its services put in field errors. */
export type MessageLookup = (lang: Lang, key: string) => string | undefined;

/**
 * The one form-error translator. A service refuses a form with an AppError whose field messages are keys: of
 * the error catalogue, or of the feature's messages. A route schema refuses it with Ajv errors, worded here.
 * Anything else is not a form error (undefined), and the caller lets it go on to the error page.
 */
export function formErrors(
  request: FastifyRequest,
  error: unknown,
  messages?: MessageLookup,
): FieldError[] | undefined {
  if (error instanceof AppError) {
    if (error.fields.length === 0) return undefined;
    return error.fields.map((f) => ({
      ...f,
      message: isErrorCode(f.message)
        ? errorMessage(f.message, request.lang)
        : (messages?.(request.lang, f.message) ?? f.message),
    }));
  }
  const { validation, validationContext } = (error ?? {}) as Partial<FastifyError>;
  // A refused path parameter names no record: that is a 404, never a form to show again.
  if (!validation?.length || validationContext === 'params') return undefined;
  return schemaFieldErrors(validation, request.lang);
}

/**
 * Re-renders a refused form with what was typed and every problem, with the refusal's status (422, or 429 when
 * throttled); anything that is not a form error is rethrown to the error page.
 */
export async function renderFormError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  render: (errors: FieldError[]) => string | Promise<string>,
  messages?: MessageLookup,
): Promise<FastifyReply> {
  const errors = formErrors(request, error, messages);
  if (!errors) throw error;
  return reply.html(await render(errors), error instanceof AppError ? error.status : 422);
}

export function errorFor(errors: FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message;
}
