import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Label } from '../../shared/catalog/index.ts';

// The editor's nested parts are one JSON text. JSON.parse reads it (strict JSON, as it is stored); when it
// refuses, jsonc-parser, held to the same strictness (no comments, no trailing commas, no empty text), finds
// where: JSON.parse names a position for some errors only, and an editor with 200 lines of JSON needs the line.

export interface JsonErrorLocation {
  line: number;
  column: number;
  /** The text from the error on, up to the end of its line (at most 12 characters). */
  near: string;
  /** jsonc-parser's name of what went wrong, e.g. CommaExpected. */
  kind: ReturnType<typeof printParseErrorCode>;
  offset: number;
}

const STRICT = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false };

/** The first syntax error of a text as strict JSON, or undefined when it is valid JSON. */
export function jsonErrorAt(text: string): JsonErrorLocation | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, STRICT);
  const first = errors[0];
  if (!first) return undefined;
  const before = text.slice(0, first.offset);
  return {
    line: before.split('\n').length,
    column: first.offset - before.lastIndexOf('\n'),
    near: text.slice(first.offset, first.offset + 12).split(/\r?\n/)[0] ?? '',
    kind: printParseErrorCode(first.error),
    offset: first.offset,
  };
}

const COMMON: Label = {
  zh: '常见原因：缺少逗号、多余的逗号、引号不配对',
  en: 'look for a missing or extra comma or an unmatched quote',
};

/** What most likely went wrong, in the editor's words; the common causes when the error says little. */
function reasonOf(text: string, at: JsonErrorLocation): Label {
  const closing = text[at.offset] === '}' || text[at.offset] === ']';
  const afterComma = text.slice(0, at.offset).trimEnd().endsWith(',');
  if (closing && afterComma)
    return {
      zh: '右括号前有多余的逗号，JSON 不允许末尾逗号',
      en: 'remove the comma before the closing bracket: JSON allows no trailing comma',
    };
  switch (at.kind) {
    case 'InvalidCommentToken':
      return { zh: 'JSON 中不能写注释', en: 'JSON allows no comments: remove it' };
    case 'CommaExpected':
      return { zh: '此处缺少逗号', en: 'a comma is missing here' };
    case 'ColonExpected':
      return { zh: '名称后缺少冒号', en: 'a colon is missing after the name' };
    case 'UnexpectedEndOfString':
      return { zh: '引号不配对', en: 'a quote is not closed' };
    case 'InvalidCharacter':
      return {
        zh: '引号内有换行、制表符等控制字符，请写作 \\n、\\t',
        en: 'a line break or tab inside quotes must be written as \\n or \\t',
      };
    default:
      return COMMON;
  }
}

/**
 * Reads the nested parts: the value, or the words that say where and why it cannot be read. Comments and
 * trailing commas are errors, because what is stored and sent on is strict JSON.
 */
export function readNestedJson(text: string): { value: unknown } | { problem: Label } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    const at = jsonErrorAt(text);
    if (!at) return { problem: { zh: 'JSON 格式有误，无法读取。', en: 'The JSON cannot be read.' } };
    const reason = reasonOf(text, at);
    const near = at.near ? `“${at.near}”处` : '';
    return {
      problem: {
        zh: `JSON 格式有误，第${at.line}行第${at.column}列${near}无法读取（${reason.zh}）。`,
        en: `The JSON cannot be read at line ${at.line}, column ${at.column}${at.near ? ` ("${at.near}")` : ''}: ${reason.en}.`,
      },
    };
  }
}
