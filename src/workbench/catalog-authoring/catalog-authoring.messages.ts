import { defineMessages } from '../../shared/i18n/index.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { FastifyRequest } from 'fastify';
import { formErrors, type MessageLookup } from '../../shared/http/forms.ts';

// The words of the catalogue's own form refusals (a new item, a decision's comment, an upload), by key. The
// services refuse with keys; the one form-error translator (shared/http/forms.ts) words them in the reader's
// language. The problems of a guide's content are not here: they come with the evaluation
// (catalog-authoring.check.ts), which names the field, the rule and the path.

const words = defineMessages({
  'catalog.id.missing': { zh: '请填写事项编号。', en: 'Enter the item id.' },
  'catalog.id.reserved': {
    zh: 'new、review、documents 是系统保留字，不能用作事项编号。',
    en: 'new, review and documents are reserved and cannot be an id.',
  },
  'catalog.id.form': {
    zh: '事项编号只能由小写字母、数字和连字符组成，例如 passport-renewal。',
    en: 'The id may use lower-case letters, digits and hyphens only, like passport-renewal.',
  },
  'catalog.id.taken': { zh: '该事项编号已被使用。', en: 'This id is already in use.' },
  'catalog.nameZh.missing': { zh: '请填写中文名称。', en: 'Enter the Chinese name.' },
  'catalog.nameEn.missing': { zh: '请填写英文名称。', en: 'Enter the English name.' },
  'catalog.area.missing': { zh: '请选择业务类别。', en: 'Choose the business area.' },
  'catalog.unit.outOfReach': {
    zh: '请选择您管辖范围内的实施主体。',
    en: 'Choose an implementing unit within your jurisdiction.',
  },
  'catalog.comment.missing': {
    zh: '请填写退回意见，说明需要修改的内容。',
    en: 'Enter a comment saying what must change.',
  },
  'catalog.comment.tooLong': {
    zh: '退回意见不能超过2000字。',
    en: 'The comment must be at most 2000 characters.',
  },
  'catalog.reason.tooLong': {
    zh: '撤回原因不能超过500字。',
    en: 'The reason must be at most 500 characters.',
  },
  'document.folder.missing': { zh: '请选择文件类别', en: 'Choose what kind of document it is' },
  'document.name.missing': { zh: '请输入文件名', en: 'Enter a file name' },
  'document.name.form': {
    zh: '文件名只能使用小写英文字母、数字和连字符（-），且以字母或数字开头',
    en: 'Use only lower-case letters, digits and hyphens, starting with a letter or digit',
  },
  'document.title.length': {
    zh: '文件标题应为2至60个字',
    en: 'The title must be 2 to 60 characters long',
  },
  'document.file.missing': { zh: '请选择要上传的 PDF 文件', en: 'Choose the PDF file to upload' },
  'document.file.tooLarge': { zh: '文件不能超过 2 MB', en: 'The file must be 2 MB or smaller' },
  'document.file.notPdf': {
    zh: '只能上传 PDF 文件，所选文件不是 PDF',
    en: 'Only PDF files can be uploaded; this file is not a PDF',
  },
  'document.file.active-content': {
    zh: '该 PDF 含有脚本、嵌入文件等活动内容，不能上传；请另存为普通 PDF 后再试',
    en: 'This PDF has active content (scripts, embedded files); save it as a plain PDF and try again',
  },
  'document.file.encrypted': {
    zh: '该 PDF 已加密，无法检查其内容，不能上传；请取消密码保护后再试',
    en: 'This PDF is encrypted, so its content cannot be checked; remove the password protection and try again',
  },
  'document.file.unreadable': {
    zh: '无法读取该 PDF（文件损坏或格式不规范），不能上传；请重新导出为 PDF 后再试',
    en: 'This PDF cannot be read (damaged or malformed); export it as a PDF again and try again',
  },
});

export type CatalogMessage = keyof typeof words.words;

/** The catalogue's words for the keys its refusals carry, for formErrors and renderFormError. */
export const catalogMessages: MessageLookup = words.lookup;

/** A form refused for its own fields (an item's id, a decision's comment, an upload), with every problem. */
export class CatalogFieldError extends AppError {
  constructor(problems: readonly { field: string; key: CatalogMessage }[]) {
    super('VALIDATION', { fields: problems.map((p) => ({ field: p.field, message: p.key })) });
  }
}

/**
 * A refusal for an API caller, its field messages worded in his language as the page would show them;
 * anything that is not a form refusal goes on unchanged.
 */
export function inReadersLanguage(request: FastifyRequest, error: unknown): unknown {
  const fields = formErrors(request, error, catalogMessages);
  return fields && error instanceof AppError ? new AppError(error.code, { fields }) : error;
}
