// Case documents the workbench issues: numbers and codes, the PDFs, and what the verification page may show.
export { chineseDate } from './chinese-date.ts';
export { englishDate } from './english-date.ts';
export { englishKinds, hasEnglishVersion, type EnglishKind } from './content.en.ts';
export { documentNumber, maskName, verificationCode, VERIFICATION_CODE } from './codes.ts';
export type * from './document.types.ts';
export { findCjkFont, NoCjkFont, type CjkFont } from '../../shared/pdf/cjk-font.ts';
export {
  holderMasked,
  issueCaseDocument,
  validUntilAfter,
  validUntilOf,
  CERTIFICATE_VALID_MONTHS,
  type IssuedCaseDocument,
  type VerificationEntry,
} from './issue.ts';
export { renderCaseDocument, verificationUrl, type RenderOptions } from './render.ts';
