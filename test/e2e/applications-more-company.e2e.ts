import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { companies, companyAgents } from '../../src/portal/db/schema.ts';
import { buildPdf } from '../../src/shared/files/pdf.fixture.ts';
import { scheduleDeemedAcceptance } from '../../src/workbench/cases/cases.deemed.ts';
import { caseAttachments } from '../../src/workbench/cases/cases.tables.ts';
import { demoCreditCode } from '../../src/workbench/market-registry/market-registry.seed.ts';
import { applicantFields, verifiedCitizen, type Person } from '../portal/applications.helpers.ts';
import { caseRow, claimAndAct, officerAt } from '../workbench/cases.support.ts';
import {
  answerPages,
  daysFromToday,
  expectAccessibleInBothLanguages,
  openApplication,
  openContext,
  signIn,
  startJourneys,
  submitFromCheckPage,
  type Answers,
  type Journeys,
} from './applications-more.support.ts';

// A company's filing through its agent, seen by its legal representative too; and a change of recorded
// ethnicity with the other department's approval uploaded, which nobody acts on until the law deems it
// accepted. The second moves the workbench's clock, so it comes last.

let j: Journeys;
before(async () => {
  j = await startJourneys();
});
after(async () => j?.close());

const pdf = buildPdf();
const pdfFile = (name: string) => ({ name, mimeType: 'application/pdf', buffer: pdf });

