import type { LetterKind, LetterTopic } from '../../exchange/contracts/index.ts';

// Each kind of letter and its short form, as data: which questions it asks and what may become of the reply.
// The route and the page read this table; a new kind is a new row here (and in the contract's list).

type Words = { zh: string; en: string };

export interface LetterKindSpec {
  kind: LetterKind;
  title: Words;
  summary: Words;
  /** What the main text box asks for. */
  bodyLabel: Words;
  /** Asks where it happened (an address, or coordinates typed as text). */
  asksPlace: boolean;
  /** Takes up to five photos (JPEG or PNG, metadata removed). */
  takesPhotos: boolean;
  /** Asks which police unit or officer the letter is about (complaints and tips against the police). */
  asksConcernedUnit: boolean;
  /** The writer may let the reply be published; never for tips, which may name people and places. */
  publishable: boolean;
  /** Only tips may be sent without signing in, with a follow-up code instead of an account. */
  anonymous: boolean;
  /** The topic offered first. */
  defaultTopic: LetterTopic;
}

const w = (zh: string, en: string): Words => ({ zh, en });

export const letterKindSpecs: readonly LetterKindSpec[] = [
  {
    kind: 'director',
    title: w('局长信箱', 'Write to the director'),
    summary: w(
      '向公安局局长反映意见、问题和建议。',
      'Raise a concern, a problem or an idea with the director.',
    ),
    bodyLabel: w('您想对局长说什么', 'What you want to tell the director'),
    asksPlace: false,
    takesPhotos: false,
    asksConcernedUnit: false,
    publishable: true,
    anonymous: false,
    defaultTopic: 'other',
  },
  {
    kind: 'consultation',
    title: w('咨询', 'Ask a question'),
    summary: w('询问办事流程、政策规定等。', 'Ask how to get something done or what the rules say.'),
    bodyLabel: w('您的问题', 'Your question'),
    asksPlace: false,
    takesPhotos: false,
    asksConcernedUnit: false,
    publishable: true,
    anonymous: false,
    defaultTopic: 'household',
  },
  {
    kind: 'complaint',
    title: w('投诉', 'Make a complaint'),
    summary: w(
      '对民警执法、服务态度或办事效率不满意。',
      'Complain about how officers enforced the law, treated you or handled your matter.',
    ),
    bodyLabel: w('发生了什么', 'What happened'),
    asksPlace: true,
    takesPhotos: true,
    asksConcernedUnit: true,
    publishable: true,
    anonymous: false,
    defaultTopic: 'police-conduct',
  },
  {
    kind: 'suggestion',
    title: w('建议', 'Make a suggestion'),
    summary: w('对公安工作提出改进建议。', 'Suggest how the police could do better.'),
    bodyLabel: w('您的建议', 'Your suggestion'),
    asksPlace: false,
    takesPhotos: false,
    asksConcernedUnit: false,
    publishable: true,
    anonymous: false,
    defaultTopic: 'other',
  },
  {
    kind: 'praise',
    title: w('表扬', 'Thank the police'),
    summary: w('表扬为您提供帮助的民警或单位。', 'Thank an officer or a unit who helped you.'),
    bodyLabel: w('您想表扬谁、为什么', 'Whom you want to thank, and why'),
    asksPlace: false,
    takesPhotos: false,
    asksConcernedUnit: true,
    publishable: true,
    anonymous: false,
    defaultTopic: 'other',
  },
  {
    kind: 'help',
    title: w('求助', 'Ask for help'),
    summary: w(
      '遇到非紧急的困难需要民警帮助（紧急情况请拨打110）。',
      'Ask for help with a problem that is not an emergency (in an emergency call 110).',
    ),
    bodyLabel: w('您需要什么帮助', 'What help you need'),
    asksPlace: true,
    takesPhotos: true,
    asksConcernedUnit: false,
    publishable: false,
    anonymous: false,
    defaultTopic: 'public-order',
  },
  {
    kind: 'tip',
    title: w('举报', 'Report a crime or hazard'),
    summary: w(
      '举报违法犯罪线索、网络违法犯罪、火灾隐患等，可以匿名。',
      'Report a crime, online crime or a fire hazard; you may stay anonymous.',
    ),
    bodyLabel: w('您要举报什么', 'What you are reporting'),
    asksPlace: true,
    takesPhotos: true,
    asksConcernedUnit: true,
    publishable: false,
    anonymous: true,
    defaultTopic: 'public-order',
  },
];

const byKind = new Map(letterKindSpecs.map((s) => [s.kind, s]));

export function findKindSpec(kind: string): LetterKindSpec | undefined {
  return byKind.get(kind as LetterKind);
}

export const topicWords: Record<LetterTopic, Words> = {
  household: w('户籍、身份证', 'Household registration and ID cards'),
  'exit-entry': w('出入境', 'Exit and entry'),
  traffic: w('交通管理', 'Traffic'),
  'public-order': w('治安管理', 'Public order'),
  cyber: w('网络安全、网络违法犯罪', 'Online crime and cyber security'),
  fire: w('消防、火灾隐患', 'Fire hazards'),
  narcotics: w('禁毒', 'Drugs'),
  'police-conduct': w('民警执法和作风', 'How officers behave'),
  other: w('其他', 'Something else'),
};

/**
 * Catalogue items whose guide is really a report to the police: their "在线办理" opens the tip form on the
 * item's topic rather than an application. Keyed by catalogue item id.
 */
export const reportItemForms: Readonly<Record<string, string>> = {
  'fire-hazard-report': '/interaction/tip?topic=fire',
  'cyber-crime-report': '/interaction/tip?topic=cyber',
};
