import type { CaseDocumentKind } from '../../exchange/contracts/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import type { CaseRow } from './cases.tables.ts';
import type { StepData } from './cases.workflows.ts';

// The seam to the decision documents (受理通知书, 补正材料告知书, 不予受理决定书, 准予 / 不予许可决定书,
// electronic certificates). Which step issues which document is decided here, as data; rendering the PDF,
// numbering it and sending case.document.issued belong to the documents feature (src/workbench/documents/),
// which registers itself as the issuer. Until it does, steps issue no document: the applicant is still told
// of every step by case.status.changed.

export interface CaseDocumentRequest {
  kind: CaseDocumentKind;
  /** The case after the step. */
  caseRow: CaseRow;
  /** The step that issues it, with the officer's words, legal basis and missing materials. */
  action: string;
  data: StepData;
  unit: { code: string; name: string };
  at: Date;
}

/** Renders, stores and sends one document in the step's transaction. */
export type IssueDocument = (tx: Tx, request: CaseDocumentRequest) => Promise<void>;

let issuer: IssueDocument | undefined;

/** The documents feature registers its renderer here when the zone starts. */
export function registerCaseDocumentIssuer(issue: IssueDocument | undefined): void {
  issuer = issue;
}

/** The document each step issues, per workflow; a step not listed issues none. */
const documentsByStep: Record<string, Partial<Record<string, CaseDocumentKind>>> = {
  '*': {
    accept: 'acceptance-notice',
    'deem-accept': 'acceptance-notice',
    'request-materials': 'supplement-notice',
    'not-accept': 'non-acceptance-decision',
    refuse: 'refusal-decision',
  },
  // Up to version 2 the approval is the decision; from version 3 the decision is a step of its own (grant),
  // and the approval before it (agree / disagree) issues nothing.
  'case-licence': { approve: 'approval-decision', grant: 'approval-decision' },
  'case-licence-city': { approve: 'approval-decision', grant: 'approval-decision' },
  'case-certificate': { issue: 'certificate' },
  'case-pre-application': { approve: 'pre-approval-notice' },
};

export function documentKindOf(workflowId: string, action: string): CaseDocumentKind | undefined {
  return documentsByStep[workflowId]?.[action] ?? documentsByStep['*']?.[action];
}

export async function issueDocumentFor(tx: Tx, request: Omit<CaseDocumentRequest, 'kind'>): Promise<void> {
  const kind = documentKindOf(request.caseRow.workflowId, request.action);
  if (kind && issuer) await issuer(tx, { ...request, kind });
}
