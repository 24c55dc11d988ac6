import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { relayOnce } from '../../src/exchange/relay.ts';
import { citizens, companies, companyEvents } from '../../src/portal/db/schema.ts';
import { actingRole, INVITATIONS_PER_COMPANY_PER_DAY } from '../../src/portal/companies/companies.service.ts';
import { auditLog } from '../../src/workbench/db/schema.ts';
import {
  demoCompanies,
  demoCreditCode,
  seedMarketRegistry,
} from '../../src/workbench/market-registry/market-registry.seed.ts';
import { seedRegistry, syntheticResidents } from '../../src/workbench/registry/registry.seed.ts';
import { freshMobile, registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { rows, startPair, type Pair } from '../exchange/helpers.ts';

let pair: Pair;
before(async () => {
  pair = await startPair();
  await seedRegistry(pair.workbench.services, 50);
  await seedMarketRegistry(pair.workbench.services);
});
after(() => pair.close());

/** One round trip through the exchange: out, answered by the workbench, back, applied by the portal. */
async function cross(): Promise<void> {
  await pair.sign();
  await relayOnce(pair.p, pair.w, pair.keyring);
  await pair.workbench.processInbox();
  await pair.sign();
  await relayOnce(pair.w, pair.p, pair.keyring);
  await pair.portal.processInbox();
}

type Person = RegisteredCitizen;
const person = () => registerCitizen(pair.portal);

/** A person whose real-name check against the population registry has passed. */
async function verifiedPerson(resident: { name: string; idNumber: string }): Promise<Person> {
  const someone = await person();
  const saved = await someone.client.post('/account/profile', {
    displayName: '法人',
    realName: resident.name,
    idNumber: resident.idNumber,
  });
  assert.equal(saved.statusCode, 303);
  await cross();
  const [row] = await pair.portal.services.db.select().from(citizens).where(eq(citizens.id, someone.id));
  assert.equal(row?.realNameStatus, 'verified');
  return someone;
}

const registered = demoCompanies();
const [demoCompany, hubin, jiangan, wangshan] = [0, 1, 2, 3].map((i) => registered[i]!) as [
  (typeof registered)[number],
  (typeof registered)[number],
  (typeof registered)[number],
  (typeof registered)[number],
];
const representative = (c: typeof demoCompany) => ({ name: c.legalRepName, idNumber: c.legalRepIdNumber });
// Verified residents who represent no company.
const strangers = syntheticResidents(50).slice(30);

async function claim(who: Person, company: { creditCode: string; name: string }) {
  return who.client.post('/account/companies/new', { creditCode: company.creditCode, name: company.name });
}

async function statusOfClaim(location: string | undefined) {
  const id = /\/account\/companies\/([0-9a-f-]{36})$/.exec(String(location))?.[1];
  assert.ok(id, `redirected to the claim: ${String(location)}`);
  const [row] = await pair.portal.services.db.select().from(companies).where(eq(companies.id, id));
  return row!;
}

let rep: Person;
let companyUrl = '';
let companyId = '';

describe('registering a company', () => {
  test('a person without a real-name check is asked for one and cannot claim', async () => {
    const someone = await person();
    const form = await someone.client.get('/account/companies/new');
    assert.match(form.body, /请先在“修改个人信息”中填写姓名和身份证件号码并通过实名认证/);
    const refused = await claim(someone, demoCompany);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /请先完成实名认证/);
    assert.equal((await pair.portal.services.db.select().from(companies)).length, 0);
  });

  test('a correct claim crosses to the market registry and the company becomes active', async () => {
    rep = await verifiedPerson(representative(demoCompany));
    const submitted = await claim(rep, demoCompany);
    assert.equal(submitted.statusCode, 303);
    companyUrl = String(submitted.headers.location);
    const pending = await statusOfClaim(companyUrl);
    companyId = pending.id;
    assert.equal(pending.status, 'pending');
    assert.match((await rep.client.get(companyUrl)).body, /核验中/);
    assert.equal(
      await actingRole(pair.portal.services, rep.id, companyId),
      undefined,
      'no rights while pending',
    );
    await cross();
    assert.equal((await statusOfClaim(companyUrl)).status, 'active');
    assert.equal(await actingRole(pair.portal.services, rep.id, companyId), 'legal-representative');
    const page = await rep.client.get(companyUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /邀请经办人/);
    assert.match((await rep.client.get('/account')).body, /示范市示范贸易有限公司[\s\S]*法定代表人/);
    const checks = await pair.workbench.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'market-registry.company-check'));
    assert.equal(checks.length, 1);
  });

  test('claiming a company someone else holds is refused at once and the holder keeps it', async () => {
    const intruder = await verifiedPerson(strangers[0]!);
    const refused = await claim(intruder, demoCompany);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /该单位已由其法定代表人登记/);
    assert.match(
      refused.body,
      new RegExp(`value="${demoCompany.creditCode}"`),
      'the form keeps what was typed',
    );
    const active = await pair.portal.services.db
      .select()
      .from(companies)
      .where(and(eq(companies.creditCode, demoCompany.creditCode), eq(companies.status, 'active')));
    assert.deepEqual(
      active.map((c) => c.id),
      [companyId],
    );
    assert.equal((await rep.client.get(companyUrl)).statusCode, 200);
    assert.equal((await intruder.client.get(companyUrl)).statusCode, 404);
  });

  test('a claim by someone who is not the representative is refused and does not lock out the real one', async () => {
    const intruder = await verifiedPerson(strangers[1]!);
    // The intruder claims first, with the right code and name; the real representative comes second.
    const first = await claim(intruder, hubin);
    assert.equal(first.statusCode, 303);
    const real = await verifiedPerson(representative(hubin));
    const second = await claim(real, hubin);
    assert.equal(second.statusCode, 303, 'a pending claim reserves nothing');
    await cross();
    const refused = await statusOfClaim(first.headers.location);
    assert.equal(refused.status, 'refused');
    assert.equal(refused.refusal, 'representative-mismatch');
    assert.equal((await statusOfClaim(second.headers.location)).status, 'active');
    const page = await intruder.client.get(String(first.headers.location));
    assert.match(page.body, /您不是该单位登记的法定代表人/);
    // The reason is given without the registry's record: the representative's name never reaches the portal.
    assert.doesNotMatch(page.body, new RegExp(hubin.legalRepName));
    const answers = await rows<{ payload: Record<string, unknown> }>(
      pair.portal.database.db,
      sql`SELECT payload FROM inbox WHERE type = 'company.verify.result'`,
    );
    for (const answer of answers)
      assert.deepEqual(Object.keys(answer.payload).sort(), ['claimRef', 'outcome', 'requestId']);
  });

  test('a wrong company name or an unknown code is refused with a plain reason', async () => {
    const real = await verifiedPerson(representative(jiangan));
    const wrongName = await claim(real, { creditCode: jiangan.creditCode, name: '示范市江岸快递有限公司' });
    const unknown = await claim(real, { creditCode: demoCreditCode('420102', 8888), name: '示范市无名公司' });
    await cross();
    assert.match(
      (await real.client.get(String(wrongName.headers.location))).body,
      /单位名称与市场监管登记不一致/,
    );
    assert.match(
      (await real.client.get(String(unknown.headers.location))).body,
      /市场监管登记中没有这个统一社会信用代码/,
    );
    // Correcting the name (full-width brackets and spaces aside) succeeds.
    const corrected = await claim(real, { creditCode: jiangan.creditCode, name: ` ${jiangan.name} ` });
    await cross();
    assert.equal((await statusOfClaim(corrected.headers.location)).status, 'active');
  });

  test('claims are limited per person per day', async () => {
    const prober = await verifiedPerson(strangers[2]!);
    for (let i = 0; i < 5; i++) {
      const ok = await claim(prober, {
        creditCode: demoCreditCode('420106', 7000 + i),
        name: '示范市探测公司',
      });
      assert.equal(ok.statusCode, 303);
    }
    const refused = await claim(prober, {
      creditCode: demoCreditCode('420106', 7100),
      name: '示范市探测公司',
    });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /操作过于频繁/);
  });
});

