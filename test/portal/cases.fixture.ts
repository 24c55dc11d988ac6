import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { Contract } from '../../src/exchange/contracts/contract.ts';
import { caseStatusChanged, type PublicCaseStatus } from '../../src/exchange/contracts/index.ts';
import { applications } from '../../src/portal/applications/applications.tables.ts';
import { companies, companyAgents } from '../../src/portal/companies/companies.tables.ts';
import type { TestZone } from '../helpers/zones.ts';

// Cases as a submission leaves them (the application flow is its own feature), and the workbench's messages
// delivered through the portal's registered inbox handlers, in a transaction as the inbox processor runs them.

let nextCase = 0;
let nextSeq = 0;

export async function submittedCase(
  zone: TestZone,
  citizenId: string,
  options: {
    companyId?: string;
    companyRole?: 'representative' | 'agent';
    itemId?: string;
    formId?: string;
  } = {},
) {
  const caseNumber = `SF-ZA-20261206-${String(++nextCase).padStart(6, '0')}`;
  const now = zone.services.now();
  const [row] = await zone.services.db
    .insert(applications)
    .values({
      citizenId,
      companyId: options.companyId ?? null,
      companyRole: options.companyRole ?? null,
      // One application in flight per person and service: each case here is for a service of its own.
      itemId: options.itemId ?? `service-${nextCase}`,
      itemVersion: 1,
      formId: options.formId ?? 'no-criminal-record-certificate',
      formVersion: 1,
      answers: { name: '示例甲', purpose: 'employment' },
      caseNumber,
      submittedAt: now,
      status: 'submitted',
      inFlight: true,
      submitKey: randomUUID(),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: applications.id });
  assert.ok(row);
  return { id: row.id, caseNumber };
}

export async function draftOf(zone: TestZone, citizenId: string) {
  const [row] = await zone.services.db
    .insert(applications)
    .values({
      citizenId,
      itemId: 'residence-permit',
      itemVersion: 1,
      formId: 'residence-permit',
      formVersion: 1,
      lastPage: 'applicant',
    })
    .returning({ id: applications.id });
  return row!.id;
}

/** An active company with its legal representative, and agents who accepted. */
export async function companyWith(zone: TestZone, representative: string, agents: string[] = []) {
  const [company] = await zone.services.db
    .insert(companies)
    .values({
      creditCode: '91350400MA00000001',
      name: '示范贸易有限公司',
      createdBy: representative,
      status: 'active',
    })
    .returning({ id: companies.id });
  assert.ok(company);
  await zone.services.db
    .insert(companyAgents)
    .values([
      { companyId: company.id, citizenId: representative, role: 'legal-representative' as const },
      ...agents.map((citizenId) => ({ companyId: company.id, citizenId, role: 'agent' as const })),
    ]);
  return company.id;
}

export async function deliver<C extends Contract>(
  zone: TestZone,
  contract: C,
  // Checked against the contract's schema by the handler itself; the static type cannot follow the status union.
  payload: object,
): Promise<void> {
  const handle = zone.inboxHandlers[contract.type];
  assert.ok(handle, `the portal handles ${contract.type}`);
  await zone.services.db.transaction((tx) =>
    handle(tx, payload, {
      messageId: randomUUID(),
      fromZone: 'workbench',
      stream: `case:${(payload as { caseNumber: string }).caseNumber}`,
      seq: ++nextSeq,
      type: contract.type,
      version: contract.version,
    }),
  );
}

// The contract's status is a union built from the list of statuses, which the static type does not follow.
export type Step = Omit<Static<typeof caseStatusChanged.schema>, 'status'> & { status: PublicCaseStatus };

/** One step of a case as the workbench reports it. */
export function step(
  theCase: { id: string; caseNumber: string },
  seq: number,
  status: PublicCaseStatus,
  extra: Partial<Step> = {},
): Step {
  return {
    caseNumber: theCase.caseNumber,
    applicationId: theCase.id,
    seq,
    status,
    step: status,
    at: new Date(Date.UTC(2026, 11, 7, 2, seq)).toISOString(),
    unit: { code: 'SF-ZA', name: '示范市公安局治安管理支队' },
    dueOn: status === 'submitted' ? null : '2026-12-21',
    applicantMay:
      status === 'submitted' || status === 'accepted' || status === 'under-review' ? ['withdraw'] : [],
    ...extra,
  };
}
