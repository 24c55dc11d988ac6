import type { CaseDocumentInput } from './document.types.ts';
import type { Block, DocumentContent } from './content.ts';
import { englishDate } from './english-date.ts';

// The English versions of case documents, for an applicant who reads English. Only the acceptance notice
// (受理回执) has one so far; it states the same facts as the Chinese notice and says that the Chinese notice is
// the legal text. Names the platform keeps only in Chinese (the unit, a company, the document number's series)
// stay in Chinese inside the English sentences, as on the English payment receipt and booking confirmation.

/** The kinds that can be drawn in English. */
export const englishKinds = ['acceptance-notice'] as const satisfies readonly CaseDocumentInput['kind'][];
export type EnglishKind = (typeof englishKinds)[number];

export function hasEnglishVersion(kind: CaseDocumentInput['kind']): kind is EnglishKind {
  return (englishKinds as readonly string[]).includes(kind);
}

export const LEGAL_TEXT_NOTE =
  'This is an English rendering for reference; the Chinese notice (受理通知书) is the legal text.';

const p = (text: string): Block => ({ type: 'paragraph', text });

export function englishContent(input: CaseDocumentInput): DocumentContent {
  if (input.kind !== 'acceptance-notice')
    throw new RangeError(`the ${input.kind} has no English version; issue it in Chinese`);
  const { name, companyName } = input.addressee;
  const company = Boolean(companyName);
  const item = input.itemNameEn?.trim() || input.itemName;
  const limit = `${input.timeLimit.value} ${input.timeLimit.unit === 'working-days' ? 'working days' : 'days'}`;
  return {
    title: 'Notice of Acceptance',
    addressee: companyName ? `To ${companyName} (attn. ${name}):` : `To ${name}:`,
    body: [
      p(
        `${company ? 'The application your company' : 'The application you'} submitted on ${englishDate(input.submittedAt)} for "${item}" (case number ${input.caseNumber}) has been examined. The application materials are complete and in the form the law requires, and this authority has decided to accept the application.`,
      ),
      p(
        `This authority will decide on the application within ${limit} of acceptance (by ${englishDate(input.dueDate)}). You can follow its progress and result under "My cases" (我的办件) on the online public security bureau. This notice serves as the acceptance receipt (受理回执).`,
      ),
      p(LEGAL_TEXT_NOTE),
    ],
    notes: [],
  };
}
