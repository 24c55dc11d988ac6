import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { Lang } from './request-context.ts';

// A route's schema refuses bad input before its handler runs; these are the words the person reads for each
// refusal. Ajv's own messages are English and name JSON paths, so they are replaced, field by field.

export function fieldNameOf(error: FastifySchemaValidationError): string {
  const missing = error.keyword === 'required' ? String(error.params?.missingProperty ?? '') : '';
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return missing ? (path ? `${path}.${missing}` : missing) : path;
}

export function validationMessage(error: FastifySchemaValidationError, lang: Lang): string {
  const field = fieldNameOf(error) || (lang === 'en' ? 'the request' : '请求');
  const params = (error.params ?? {}) as Record<string, unknown>;
  const en = lang === 'en';
  switch (error.keyword) {
    case 'required':
      return en ? `“${field}” is required` : `请填写“${field}”`;
    case 'maxLength':
      return en
        ? `“${field}” is too long: at most ${params.limit} characters`
        : `“${field}”过长，最多 ${params.limit} 个字符`;
    case 'minLength':
      return en
        ? `“${field}” is too short: at least ${params.limit} characters`
        : `“${field}”过短，至少 ${params.limit} 个字符`;
    case 'maxItems':
      return en
        ? `“${field}” has too many entries: at most ${params.limit}`
        : `“${field}”条目过多，最多 ${params.limit} 项`;
    case 'pattern':
    case 'format':
      return en ? `“${field}” is not in the expected form` : `“${field}”格式不正确`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return en ? `“${field}” is not one of the allowed values` : `“${field}”不是允许的选项`;
    case 'type':
      return en ? `“${field}” has the wrong type` : `“${field}”类型不正确`;
    case 'minimum':
    case 'maximum':
      return en ? `“${field}” is out of range` : `“${field}”超出允许范围`;
    case 'additionalProperties':
      return en
        ? `“${String(params.additionalProperty)}” is not accepted here`
        : `不接受字段“${String(params.additionalProperty)}”`;
    default:
      return en ? `“${field}” is not valid` : `“${field}”不正确`;
  }
}
