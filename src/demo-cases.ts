import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Keyring } from './exchange/signing.ts';
import { relayOnce } from './exchange/relay.ts';
import { hashPassword } from './shared/auth/password.ts';
import { idCheckChar, maskIdNumber } from './shared/validators/id-number.ts';
import { citizens } from './portal/db/schema.ts';
import { answerPage } from './portal/applications/applications.answers.ts';
import {
  applicationFor,
  startApplication,
  type ApplyServices,
} from './portal/applications/applications.service.ts';
import { submitApplication } from './portal/applications/applications.submit.ts';
import type { CurrentCitizen } from './portal/session.ts';
import { findCase } from './workbench/cases/cases.repository.ts';
import { act, claim, type ActionInput } from './workbench/cases/cases.service.ts';
import type { CaseAction } from './workbench/cases/cases.workflow-rows.ts';
import { staff } from './workbench/db/schema.ts';
import { loadCurrentStaff } from './workbench/session.ts';
import { exchangeStep, type Zone } from './zones.ts';

// Demo cases of the licence process (往来港澳通行证再次签注, decided at the exit-entry division), one waiting
// at each of its steps, so an officer of the demo finds work in every one: acceptance, review, approval
// (agree / disagree), the decision (grant after "agree", refuse after "disagree") and the issue. Each is made
// the way a real one is: a verified applicant fills in the pages and submits in the portal, the relay carries
// it across, and the division's demo officers take the steps before it. Nothing is made twice: applicants
// who already have an application mean the demo cases exist.

const SLUG = 'hk-macau-re-endorsement';
const BASIS = '《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》';
const WINDOW = 'SF8201';
const REVIEWER = 'SF8202';
const APPROVER = 'SF8203';

type Step = [badgeNo: string, action: CaseAction, input: ActionInput];
const accept: Step = [WINDOW, 'accept', {}];
const review: Step = [REVIEWER, 'review', { message: '材料齐全，符合签注条件，拟同意。' }];
const agree: Step = [APPROVER, 'agree', { message: '同意。' }];
const disagree: Step = [APPROVER, 'disagree', { message: '申请人尚有未办结的出境事项，不同意。' }];
const grant: Step = [APPROVER, 'grant', { legalBasis: BASIS, message: '符合签注条件，准予签注。' }];

/** Fictional applicants, and the steps their case has been through: it waits for the next one. */
const DEMO_CASES: { name: string; steps: Step[] }[] = [
  { name: '示范申请人甲', steps: [] },
  { name: '示范申请人乙', steps: [accept] },
  { name: '示范申请人丙', steps: [accept, review] },
  { name: '示范申请人丁', steps: [accept, review, agree] },
  { name: '示范申请人戊', steps: [accept, review, disagree] },
  { name: '示范申请人己', steps: [accept, review, agree, grant] },
];

const mobileOf = (i: number) => String(13800000101 + i);
/** A valid-looking ID number of the demo city, fictional. */
function idNumberOf(i: number): string {
  const first17 = `350404199001${String(10 + i)}00${String(i)}`;
  return first17 + idCheckChar(first17);
}

export async function seedDemoCases(portal: Zone, workbench: Zone, keyring: Keyring): Promise<void> {
  const mobiles = DEMO_CASES.map((_, i) => mobileOf(i));
  const existing = await portal.services.db
    .select({ id: citizens.id })
    .from(citizens)
    .where(inArray(citizens.mobile, mobiles));
  if (existing.length > 0) return;
  const services: ApplyServices = { ...portal.services, forms: portal.forms! };
  // Across the boundary as the running platform would carry it: signed, relayed, taken in on the other side.
  const p = { db: portal.database.db, zone: 'portal' as const };
  const w = { db: workbench.database.db, zone: 'workbench' as const };
  const settle = async () => {
    for (let pass = 0; pass < 50; pass++) {
      const signed = (await exchangeStep(portal)) + (await exchangeStep(workbench));
      const toWorkbench = await relayOnce(p, w, keyring);
      const toPortal = await relayOnce(w, p, keyring);
      if (signed + toWorkbench.delivered + toPortal.delivered === 0) return;
    }
  };
  // The portal offers a service once the workbench's publication of the catalogue has reached it.
  await settle();
  const numbers: string[] = [];
  for (const [i, demo] of DEMO_CASES.entries()) numbers.push(await apply(services, i, demo.name));
  await settle();
  for (const [i, demo] of DEMO_CASES.entries())
    for (const step of demo.steps) await takeStep(workbench, numbers[i] ?? '', step);
  await settle();
}

/** A verified applicant fills in every page and submits; returns the case number. */
async function apply(services: ApplyServices, i: number, name: string): Promise<string> {
  const idNumber = idNumberOf(i);
  const [created] = await services.db
    .insert(citizens)
    .values({
      mobile: mobileOf(i),
      passwordHash: await hashPassword(randomUUID()),
      displayName: name,
      realName: name,
      idNumberSealed: services.sealer.seal(idNumber),
      idNumberHash: services.sealer.lookupHash(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      realNameStatus: 'verified',
    })
    .returning({ id: citizens.id });
  if (!created) throw new Error('the demo applicant was not stored');
  const citizen: CurrentCitizen = { id: created.id, displayName: name, mobile: mobileOf(i), realName: name };
  const started = await startApplication(services, citizen, SLUG, undefined);
  if (started.kind !== 'created') throw new Error(`the demo application was not started: ${started.kind}`);
  const expiry = new Date(services.now().getTime() + 400 * 86_400_000).toISOString().slice(0, 10);
  const pages: [string, Record<string, string | string[]>][] = [
    ['applicant', { name, 'id-number': idNumber, mobile: mobileOf(i) }],
    ['permit', { 'permit-number': `C${String(20260000 + i).padStart(8, '0')}`, 'permit-expiry': expiry }],
    ['endorsement', { destinations: ['hong-kong'], kind: 'individual-tour', entries: 'once' }],
    ['declaration', { declaration: 'agree' }],
  ];
  for (const [pageId, body] of pages) {
    const loaded = await applicationFor(services, citizen, started.id, 'applications.edit');
    const saved = await answerPage(services, loaded, pageId, { body, files: [] }, 'zh');
    if (!('next' in saved)) throw new Error(`the demo page ${pageId} was refused`);
  }
  const { caseNumber } = await submitApplication(services, citizen, started.id, randomUUID());
  return caseNumber;
}

/** One demo officer claims the case and takes the step, as on the case page; the case goes back to the queue. */
async function takeStep(workbench: Zone, caseNumber: string, [badgeNo, action, input]: Step) {
  const db = workbench.services.db;
  if (!(await findCase(db, caseNumber))) throw new Error(`the demo case ${caseNumber} did not arrive`);
  const [officer] = await db
    .select({ id: staff.id })
    .from(staff)
    .where(inArray(staff.badgeNo, [badgeNo]));
  const me = officer && (await loadCurrentStaff(db, officer.id));
  if (!me) throw new Error(`no demo officer ${badgeNo}`);
  const by = { actor: me.badgeNo, actorUnit: me.unitCode, sourceIp: null };
  await claim(workbench.services, me, by, caseNumber);
  await act(workbench.services, me, by, caseNumber, action, input);
}
