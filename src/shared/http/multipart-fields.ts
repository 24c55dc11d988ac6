import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { AppError } from './errors.ts';
import { inputProblems } from './input-guard.ts';
import { schemaFieldErrors } from './validation-words.ts';

/**
 * The text fields of a multipart form are read by the handler, after the input guard and the route's
 * validation have seen an empty body: this holds them to both, with the same refusals (control characters,
 * direction overrides and lengths as the route's `config.input` says; then the schema). The fields become the
 * request's body, so a route's `config.formPage` shows the form again with what was typed.
 */
export function checkMultipartFields(
  request: FastifyRequest,
  fields: Record<string, string>,
  schema: TSchema,
): void {
  request.body = fields;
  const refusal = inputProblems(request);
  if (refusal) throw refusal;
  const validate = request.compileValidationSchema(schema, 'body');
  if (validate(fields)) return;
  throw new AppError('VALIDATION', {
    detail: 'multipart fields refused',
    fields: schemaFieldErrors(validate.errors ?? [], request.lang),
  });
}
