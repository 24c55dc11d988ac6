import { defineMessages } from '../../shared/i18n/index.ts';
import type { MessageLookup } from '../../shared/http/forms.ts';

// The words for the field-error keys of the key form.

const messages = defineMessages({
  'open311.label': {
    zh: '请填写使用该密钥的客户端或单位名称（不超过100字）',
    en: 'Name the client or organisation that will use the key (up to 100 characters)',
  },
});

export const open311KeyWords: MessageLookup = messages.lookup;
