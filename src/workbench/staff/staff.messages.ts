import type { MessageLookup } from '../../shared/http/forms.ts';
import { defineMessagesByLanguage } from '../../shared/i18n/index.ts';

const zh = {
  badgeRequired: '请输入警号',
  badgeInvalid: '警号为3至20位字母或数字',
  badgeTaken: '该警号已有账号',
  passwordRequired: '请输入密码',
  passwordShort: '密码至少12位',
  passwordCommon: '这是最常被使用和泄露的密码之一，很容易被猜中，请换一个',
  passwordPersonal: '密码不能包含本人的警号或手机号码',
  passwordGuessable:
    '密码由常见词语、日期、键盘上相邻的键或重复字符组成，容易被猜中；可以用几个不相关的词加数字组成较长的密码',
  codeRequired: '请输入6位动态口令',
  codeInvalid: '动态口令不正确或已使用过，请等待验证器显示新的口令后重试',
  nameRequired: '请输入姓名（2至30个字）',
  unitRequired: '请选择所在单位',
  unitOutside: '只能选择您管辖范围内的单位',
  mobileInvalid: '请输入正确的11位手机号码，或留空',
  roleRequired: '请选择角色',
  scopeRequired: '请选择管辖范围',
  grantOutside: '不能授予超出您本人管辖范围的权限',
  assignmentExists: '该人员已有相同的角色和范围',
  notOwnAccount: '不能修改自己账号的角色或状态，请联系其他管理员',
} as const;

const en: Record<keyof typeof zh, string> = {
  badgeRequired: 'Enter the badge number',
  badgeInvalid: 'A badge number has 3 to 20 letters or digits',
  badgeTaken: 'An account with this badge number already exists',
  passwordRequired: 'Enter the password',
  passwordShort: 'The password must be at least 12 characters',
  passwordCommon: 'This is one of the most used and leaked passwords and is easily guessed; choose another',
  passwordPersonal: "The password must not contain the officer's badge number or mobile number",
  passwordGuessable:
    'The password is made of common words, dates, keyboard runs or repeats and is easily guessed; try a longer one of several unrelated words and digits',
  codeRequired: 'Enter the 6-digit code',
  codeInvalid: 'The code is wrong or was already used; wait for a new code and try again',
  nameRequired: 'Enter the name (2 to 30 characters)',
  unitRequired: 'Choose the unit',
  unitOutside: 'Choose a unit within your jurisdiction',
  mobileInvalid: 'Enter a valid 11-digit mobile number, or leave it empty',
  roleRequired: 'Choose a role',
  scopeRequired: 'Choose the jurisdiction',
  grantOutside: 'You cannot grant more jurisdiction than you hold yourself',
  assignmentExists: 'The officer already has this role and jurisdiction',
  notOwnAccount: 'You cannot change your own roles or status; ask another administrator',
};

export type StaffMessage = keyof typeof zh;

const messages = defineMessagesByLanguage(zh, en);

export const staffMessage = messages.text;
export const isStaffMessage = messages.has;

/** For the form-error translator: the staff pages' field messages, by key. */
export const staffWords: MessageLookup = messages.lookup;
