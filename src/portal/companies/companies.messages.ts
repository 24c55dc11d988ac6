import type { MessageLookup } from '../../shared/http/forms.ts';
import { defineMessagesByLanguage } from '../../shared/i18n/index.ts';
import type { Lang } from '../../shared/http/request-context.ts';
import type { CompanyRefusal } from './companies.tables.ts';

const zh = {
  mobileRequired: '请输入手机号码',
  mobileInvalid: '请输入正确的11位手机号码，如 13800000000',
  creditCodeRequired: '请输入统一社会信用代码',
  creditFormat: '统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）',
  creditChecksum: '统一社会信用代码校验位不正确，请核对',
  companyNameRequired: '请输入单位全称（不超过100个字）',
  realNameRequired: '请先完成实名认证：只有通过实名认证的法定代表人本人可以登记单位',
  claimPending: '您已提交过该单位的登记，正在核验中，请稍候查看结果',
  alreadyHeld: '该单位已由其法定代表人登记。如需代表该单位办事，请联系法定代表人邀请您为经办人',
  representativeCannotLeave: '法定代表人不能退出本单位',
  notAMember: '该人员不是本单位的经办人',
  invitationSent: '如果该号码已注册账号，对方登录后会看到邀请，接受后即可代表本单位办事。',
  invitationAccepted: '您已接受邀请，现在可以代表该单位办事。',
  invitationDeclined: '您已拒绝邀请。',
  memberLeft: '您已退出该单位。',
  memberRemoved: '已移除该经办人。',
  claimSubmitted: '已提交登记，正在与市场监管登记信息核验，通常几秒内完成。',
} as const;

const en: Record<keyof typeof zh, string> = {
  mobileRequired: 'Enter a mobile number',
  mobileInvalid: 'Enter a valid 11-digit mainland mobile number, like 13800000000',
  creditCodeRequired: 'Enter the unified social credit code',
  creditFormat: 'The credit code has 18 digits or capital letters (no I, O, S, V or Z)',
  creditChecksum: 'The check character of the credit code is wrong; please check it',
  companyNameRequired: 'Enter the full company name (up to 100 characters)',
  realNameRequired:
    'Complete the real-name check first: only the verified legal representative can register a company',
  claimPending: 'You already submitted this company; it is being checked, look again shortly',
  alreadyHeld:
    'This company is already registered by its legal representative; ask them to invite you as an agent',
  representativeCannotLeave: 'The legal representative cannot leave the company',
  notAMember: 'This person is not an agent of the company',
  invitationSent:
    'If this number has an account, an invitation is waiting for them; once they accept, they can act for the company.',
  invitationAccepted: 'You accepted the invitation and can now act for the company.',
  invitationDeclined: 'You declined the invitation.',
  memberLeft: 'You left the company.',
  memberRemoved: 'The agent was removed.',
  claimSubmitted:
    'Submitted; it is being checked against the market-regulation register, which usually takes a few seconds.',
};

export type CompanyMessage = keyof typeof zh;

const messages = defineMessagesByLanguage(zh, en);

export const companyMessage = messages.text;

/** The feature's words for the message keys its services put in field errors, for the form-error translator. */
export const companyWords: MessageLookup = messages.lookup;

const refusals: Record<CompanyRefusal, { zh: string; en: string }> = {
  'not-found': {
    zh: '市场监管登记中没有这个统一社会信用代码。请对照营业执照核对代码后重新提交。',
    en: 'The market-regulation register has no company with this credit code. Check it against the business licence and submit again.',
  },
  'not-operating': {
    zh: '该单位在市场监管登记中已注销或被吊销营业执照，不能登记。',
    en: 'The register shows this company as deregistered or its licence revoked, so it cannot be registered.',
  },
  'name-mismatch': {
    zh: '单位名称与市场监管登记不一致。请按营业执照上的全称填写后重新提交。',
    en: 'The company name differs from the register. Enter the full name exactly as on the business licence and submit again.',
  },
  'representative-mismatch': {
    zh: '您不是该单位登记的法定代表人。只有法定代表人本人可以登记单位；其他人请由法定代表人邀请为经办人。',
    en: 'You are not the registered legal representative of this company. Only the representative can register it; anyone else needs their invitation as an agent.',
  },
  'already-held': {
    zh: '该单位已由其法定代表人登记。如需代表该单位办事，请联系法定代表人邀请您为经办人。',
    en: 'This company is already registered by its legal representative; ask them to invite you as an agent.',
  },
  'identity-changed': {
    zh: '核验期间您的实名信息发生了变化，请在实名认证通过后重新提交。',
    en: 'Your verified identity changed while the check was under way; submit again once your real-name check has passed.',
  },
  unverified: {
    zh: '该单位是在登记核验启用之前登记的，未经核验。如您是其法定代表人，请重新提交登记。',
    en: 'This company was registered before claims were checked. If you are its legal representative, register it again.',
  },
};

export function refusalText(lang: Lang, refusal: CompanyRefusal | null): string {
  const text = refusals[refusal ?? 'not-found'];
  return lang === 'en' ? text.en : text.zh;
}
