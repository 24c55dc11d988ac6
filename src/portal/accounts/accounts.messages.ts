import type { MessageLookup } from '../../shared/http/forms.ts';
import { defineMessagesByLanguage } from '../../shared/i18n/index.ts';

const zh = {
  mobileRequired: '请输入手机号码',
  mobileInvalid: '请输入正确的11位手机号码，如 13800000000',
  codeRequired: '请输入短信验证码',
  codeInvalid: '验证码不正确或已过期，请重新获取',
  passwordRequired: '请输入密码',
  passwordShort: '密码至少10位',
  passwordCommon: '这是最常被使用和泄露的密码之一，很容易被猜中，请换一个',
  passwordPersonal: '密码不能包含您的手机号码',
  passwordGuessable:
    '密码由常见词语、日期、键盘上相邻的键或重复字符组成，容易被猜中；可以用几个不相关的词加数字组成较长的密码',
  passwordMismatch: '两次输入的密码不一致',
  displayNameRequired: '请输入昵称或称呼',
  displayNameLong: '称呼不超过20个字',
  realNameInvalid: '请输入与身份证件一致的姓名（2至30个字）',
  idRequired: '请输入身份证件号码',
  idFormat: '身份证件号码应为18位（最后一位可以是X）',
  idChecksum: '身份证件号码校验位不正确，请核对',
  idRegion: '身份证件号码前两位的地区代码不正确',
  idBirthdate: '身份证件号码中的出生日期不正确',
  idTaken: '该身份证件号码已在其他账号完成实名认证，一个号码只能认证一个账号',
  emailInvalid: '请输入正确的电子邮箱地址',
} as const;

const en: Record<keyof typeof zh, string> = {
  mobileRequired: 'Enter your mobile number',
  mobileInvalid: 'Enter a valid 11-digit mainland mobile number, like 13800000000',
  codeRequired: 'Enter the code sent by SMS',
  codeInvalid: 'The code is wrong or has expired; request a new one',
  passwordRequired: 'Enter a password',
  passwordShort: 'The password must be at least 10 characters',
  passwordCommon: 'This is one of the most used and leaked passwords and is easily guessed; choose another',
  passwordPersonal: 'The password must not contain your mobile number',
  passwordGuessable:
    'The password is made of common words, dates, keyboard runs or repeats and is easily guessed; try a longer one of several unrelated words and digits',
  passwordMismatch: 'The two passwords do not match',
  displayNameRequired: 'Enter a display name',
  displayNameLong: 'The display name must be 20 characters or fewer',
  realNameInvalid: 'Enter your name as on your ID document (2 to 30 characters)',
  idRequired: 'Enter your ID number',
  idFormat: 'The ID number must have 18 characters (the last may be X)',
  idChecksum: 'The check digit of the ID number is wrong; please check it',
  idRegion: 'The region code at the start of the ID number is not valid',
  idBirthdate: 'The date of birth in the ID number is not valid',
  idTaken:
    'Another account has already been verified with this ID number; a number can verify only one account',
  emailInvalid: 'Enter a valid e-mail address',
};

export type AccountMessage = keyof typeof zh;

const messages = defineMessagesByLanguage(zh, en);

export const accountMessage = messages.text;

/** The feature's words for the message keys its services put in field errors, for the form-error translator. */
export const accountWords: MessageLookup = messages.lookup;
