import type { MessageLookup } from '../../shared/http/forms.ts';
import { defineMessagesByLanguage } from '../../shared/i18n/index.ts';

// The words of the online application pages, in both languages. Field errors from a service carry one of
// these keys; the form questions' own refusals come from the shared form messages.

const zh = {
  startButton: '在线办理',
  startTitle: '在线申请',
  youWillNeed: '您需要准备',
  nothingToUpload: '本事项无需上传材料。',
  checkedByPolice: '以下材料由公安机关通过数据共享核验，您无需提供',
  fullyOnline: '本事项全程网办：从申请到取得结果都在网上完成，无需到现场。',
  preApplication: '本事项为网上预审：审核通过后，您只需携带原件到窗口一次，即可领取结果（先批后办）。',
  timeLimit: '承诺办理时限',
  signInFirst: '请先登录，再开始申请。',
  signIn: '登录后开始',
  realNameNeeded:
    '在线申请需要先完成实名认证。请在“我的账户”中填写姓名和身份证件号码，通过实名认证后再来申请。',
  realNameLink: '去完成实名认证',
  chooseCompany: '以哪个单位的名义申请',
  companyRequired: '请选择以哪个单位的名义申请',
  noCompany:
    '本事项由单位申请。您还没有可以代表的单位：单位的法定代表人可以在“我的账户”中登记单位，再邀请您为经办人。',
  registerCompany: '登记单位',
  representative: '法定代表人',
  agent: '经办人',
  companyDraft: '有未提交的申请草稿，选择后接着填写',
  companyInFlight: '已有申请正在办理中',
  startNow: '开始申请',
  continueDraft: '您有一份尚未提交的申请草稿，可以接着填写。',
  continueLink: '继续填写',
  inFlight: '您已经提交过本事项的申请，正在办理中，不能重复申请。',
  inFlightLink: '查看办件进度',
  progress: '第 {n} 步，共 {m} 步',
  continue: '保存并继续',
  checkTitle: '提交前请核对您的申请',
  checkIntro: '请检查以下信息。如需修改，请点“修改”。',
  declarationNow: '提交申请',
  submitWarning: '提交后将进入审核，不能再修改申请内容。',
  incomplete: '申请尚未填写完整，请先完成这一页',
  submittedTitle: '申请已提交',
  whatNext: '接下来',
  whatNextFullyOnline: '公安机关将在承诺时限内审核并在网上反馈结果。办理进展会以短信和站内消息通知您。',
  whatNextPre: '公安机关将先在网上预审。预审通过后会通知您携带原件到窗口一次领取结果。',
  myCases: '在“我的办件”中查看进度',
  receipt: '下载申请回执（PDF）',
  uploaded: '已上传的文件',
  remove: '删除',
  removed: '文件已删除。',
  uploadHint: '可上传 {types} 格式，每个文件不超过 {size}。重新显示页面时需要重新选择未保存的文件。',
  uploadUnsafe: '{label}的文件含有脚本或无法检查的内容（如加密的PDF），请另存为普通PDF或图片后重新上传',
  alreadySubmitted: '该申请已经提交。',
  submitKeyMissing: '页面已过期，请刷新后重新提交',
  companyRoleLost: '您已不能代表该单位办事，不能继续这份申请',
  addAnother: '再添加一项',
  receiptTitle: '网上申请回执',
  receiptNote: '本回执仅证明申请已在网上提交，不代表已受理。受理后可在“我的办件”下载受理回执。',
} as const;

export type ApplicationMessage = keyof typeof zh;

const en: Record<ApplicationMessage, string> = {
  startButton: 'Apply online',
  startTitle: 'Apply online',
  youWillNeed: 'What you will need',
  nothingToUpload: 'You do not need to upload anything for this service.',
  checkedByPolice: 'The police check these themselves through shared records; you do not provide them',
  fullyOnline: 'This service is handled fully online, from application to result: you do not need to visit.',
  preApplication:
    'This is a pre-application: once it is approved, you come to a service window once, with the originals, to collect the result.',
  timeLimit: 'Time limit we promise',
  signInFirst: 'Sign in before you start your application.',
  signIn: 'Sign in to start',
  realNameNeeded:
    'You need to pass the real-name check before applying online. Enter your name and ID number on your account page; apply once the check has passed.',
  realNameLink: 'Complete the real-name check',
  chooseCompany: 'Which company are you applying for?',
  companyRequired: 'Select the company you are applying for',
  noCompany:
    'A company applies for this service. You do not act for any company yet: its legal representative registers it on the account page and then invites you as an agent.',
  registerCompany: 'Register a company',
  representative: 'Legal representative',
  agent: 'Agent',
  companyDraft: 'an application not yet sent: choose it to carry on',
  companyInFlight: 'an application is being handled',
  startNow: 'Start now',
  continueDraft:
    'You have an application for this service that you have not submitted. You can carry on with it.',
  continueLink: 'Continue your application',
  inFlight: 'You have already applied for this service and it is being handled: you cannot apply again yet.',
  inFlightLink: 'See its progress',
  progress: 'Step {n} of {m}',
  continue: 'Save and continue',
  checkTitle: 'Check your answers before sending your application',
  checkIntro: 'Check what you have told us. Use Change to correct anything.',
  declarationNow: 'Send application',
  submitWarning: 'Once sent, your application is reviewed and can no longer be changed.',
  incomplete: 'Your application is not complete: finish this page first',
  submittedTitle: 'Application sent',
  whatNext: 'What happens next',
  whatNextFullyOnline:
    'The police review your application within the time limit and send the result online. We text you and leave a message in your account at every step.',
  whatNextPre:
    'The police review your application online first. Once it is approved, we tell you to bring the originals to a service window once to collect the result.',
  myCases: 'Follow it in My cases',
  receipt: 'Download the submission receipt (PDF)',
  uploaded: 'Files uploaded',
  remove: 'Remove',
  removed: 'The file has been removed.',
  uploadHint:
    'Upload {types} files, each smaller than {size}. If the page comes back with an error, choose any file not yet listed again.',
  uploadUnsafe:
    'The file for {label} holds scripts or content that cannot be checked (such as an encrypted PDF); save it as a plain PDF or a picture and upload it again',
  alreadySubmitted: 'This application has already been sent.',
  submitKeyMissing: 'The page has expired; reload it and send again',
  companyRoleLost: 'You no longer act for this company and cannot carry on with this application',
  addAnother: 'Add another',
  receiptTitle: 'Online application receipt',
  receiptNote:
    'This receipt shows only that the application was sent online, not that it has been accepted. Once accepted, the acceptance receipt is in My cases.',
};

const messages = defineMessagesByLanguage(zh, en);

export const applicationWords = messages.text;

export const applicationMessages: MessageLookup = messages.lookup;
