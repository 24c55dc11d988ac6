import type { CaseDocumentKind } from '../../exchange/contracts/case.document.issued.ts';
import type { TimeUnit } from '../../shared/catalog/index.ts';

/** A calendar date as `YYYY-MM-DD` (Beijing), for deadlines and validity that have no time of day. */
export type IsoDate = `${number}-${number}-${number}`;

/** 行政复议 and 行政诉讼 texts, as a catalogue item's `reviewAndLitigation` gives them. */
export interface ReviewAndLitigation {
  review: string;
  litigation: string;
}

/** Who the document is addressed to: the applicant, and the company when one applied through its people. */
export interface DocumentAddressee {
  name: string;
  companyName?: string;
}

/** What every document carries, whatever its kind. */
export interface CaseDocumentBase {
  /** The issuing unit, printed as the issuer: `示范市公安局中心分局`. */
  unitName: string;
  /** From `documentNumber()`. */
  documentNumber: string;
  /** From `verificationCode()`. */
  verificationCode: string;
  /** The case number, e.g. `SF-ZA-20261206-000123`. */
  caseNumber: string;
  /** The catalogue item's name: `无犯罪记录证明开具`. */
  itemName: string;
  /** The item's English name, for a document drawn in English; the Chinese name is printed when absent. */
  itemNameEn?: string;
  addressee: DocumentAddressee;
  /** When the document is issued: its printed date (Beijing) and the PDF's own dates, so output is repeatable. */
  issuedAt: Date;
  /** The portal's public address, e.g. `https://ga.example.gov.cn`; the QR code leads to `<it>/verify/<code>`. */
  portalBaseUrl: string;
  /** The unit's enquiry telephone, printed at the foot when given. */
  enquiryPhone?: string;
}

/** 受理通知书 (受理回执): the application is accepted and will be decided within the legal time. */
export interface AcceptanceNoticeInput extends CaseDocumentBase {
  kind: 'acceptance-notice';
  submittedAt: Date;
  /** The decision is due within this time of acceptance, in the unit the item's promised limit uses… */
  timeLimit: { value: number; unit: TimeUnit };
  /** …that is, by this date, counted on the holiday calendar by the caller. */
  dueDate: IsoDate;
}

export interface MissingMaterial {
  material: string;
  /** What is wrong with it: missing, unclear, expired, not matching… */
  problem: string;
}

/** 补正材料告知书: every missing or faulty material at once (一次性告知), and how and by when to supplement. */
export interface SupplementNoticeInput extends CaseDocumentBase {
  kind: 'supplement-notice';
  submittedAt: Date;
  missing: readonly [MissingMaterial, ...MissingMaterial[]];
  /** Supplement by this date; when missing, the notice says the application waits for the supplement. */
  supplementBy?: IsoDate;
}

/** The reasons and legal basis of a decision. */
export interface Reasoned {
  reasons: readonly [string, ...string[]];
  legalBasis: readonly [string, ...string[]];
  /** The item's own texts; the national defaults (60 days, 6 months) are printed when absent. */
  reviewAndLitigation?: ReviewAndLitigation;
}

/** 不予受理决定书. */
export interface NonAcceptanceDecisionInput extends CaseDocumentBase, Reasoned {
  kind: 'non-acceptance-decision';
  submittedAt: Date;
}

/** 准予（行政）许可决定书: what is permitted, and until when. */
export interface ApprovalDecisionInput extends CaseDocumentBase, Reasoned {
  kind: 'approval-decision';
  submittedAt: Date;
  /** What the licence allows, one line each: `准予购买第一类易制毒化学品（非药品类）…`. */
  permitted: readonly [string, ...string[]];
  validUntil?: IsoDate;
  /** Where or how the licence is collected or delivered. */
  collection?: string;
}

/** 不予（行政）许可决定书. */
export interface RefusalDecisionInput extends CaseDocumentBase, Reasoned {
  kind: 'refusal-decision';
  submittedAt: Date;
}

/** 预审通过通知 (先批后办): the pre-application is approved; one visit, with these originals, finishes it. */
export interface PreApprovalNoticeInput extends CaseDocumentBase {
  kind: 'pre-approval-notice';
  submittedAt: Date;
  visit: {
    place: string;
    address: string;
    /** Opening hours: `工作日 9:00—17:00`. */
    hours?: string;
    /** Come by this date, after which the approval lapses. */
    by?: IsoDate;
  };
  bring: readonly [string, ...string[]];
}

/** The electronic 无犯罪记录证明: the only certificate so far. */
export interface CertificateInput extends CaseDocumentBase {
  kind: 'certificate';
  certificate: 'no-criminal-record';
  holder: {
    name: string;
    sex?: '男' | '女';
    /** As on certificates: `居民身份证` unless told otherwise. */
    idType?: string;
    idNumber: string;
  };
  /** The police records were searched up to this date (截至…). */
  checkedUntil: IsoDate;
  /** The use the applicant gave, printed when given: `就业`, `出国（境）`… */
  purpose?: string;
  /** The certificate's validity, printed and published on the verification page. */
  validUntil: IsoDate;
  /** The rule the certificate is issued under, e.g. `《公安机关办理犯罪记录查询工作规定》`. */
  basis: string;
}

/** Every document the workbench issues on a case, by kind. */
export type CaseDocumentInput =
  | AcceptanceNoticeInput
  | SupplementNoticeInput
  | NonAcceptanceDecisionInput
  | ApprovalDecisionInput
  | RefusalDecisionInput
  | PreApprovalNoticeInput
  | CertificateInput;

// Fails to compile when the contract gains a kind this module does not render, or the other way round.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const everyKindHasAnInput: Exact<CaseDocumentInput['kind'], CaseDocumentKind> = true;
