import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Static, TSchema } from 'typebox';
import { applicationSubmitted, type Contract } from '../../src/exchange/contracts/index.ts';
import { outbox } from '../../src/exchange/tables.ts';
import {
  defaultApplicationsDir,
  formHash,
  loadApplicationForms,
} from '../../src/shared/application-forms/index.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { findCase } from '../../src/workbench/cases/cases.repository.ts';
import type { CaseRow } from '../../src/workbench/cases/cases.tables.ts';
import type { Role, Scope } from '../../src/workbench/db/schema.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { csrf, logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

// A workbench with the six services that take applications online, and a portal stand-in: messages are
// handed to the workbench's inbox handlers as the inbox would after checking them, and what the workbench
// sends back is read from its outbox.

const items = loadCatalogItems();
const forms = loadApplicationForms(defaultApplicationsDir, items);
export const SERVICES = {
  certificate: 'no-criminal-record-certificate',
  licence: 'hk-macau-re-endorsement',
  preApplication: 'residence-permit',
  filing: 'seal-engraving-filing',
} as const;

export async function startCaseWorkbench(
  options: Parameters<typeof startWorkbench>[1] = {},
): Promise<Workbench> {
  const zone = await startWorkbench({}, options);
  const withForms = items.filter((item) => forms.some((f) => f.id === item.id));
  await seedCatalog(zone.services, withForms, []);
  return zone;
}

let streamSeq = 0;

/** Hands a message to the workbench as its inbox would, in one transaction. */
export async function deliver<S extends TSchema>(
  zone: Workbench,
  contract: Contract<S>,
  payload: Static<S>,
): Promise<void> {
  const handler = zone.inboxHandlers[contract.type];
  assert.ok(handler, `the workbench handles ${contract.type}`);
  const stream = (payload as { caseNumber?: string }).caseNumber;
  await zone.database.db.transaction((tx) =>
    handler(tx, payload, {
      messageId: randomUUID(),
      fromZone: 'portal',
      stream: stream ? `case:${stream}` : contract.type,
      seq: ++streamSeq,
      type: contract.type,
      version: contract.version,
    }),
  );
}

let caseSeq = 0;

export function newApplication(
  itemId: string,
  overrides: Partial<Static<typeof applicationSubmitted.schema>> = {},
): Static<typeof applicationSubmitted.schema> {
  const form = forms.find((f) => f.id === itemId);
  const item = items.find((i) => i.id === itemId);
  assert.ok(form && item, `a form for ${itemId}`);
  const unit = item.implementingUnit.unitCode;
  const number = `${unit}-20261207-${String(++caseSeq + (process.pid % 1000) * 1000).padStart(6, '0')}`;
  return {
    applicationId: randomUUID(),
    caseNumber: number,
    itemId,
    itemVersion: 1,
    formId: form.id,
    formVersion: form.version,
    formHash: formHash(form),
    applicant: {
      citizenRef: randomUUID(),
      name: '张三丰',
      idNumber: '11010519491231002X',
      mobile: '13800138000',
    },
    answers: { purpose: '出国留学' },
    submittedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Opens a case the way the portal's submission does; returns it as stored. */
export async function openCase(
  zone: Workbench,
  itemId: string,
  overrides: Partial<Static<typeof applicationSubmitted.schema>> = {},
): Promise<{ application: Static<typeof applicationSubmitted.schema>; row: CaseRow }> {
  const application = newApplication(itemId, overrides);
  await deliver(zone, applicationSubmitted, application);
  const row = await findCase(zone.services.db, application.caseNumber);
  assert.ok(row, 'the case is open');
  return { application, row };
}

export async function caseRow(zone: Workbench, caseNumber: string): Promise<CaseRow> {
  const row = await findCase(zone.services.db, caseNumber);
  assert.ok(row);
  return row;
}

export interface StatusMessage {
  seq: number;
  status: string;
  step: string;
  message?: string;
  missingMaterials?: { code: string; name: string; problem: string }[];
  legalBasis?: string;
  dueOn: string | null;
  applicantMay: string[];
}

/** What the workbench has told the applicant about a case, in order. */
export async function statusMessages(zone: Workbench, caseNumber: string): Promise<StatusMessage[]> {
  const found = await zone.services.db
    .select({ type: outbox.type, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.stream, `case:${caseNumber}`), eq(outbox.type, 'case.status.changed')))
    .orderBy(asc(outbox.seq));
  return found.map((m) => m.payload as StatusMessage);
}

/** An officer with one duty at one unit, signed in, with a CSRF token for the JSON API. */
export async function officerAt(
  zone: Workbench,
  unitCode: string,
  role: Role,
  scope: Scope = 'unit',
): Promise<{ officer: Officer; client: FormClient; token: string }> {
  const officer = await makeOfficer(zone, { unitCode, role, scope, enrolled: true });
  const client = await logIn(zone, officer);
  const token = csrf((await client.get('/cases')).body);
  return { officer, client, token };
}

/** A step through the JSON API: claim, assign, or one of the workflow's actions. */
export function step(
  who: { client: FormClient; token: string },
  caseNumber: string,
  path: string,
  body: Record<string, unknown> = {},
) {
  return who.client.json('POST', `/cases/${caseNumber}/${path}`, body, who.token);
}

/** Claims the case and takes one action, expecting both to succeed. */
export async function claimAndAct(
  who: { client: FormClient; token: string },
  caseNumber: string,
  action: string,
  body: Record<string, unknown> = {},
): Promise<void> {
  const claimed = await step(who, caseNumber, 'claim');
  assert.equal(claimed.statusCode, 200, claimed.body);
  const done = await step(who, caseNumber, `actions/${action}`, body);
  assert.equal(done.statusCode, 200, done.body);
}
