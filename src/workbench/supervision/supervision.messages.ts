import { defineMessages } from '../../shared/i18n/index.ts';
import type { FastifyRequest } from 'fastify';
import type { Label } from '../../shared/catalog/index.ts';
import { AppError, type ErrorCode } from '../../shared/http/errors.ts';
import { formErrors, type MessageLookup } from '../../shared/http/forms.ts';

// The words of supervision's refusals, by key, in both languages.

const words = defineMessages({
  'urging.none': {
    zh: '请至少选择一件要催办的案件。',
    en: 'Choose at least one case to urge.',
  },
  'urging.tooMany': {
    zh: '一次最多催办 500 件，请缩小范围。',
    en: 'At most 500 cases can be urged at once; narrow the list.',
  },
  'urging.message.missing': {
    zh: '请填写催办事由，被催办单位将看到这段说明。',
    en: 'Enter what the urging is about; the unit urged will read it.',
  },
  'urging.replyDays': {
    zh: '答复时限须为 1 至 10 个工作日。',
    en: 'The reply time must be 1 to 10 working days.',
  },
  'urging.closed': {
    zh: '所选案件中有已办结的案件，不能催办。',
    en: 'A chosen case is already closed and cannot be urged.',
  },
  'urging.reason.missing': {
    zh: '请说明未按时办理的原因。',
    en: 'Give the reason the work is late.',
  },
  'urging.promisedOn.invalid': {
    zh: '请填写承诺办结日期（年-月-日），不得早于今天。',
    en: 'Enter the promised completion date (YYYY-MM-DD), today or later.',
  },
  'urging.answered': {
    zh: '该催办单已答复，不能再次答复。',
    en: 'This urging has been answered already.',
  },
  'urging.ownNotice': {
    zh: '催办人不能答复自己发出的催办单。',
    en: 'Whoever sent an urging cannot answer it.',
  },
});

export type SupervisionMessage = keyof typeof words.words;

export const supervisionMessages: MessageLookup = words.lookup;

export class SupervisionRefusal extends AppError {
  constructor(code: ErrorCode, field: string, key: SupervisionMessage) {
    super(code, { fields: [{ field, message: key }] });
  }

  static many(problems: readonly { field: string; key: SupervisionMessage }[]): AppError {
    return new AppError('VALIDATION', { fields: problems.map((p) => ({ field: p.field, message: p.key })) });
  }
}

export function inReadersLanguage(request: FastifyRequest, error: unknown): unknown {
  const fields = formErrors(request, error, supervisionMessages);
  return fields && error instanceof AppError ? new AppError(error.code, { fields }) : error;
}

export const urgingStateLabels: Record<string, Label> = {
  'awaiting-answer': { zh: '待答复', en: 'Awaiting answer' },
  escalated: { zh: '已升级', en: 'Escalated' },
  answered: { zh: '已答复', en: 'Answered' },
};
