import { randomUUID } from 'node:crypto';
import { approvalResultPublished, type ApprovalDecision } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { itemContent } from './cases.repository.ts';
import type { CaseRow } from './cases.tables.ts';

// 审批结果公开: the decision on a company's licence or filing is published to 警务公开 as it is taken. A private
// person's case publishes nothing at all, not even a count: the statistics feature already publishes the
// monthly totals, and a count per item and day of a rare licence would point at the one person who applied.
// An individual business (个体工商户, credit code 92…) is a natural person trading under a name that is often
// his own, so it is treated as a private person. A case an agent filed for a company is the company's: the
// company is published, never the agent.

/** One stream for all results: they are independent, and a single stream keeps the portal's list in order. */
export const APPROVAL_RESULTS_STREAM = 'approval-results';

/** What the action decides, for a case of this kind; undefined for a step that decides nothing. */
export function decisionOf(kind: 'licence' | 'filing', action: string): ApprovalDecision | undefined {
  if (kind === 'filing') return action === 'issue' ? 'filed' : undefined;
  // 'grant' is the licence process's decision since approval (审批) became a step of its own; earlier versions
  // decided with 'approve'.
  if (action === 'grant' || action === 'approve') return 'granted';
  if (action === 'refuse') return 'refused';
  return undefined;
}

/** Whether the applicant is a company whose result may be published: a credit code that is not a person's. */
export function publishableCompany(
  row: Pick<CaseRow, 'companyName' | 'companyCreditCode'>,
): { name: string; creditCode: string } | undefined {
  const { companyName: name, companyCreditCode: creditCode } = row;
  if (!name?.trim() || !creditCode || creditCode.startsWith('92')) return undefined;
  return { name: name.trim(), creditCode };
}

const candidateActions = new Set(['grant', 'approve', 'refuse', 'issue']);

/** What of a decided case the result is made from (the demo seed gives its fictional cases the same). */
export type DecidedCase = Pick<
  CaseRow,
  'itemId' | 'itemVersion' | 'itemName' | 'itemNameEn' | 'workflowId' | 'companyName' | 'companyCreditCode'
>;

/** Sends the result of a decision in the step's transaction, when the case is a company's licence or filing. */
export async function publishApprovalResult(
  tx: Tx,
  input: {
    caseRow: DecidedCase;
    action: string;
    unit: { name: string; nameEn: string | null };
    at: Date;
  },
): Promise<boolean> {
  const { caseRow, action } = input;
  if (!candidateActions.has(action)) return false;
  const company = publishableCompany(caseRow);
  if (!company) return false;
  const kind = await kindOf(tx, caseRow);
  const decision = kind ? decisionOf(kind, action) : undefined;
  if (!kind || !decision) return false;
  await send(
    tx,
    approvalResultPublished,
    {
      id: randomUUID(),
      itemId: caseRow.itemId,
      itemName: caseRow.itemName.slice(0, 120),
      itemNameEn: caseRow.itemNameEn.slice(0, 200),
      kind,
      decision,
      decidedOn: todayInShanghai(input.at),
      companyName: company.name,
      creditCode: company.creditCode,
      unitName: input.unit.name.slice(0, 60),
      unitNameEn: (input.unit.nameEn ?? '').slice(0, 120),
    },
    { stream: APPROVAL_RESULTS_STREAM },
  );
  return true;
}

/** A filing by its process (备案), a licence by the catalogue's item type (行政许可); anything else is neither. */
async function kindOf(tx: Tx, row: DecidedCase): Promise<'licence' | 'filing' | undefined> {
  if (row.workflowId === 'case-filing') return 'filing';
  const item = (await itemContent(tx, row.itemId, row.itemVersion)) as ServiceItem | undefined;
  return item?.itemType === 'licensing' ? 'licence' : undefined;
}
