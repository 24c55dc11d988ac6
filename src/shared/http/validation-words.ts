import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { Lang } from './request-context.ts';

// A route's schema refuses bad input before its handler runs; these are the words the person reads for each
// refusal. Ajv's own messages are English and name JSON paths, so they are replaced. The schema knows a field
// only by its property name, which the person never typed or saw: the words leave the field out, a form shows
// them beside the field and its error summary puts the field's label before them (`needsLabel`), and the
// property name travels apart, as the machine's `field`.

export function fieldNameOf(error: FastifySchemaValidationError): string {
  const params = (error.params ?? {}) as Record<string, unknown>;
  const inner =
    error.keyword === 'required'
      ? String(params.missingProperty ?? '')
      : error.keyword === 'additionalProperties'
        ? String(params.additionalProperty ?? '')
        : '';
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return inner ? (path ? `${path}.${inner}` : inner) : path;
}

export function validationMessage(error: FastifySchemaValidationError, lang: Lang): string {
  const params = (error.params ?? {}) as Record<string, unknown>;
  const en = lang === 'en';
  switch (error.keyword) {
    case 'required':
      return en ? 'Fill this in' : '请填写此项';
    case 'maxLength':
      return en ? `Too long, at most ${params.limit} characters` : `过长，最多 ${params.limit} 个字符`;
    case 'minLength':
      return en ? `Too short, at least ${params.limit} characters` : `过短，至少 ${params.limit} 个字符`;
    case 'maxItems':
      return en ? `Too many entries, at most ${params.limit}` : `条目过多，最多 ${params.limit} 项`;
    case 'pattern':
    case 'format':
      return en ? 'Not in the expected form' : '格式不正确';
    case 'enum':
    case 'const':
    case 'anyOf':
      return en ? 'Not one of the allowed values' : '不是允许的选项';
    case 'type':
      return en ? 'Not the expected kind of value' : '类型不正确';
    case 'minimum':
    case 'maximum':
      return en ? 'Out of the allowed range' : '超出允许范围';
    case 'additionalProperties':
      return en ? 'Not accepted here' : '不接受此项';
    default:
      return en ? 'Not valid' : '不正确';
  }
}

/** A schema's refusals as field errors: the property name for machines, words without it for people. */
export function schemaFieldErrors(errors: readonly FastifySchemaValidationError[], lang: Lang) {
  return errors.map((error) => ({
    field: fieldNameOf(error),
    message: validationMessage(error, lang),
    needsLabel: true as const,
  }));
}