async function invite(mobile: string) {
  return rep.client.post(`${companyUrl}/invitations`, { mobile }, { formUrl: companyUrl });
}

function invitationIdOn(html: string): string {
  const id = /action="\/account\/invitations\/([0-9a-f-]{36})\/accept"/.exec(html)?.[1];
  assert.ok(id, 'the invitation is shown on the account page');
  return id;
}

describe('agents', () => {
  let agent: Person;

  test('an invited person has no access until they accept', async () => {
    agent = await person();
    const sent = await invite(agent.mobile);
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, companyUrl);
    assert.match((await rep.client.get(companyUrl)).body, /如果该号码已注册账号，对方登录后会看到邀请/);
    assert.equal(await actingRole(pair.portal.services, agent.id, companyId), undefined);
    assert.equal((await agent.client.get(companyUrl)).statusCode, 404);
    const account = await agent.client.get('/account');
    assert.match(account.body, /邀请您担任经办人的单位/);
    assert.doesNotMatch(account.body, /我可以代表办事的单位/);
    const invitationId = invitationIdOn(account.body);
    // Nobody but the holder of the invited number can accept it.
    const other = await person();
    const stolen = await other.client.post(
      `/account/invitations/${invitationId}/accept`,
      {},
      { formUrl: '/account' },
    );
    assert.equal(stolen.statusCode, 404);
    assert.equal(await actingRole(pair.portal.services, other.id, companyId), undefined);
    const accepted = await agent.client.post(
      `/account/invitations/${invitationId}/accept`,
      {},
      { formUrl: '/account' },
    );
    assert.equal(accepted.statusCode, 303);
    assert.equal(await actingRole(pair.portal.services, agent.id, companyId), 'agent');
    const page = await agent.client.get(companyUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /退出本单位/);
    assert.doesNotMatch(page.body, /邀请经办人/, 'an agent does not manage agents');
    assert.equal(
      (
        await agent.client.post(
          `${companyUrl}/invitations`,
          { mobile: '13700000000' },
          { formUrl: companyUrl },
        )
      ).statusCode,
      404,
    );
  });

  test('an invitation reads the same for a registered number and an unknown one', async () => {
    const registered = await person();
    const unknown = freshMobile();
    const [a, b] = [await invite(registered.mobile), await invite(unknown)];
    assert.equal(a.statusCode, b.statusCode);
    assert.equal(a.headers.location, b.headers.location);
    assert.equal(a.body, b.body);
    const flashes = [];
    for (const mobile of [registered.mobile, unknown]) {
      await invite(mobile);
      flashes.push(
        /<p class="notification-banner__heading">([^<]*)</.exec((await rep.client.get(companyUrl)).body)?.[1],
      );
    }
    assert.ok(flashes[0]);
    assert.equal(flashes[0], flashes[1]);
  });

  test('a declined invitation gives no access', async () => {
    const someone = await person();
    await invite(someone.mobile);
    const id = invitationIdOn((await someone.client.get('/account')).body);
    const declined = await someone.client.post(
      `/account/invitations/${id}/decline`,
      {},
      { formUrl: '/account' },
    );
    assert.equal(declined.statusCode, 303);
    assert.equal(await actingRole(pair.portal.services, someone.id, companyId), undefined);
    assert.equal(
      (await someone.client.post(`/account/invitations/${id}/accept`, {}, { formUrl: '/account' }))
        .statusCode,
      404,
    );
  });

  test('an agent can leave, and the representative can remove an agent', async () => {
    const left = await agent.client.post(`${companyUrl}/leave`, {}, { formUrl: companyUrl });
    assert.equal(left.statusCode, 303);
    assert.equal(await actingRole(pair.portal.services, agent.id, companyId), undefined);
    assert.equal((await agent.client.get(companyUrl)).statusCode, 404);

    await invite(agent.mobile);
    const id = invitationIdOn((await agent.client.get('/account')).body);
    await agent.client.post(`/account/invitations/${id}/accept`, {}, { formUrl: '/account' });
    assert.equal(await actingRole(pair.portal.services, agent.id, companyId), 'agent');
    const removed = await rep.client.post(
      `${companyUrl}/remove`,
      { member: agent.id },
      { formUrl: companyUrl },
    );
    assert.equal(removed.statusCode, 303);
    assert.equal(await actingRole(pair.portal.services, agent.id, companyId), undefined);
    assert.equal((await agent.client.get(companyUrl)).statusCode, 404);

    // The representative stays: they can neither leave nor be removed as an agent.
    const stays = await rep.client.post(`${companyUrl}/leave`, {}, { formUrl: companyUrl });
    assert.equal(stays.statusCode, 422);
    assert.match(stays.body, /法定代表人不能退出本单位/);
    const notAgent = await rep.client.post(
      `${companyUrl}/remove`,
      { member: rep.id },
      { formUrl: companyUrl },
    );
    assert.equal(notAgent.statusCode, 422);
    assert.equal(await actingRole(pair.portal.services, rep.id, companyId), 'legal-representative');
  });

  test('a mistyped invitation comes back on the company page for the representative, and tells others nothing', async () => {
    const long = '1'.repeat(21);
    const refused = await invite(long);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /示范市示范贸易有限公司/);
    assert.match(refused.body, /<a href="#field-mobile">经办人的手机号码：过长，最多 20 个字符<\/a>/);
    assert.match(refused.body, new RegExp(`value="${long}"`));
    // Someone else gets the plain refusal of the input, as for a company that does not exist.
    const stranger = await person();
    const missing = '/account/companies/00000000-0000-4000-8000-000000000000';
    for (const url of [companyUrl, missing]) {
      const probe = await stranger.client.post(
        `${url}/invitations`,
        { mobile: long },
        { formUrl: '/account' },
      );
      assert.equal(probe.statusCode, 422, url);
      assert.doesNotMatch(probe.body, /示范市示范贸易有限公司|邀请经办人/, url);
    }
    const valid = await stranger.client.post(
      `${companyUrl}/invitations`,
      { mobile: '13700000000' },
      { formUrl: '/account' },
    );
    assert.equal(valid.statusCode, 404);
  });

  test('every change of who acts for the company is recorded', async () => {
    const events = await pair.portal.services.db
      .select()
      .from(companyEvents)
      .where(eq(companyEvents.companyId, companyId));
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'claim.submitted',
      'claim.verified',
      'claim.refused',
      'invitation.sent',
      'invitation.accepted',
      'invitation.declined',
      'member.left',
      'member.removed',
    ])
      assert.ok(actions.has(action as never), `${action} is recorded`);
    const removal = events.find((e) => e.action === 'member.removed');
    assert.equal(removal?.actorId, rep.id);
    assert.equal(removal?.subjectId, agent.id);
  });

  test('invitations are limited per company and per person', async () => {
    const sentToday = (
      await pair.portal.services.db
        .select()
        .from(companyEvents)
        .where(and(eq(companyEvents.companyId, companyId), eq(companyEvents.action, 'invitation.sent')))
    ).length;
    for (let i = sentToday; i < INVITATIONS_PER_COMPANY_PER_DAY; i++)
      assert.equal((await invite(freshMobile())).statusCode, 303);
    const throttled = await invite(freshMobile());
    assert.equal(throttled.statusCode, 429);
    assert.match(throttled.body, /操作过于频繁/);

    // Per person: a representative who already sent many invitations for other companies is held back too.
    const busy = await verifiedPerson(representative(wangshan));
    const submitted = await claim(busy, wangshan);
    await cross();
    const own = await statusOfClaim(submitted.headers.location);
    const url = String(submitted.headers.location);
    await pair.portal.services.db.insert(companyEvents).values(
      Array.from({ length: 20 }, () => ({
        at: new Date(),
        companyId,
        action: 'invitation.sent' as const,
        actorId: busy.id,
        detail: {},
      })),
    );
    const held = await busy.client.post(`${url}/invitations`, { mobile: '13700000001' }, { formUrl: url });
    assert.equal(own.status, 'active');
    assert.equal(held.statusCode, 429);
  });
});
