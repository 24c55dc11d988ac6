import { defineMessages } from '../../shared/i18n/index.ts';
import type { MessageLookup } from '../../shared/http/forms.ts';

// The words for the field-error keys of the quarantine decision form.

const messages = defineMessages({
  'exchange.reason.length': {
    zh: '请填写处理理由（4至500字）',
    en: 'Give a reason of 4 to 500 characters',
  },
  'exchange.action.required': { zh: '请选择放行或丢弃', en: 'Choose release or discard' },
});

export const exchangeWords: MessageLookup = messages.lookup;