test('公章刻制备案: filed by the company’s agent and completed; the legal representative sees it in 我的办件', async () => {
  const representative = await verifiedCitizen(j.portal, '王法人');
  const agent = await verifiedCitizen(j.portal, '李经办');
  const companyName = '示范市示范刻章贸易有限公司';
  const creditCode = demoCreditCode('350404', 2001);
  const db = j.portal.services.db;
  const [company] = await db
    .insert(companies)
    .values({ creditCode, name: companyName, createdBy: representative.id, status: 'active' })
    .returning({ id: companies.id });
  assert.ok(company);
  await db.insert(companyAgents).values([
    { companyId: company.id, citizenId: representative.id, role: 'legal-representative' },
    { companyId: company.id, citizenId: agent.id, role: 'agent' },
  ]);

  const context = await openContext(j.browser, { locale: 'zh-CN' });
  const page = await signIn(j.portal, context, agent);
  await openApplication(j.portal, page, 'seal-engraving-filing');
  await page.getByRole('group', { name: '以哪个单位的名义申请' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'start page with the company choice');
  await page.locator(`input[name="company"][value="${company.id}"]`).check();
  await page.getByRole('button', { name: '开始申请' }).click();

  await page.waitForURL(/\/pages\/company$/);
  assert.equal(await page.locator('[name="credit-code"]').inputValue(), creditCode, 'from the register');
  await answerPages(page, [
    [
      'company',
      {
        representative: representative.name,
        'company-address.division': '350404',
        'company-address.address': '示范路8号',
      },
    ],
    ['applicant-role', { role: 'agent' }],
    ['agent', { 'agent-position': '行政主管' }],
  ]);
  await page.waitForURL(/\/pages\/authorisation$/);
  await page.locator('input[type="file"][name="mandate"]').setInputFiles(pdfFile('授权委托书.pdf'));
  await page.locator('input[type="file"][name="agent-id-copy"]').setInputFiles(pdfFile('经办人身份证.pdf'));
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.waitForURL(/\/pages\/representative-id$/);
  await page
    .locator('input[type="file"][name="representative-id"]')
    .setInputFiles(pdfFile('法定代表人身份证.pdf'));
  await page.getByRole('button', { name: '保存并继续' }).click();
  await answerPages(
    page,
    [
      ['engraving', { reason: 'new' }],
      [
        'seals',
        { 'seals[0].kind': 'official', 'seals[0].inscription': companyName, engraver: '示范市示范刻章店' },
      ],
      ['declaration', { declaration: 'agree' }],
    ],
    async (pageId) => {
      // A repeating group of questions.
      if (pageId === 'seals') await expectAccessibleInBothLanguages(page, 'seals page');
    },
  );
  const caseNumber = await submitFromCheckPage(page, 'SF-ZA');

  // Filed: accepted, the filing issued, the case completed.
  await j.toWorkbench();
  assert.equal((await caseRow(j.workbench, caseNumber)).companyName, companyName);
  const clerk = await officerAt(j.workbench, 'SF-ZA', 'window-clerk');
  for (const action of ['accept', 'issue', 'complete']) await claimAndAct(clerk, caseNumber, action);
  await j.toPortal();

  await page.goto(`${j.portal.url}/my/cases/${caseNumber}`);
  const main = page.locator('main');
  await main.locator('.timeline').getByText('已办结', { exact: true }).waitFor();
  // The case names the company it was made for.
  await main.locator('.summary-list').first().getByText(companyName, { exact: true }).waitFor();

  // The legal representative did not apply, but the company's case is his to follow.
  const hisContext = await openContext(j.browser, { locale: 'zh-CN' });
  const his = await signIn(j.portal, hisContext, representative);
  await his.goto(`${j.portal.url}/my/cases`);
  const row = his.locator('tr', { has: his.getByRole('link', { name: caseNumber, exact: true }) });
  await row.getByText('已办结', { exact: true }).waitFor();
  assert.match(await row.innerText(), new RegExp(companyName));
  await expectAccessibleInBothLanguages(his, 'my cases of a legal representative');
  await row.getByRole('link', { name: caseNumber, exact: true }).click();
  await his.locator('main .timeline').getByText('已办结', { exact: true }).waitFor();
  await expectAccessibleInBothLanguages(his, 'company case page, completed');
  await hisContext.close();
  await context.close();
});

test('民族成份变更: the other department’s approval uploaded; nobody acts for five working days, so it is deemed accepted', async () => {
  const person: Person = await verifiedCitizen(j.portal, '雷变更');
  const context = await openContext(j.browser, { locale: 'zh-CN' });
  const page = await signIn(j.portal, context, person);
  const { sex: _sex, ...applicant } = applicantFields(person);

  await openApplication(j.portal, page, 'ethnicity-change');
  await page.getByRole('button', { name: '开始申请' }).click();
  await answerPages(page, [
    ['situation', { situation: 'adult' }],
    ['applicant', applicant as Answers],
    ['ethnicity', { 'current-ethnicity': '01', basis: 'mother', 'requested-ethnicity': '22' }],
  ]);
  await page.waitForURL(/\/pages\/approval$/);
  await page.locator('[name="approval-number"]').fill('示民宗审〔2026〕12号');
  await page.locator('[name="approval-date"]').fill(daysFromToday(-20));
  await page
    .locator('input[type="file"][name="approval"]')
    .setInputFiles(pdfFile('民族事务部门审批意见.pdf'));
  await expectAccessibleInBothLanguages(page, 'approval upload page');
  await page.getByRole('button', { name: '保存并继续' }).click();
  await answerPages(page, [
    ['delivery', { 'postal-address.division': '350404', 'postal-address.address': '示范路9号' }],
    ['declaration', { declaration: 'agree' }],
  ]);
  const caseNumber = await submitFromCheckPage(page, 'SF-D01');

  // The approval crossed as a document of the case.
  await j.toWorkbench();
  const files = await j.workbench.services.db
    .select()
    .from(caseAttachments)
    .where(eq(caseAttachments.caseNumber, caseNumber));
  assert.deepEqual(
    files.map((f) => [f.name, f.mediaType, f.content?.length]),
    [['民族事务部门审批意见.pdf', 'application/pdf', pdf.length]],
  );
  const opened = await caseRow(j.workbench, caseNumber);
  assert.equal(opened.state, 'submitted');
  assert.ok(opened.stateDueOn, 'the five working days run');

  // Nobody acts. At 23:00 in Beijing on the last day it is still waiting; half past midnight, it is not.
  const setClock = (iso: string) =>
    j.workbench.advance(Date.parse(iso) - j.workbench.services.now().getTime());
  setClock(`${opened.stateDueOn}T15:00:00Z`);
  await scheduleDeemedAcceptance(j.workbench.services);
  await j.workbench.drainJobs();
  assert.equal((await caseRow(j.workbench, caseNumber)).state, 'submitted');
  setClock(`${opened.stateDueOn}T16:30:00Z`);
  await scheduleDeemedAcceptance(j.workbench.services);
  await j.workbench.drainJobs();
  assert.equal((await caseRow(j.workbench, caseNumber)).state, 'accepted');

  await page.goto(`${j.portal.url}/my/cases/${caseNumber}`);
  const main = page.locator('main');
  await main.locator('.summary-list').getByText('已提交').waitFor();
  await j.toPortal();
  await page.reload();
  await main.locator('.timeline').getByText('逾期未处理，依法视为受理').waitFor();
  await main.locator('.summary-list').getByText('已受理').waitFor();
  await main.getByRole('link', { name: /受理通知书/ }).waitFor();
  await expectAccessibleInBothLanguages(page, 'case page, deemed accepted');
  await context.close();
});
