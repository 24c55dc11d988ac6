import { defineMessages } from '../../shared/i18n/index.ts';

const delivery = defineMessages({
  title: { zh: '领取方式', en: 'How you receive the result' },
  intro: {
    zh: '办理结果可以到办事大厅领取，也可以由快递寄送到您填写的地址（运费由办理单位承担）。',
    en: 'You can collect the result at the service hall, or have it sent by courier to the address you give (the unit pays the postage).',
  },
  method: { zh: '领取方式', en: 'How' },
  hall: { zh: '到办事大厅领取', en: 'Collect it at the service hall' },
  courier: { zh: '快递寄送', en: 'Send it by courier' },
  recipientName: { zh: '收件人', en: 'Recipient' },
  recipientPhone: { zh: '收件人手机号', en: 'Recipient’s mobile number' },
  address: { zh: '收件地址', en: 'Delivery address' },
  addressHint: {
    zh: '已填入您在个人资料中保存的地址，可以修改。',
    en: 'Filled in from the address in your profile; you may change it.',
  },
  save: { zh: '保存领取方式', en: 'Save' },
  saved: { zh: '领取方式已保存。', en: 'Saved how you receive the result.' },
  change: { zh: '修改', en: 'Change' },
  locked: {
    zh: '结果已交快递寄出，领取方式不能再修改。',
    en: 'The result has been handed to the courier; this can no longer be changed.',
  },
  methodRequired: { zh: '请选择领取方式', en: 'Choose how you receive the result' },
  nameInvalid: { zh: '请填写收件人姓名（2至30个字）', en: 'Enter the recipient’s name (2 to 30 characters)' },
  phoneInvalid: {
    zh: '请填写11位手机号或带区号的固定电话',
    en: 'Enter an 11-digit mobile number or a landline with its area code',
  },
  addressInvalid: {
    zh: '请填写详细收件地址（5至200个字）',
    en: 'Enter the full delivery address (5 to 200 characters)',
  },
  progress: { zh: '寄送进度', en: 'Delivery' },
  waybill: { zh: '运单号', en: 'Waybill' },
  notChosen: { zh: '未选择（默认到大厅领取）', en: 'Not chosen (collected at the hall)' },
});

export type DeliveryMessage = keyof typeof delivery.words;

export const deliveryWord = delivery.text;

/** For the form-error translator. */
export const deliveryMessages = delivery.lookup;
