import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseStatusChanged } from '../../src/exchange/contracts/index.ts';
import { applications } from '../../src/portal/applications/applications.tables.ts';
import { caseEvents, messages } from '../../src/portal/cases/cases.tables.ts';
import { notifications } from '../../src/portal/db/schema.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { companyWith, deliver, draftOf, step, submittedCase } from './cases.fixture.ts';
import { publishDemoDirectory } from './directory.fixture.ts';

let zone: TestZone;
let me: RegisteredCitizen;
before(async () => {
  zone = await startTestZone('portal');
  me = await registerCitizen(zone);
});
after(() => zone.close());

async function applicationRow(id: string) {
  const [row] = await zone.services.db.select().from(applications).where(eq(applications.id, id));
  assert.ok(row);
  return row;
}

const smsAbout = async (caseNumber: string) =>
  (await zone.services.db.select().from(notifications).where(eq(notifications.recipient, me.mobile))).filter(
    (n) => n.body.includes(caseNumber),
  );

describe('the workbench’s status messages', () => {
  test('each step is kept once, moves the status forward and notifies by SMS and in-site message', async () => {
    const theCase = await submittedCase(zone, me.id);
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
    await deliver(zone, caseStatusChanged, step(theCase, 2, 'accepted', { message: '材料齐全，予以受理' }));
    let row = await applicationRow(theCase.id);
    assert.equal(row.status, 'accepted');
    assert.equal(row.statusSeq, 2);
    assert.equal(row.dueOn, '2026-12-21');
    assert.deepEqual(row.applicantMay, ['withdraw']);
    assert.equal(row.inFlight, true);

    // Delivered again: nothing new is kept, nobody is told twice.
    await deliver(zone, caseStatusChanged, step(theCase, 2, 'accepted', { message: '材料齐全，予以受理' }));
    const events = await zone.services.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.applicationId, theCase.id));
    assert.equal(events.length, 2);
    const sms = await smsAbout(theCase.caseNumber);
    assert.equal(sms.length, 2);
    assert.match(sms.map((s) => s.body).join('\n'), /已受理/);
    const inSite = await zone.services.db.select().from(messages).where(eq(messages.citizenId, me.id));
    assert.equal(inSite.filter((m) => m.link === `/my/cases/${theCase.caseNumber}`).length, 2);

    row = await applicationRow(theCase.id);
    assert.equal(row.statusSeq, 2);
  });

  test('an older step arriving late is kept for the timeline but never overwrites a newer status', async () => {
    const theCase = await submittedCase(zone, me.id);
    await deliver(zone, caseStatusChanged, step(theCase, 3, 'under-review'));
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
    await deliver(zone, caseStatusChanged, step(theCase, 2, 'accepted'));
    const row = await applicationRow(theCase.id);
    assert.equal(row.status, 'under-review');
    assert.equal(row.statusSeq, 3);
    const seqs = (
      await zone.services.db.select().from(caseEvents).where(eq(caseEvents.applicationId, theCase.id))
    ).map((e) => e.seq);
    assert.deepEqual(seqs.sort(), [1, 2, 3]);
  });

  test('a final status ends the case in flight, whatever came before it', async () => {
    for (const final of ['refused', 'completed', 'not-accepted', 'withdrawn'] as const) {
      const theCase = await submittedCase(zone, me.id, { itemId: `item-${final}` });
      await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
      await deliver(zone, caseStatusChanged, step(theCase, 2, final, { message: '依法作出决定' }));
      const row = await applicationRow(theCase.id);
      assert.equal(row.inFlight, false, final);
      assert.equal(row.status, final);
      // A late, older step does not bring it back in flight.
      await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted', { step: 'submitted-again' }));
      assert.equal((await applicationRow(theCase.id)).inFlight, false);
    }
  });

  test('a step for a case the portal does not hold fails, changing nothing', async () => {
    const theCase = await submittedCase(zone, me.id);
    const stray = step({ id: theCase.id, caseNumber: 'SF-ZA-20261206-999999' }, 1, 'accepted');
    await assert.rejects(deliver(zone, caseStatusChanged, stray));
    const kept = await zone.services.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseNumber, 'SF-ZA-20261206-999999')));
    assert.equal(kept.length, 0);
  });
});

describe('我的办件', () => {
  test('lists drafts with “continue” and cases with number, status, time limit and latest step; filters', async () => {
    const person = await registerCitizen(zone);
    const draft = await draftOf(zone, person.id);
    const theCase = await submittedCase(zone, person.id);
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
    await deliver(zone, caseStatusChanged, step(theCase, 2, 'accepted'));
    const page = await person.client.get('/my/cases');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`/applications/${draft}/pages/applicant`));
    assert.match(page.body, /继续填写/);
    assert.match(page.body, new RegExp(theCase.caseNumber));
    assert.match(page.body, /已受理/);
    assert.match(page.body, /2026年12月21日/);
    assert.match(page.body, /共 2 件/);
    const drafts = await person.client.get('/my/cases?status=draft');
    assert.doesNotMatch(drafts.body, new RegExp(theCase.caseNumber));
    assert.match(drafts.body, /继续填写/);
    const accepted = await person.client.get('/my/cases?status=accepted');
    assert.match(accepted.body, new RegExp(theCase.caseNumber));
    assert.doesNotMatch(accepted.body, /继续填写/);
    const api = await person.client.json('GET', '/api/v1/my/cases?status=open');
    assert.equal(api.statusCode, 200);
    const body = api.json() as {
      total: number;
      items: { caseNumber: string; status: string; daysLeft: number }[];
    };
    assert.equal(body.total, 1);
    assert.equal(body.items[0]?.caseNumber, theCase.caseNumber);
    assert.equal(body.items[0]?.status, 'accepted');
    assert.equal(typeof body.items[0]?.daysLeft, 'number');
    assert.equal((await person.client.get('/my/cases?status=nonsense')).statusCode, 422);
  });

  test('pages through many cases', async () => {
    const person = await registerCitizen(zone);
    for (let i = 0; i < 23; i++) await submittedCase(zone, person.id, { itemId: `paged-${i}` });
    const first = await person.client.json('GET', '/api/v1/my/cases');
    const second = await person.client.json('GET', '/api/v1/my/cases?page=2');
    const a = first.json() as { items: unknown[]; pageCount: number; total: number };
    const b = second.json() as { items: unknown[]; total: number };
    assert.deepEqual([a.items.length, b.items.length, a.pageCount, a.total], [20, 3, 2, 23]);
    // The total rides on the page's rows; the second page's, and a page past the end with none, still count all.
    const past = (await person.client.json('GET', '/api/v1/my/cases?page=5')).json() as typeof a;
    assert.deepEqual([b.total, past.items.length, past.total, past.pageCount], [23, 0, 23, 2]);
    const drafts = (await person.client.json('GET', '/api/v1/my/cases?status=draft')).json() as typeof a;
    assert.deepEqual([drafts.items.length, drafts.total], [0, 0]);
    assert.match((await person.client.get('/my/cases')).body, /rel="next"/);
  });

  test('a case page shows the timeline, unit, officer’s message, missing list, days left and answers', async () => {
    const person = await registerCitizen(zone);
    const theCase = await submittedCase(zone, person.id);
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
    await deliver(
      zone,
      caseStatusChanged,
      step(theCase, 2, 'missing-materials', {
        message: '请补正以下材料',
        applicantMay: ['supplement', 'withdraw'],
        missingMaterials: [{ code: 'id-card', name: '居民身份证', problem: '照片不清晰' }],
      }),
    );
    const page = await person.client.get(`/my/cases/${theCase.caseNumber}`);
    assert.equal(page.statusCode, 200);
    for (const text of [
      '一次性告知补正材料',
      '示范市公安局治安管理支队',
      '请补正以下材料',
      '居民身份证',
      '照片不清晰',
      '剩余',
      '示例甲',
    ])
      assert.match(page.body, new RegExp(text), text);
    assert.match(page.body, new RegExp(`/my/cases/${theCase.caseNumber}/supplement`));
    assert.match(page.body, new RegExp(`/my/cases/${theCase.caseNumber}/withdraw`));
    const api = (await person.client.json('GET', `/api/v1/my/cases/${theCase.caseNumber}`)).json() as {
      steps: unknown[];
      actions: string[];
      missingMaterials: { code: string }[];
    };
    assert.equal(api.steps.length, 2);
    assert.deepEqual(api.actions.sort(), ['supplement', 'withdraw']);
    assert.deepEqual(
      api.missingMaterials.map((m) => m.code),
      ['id-card'],
    );
  });

  test('another citizen’s case answers exactly like a missing one', async () => {
    const theCase = await submittedCase(zone, me.id);
    const other = await registerCitizen(zone);
    for (const url of [
      `/my/cases/${theCase.caseNumber}`,
      '/my/cases/SF-ZA-20261206-888888',
      '/my/cases/nonsense',
    ]) {
      assert.equal((await other.client.get(url)).statusCode, 404, url);
      assert.equal((await other.client.json('GET', `/api/v1${url}`)).statusCode, 404, url);
    }
    assert.doesNotMatch((await other.client.get('/my/cases')).body, new RegExp(theCase.caseNumber));
  });

  test('a company’s representative sees all its cases; an agent only those he made', async () => {
    const [rep, agent, otherAgent] = [
      await registerCitizen(zone),
      await registerCitizen(zone),
      await registerCitizen(zone),
    ];
    const companyId = await companyWith(zone, rep.id, [agent.id, otherAgent.id]);
    const byAgent = await submittedCase(zone, agent.id, {
      companyId,
      companyRole: 'agent',
      itemId: 'seal-engraving-filing',
    });
    const byOther = await submittedCase(zone, otherAgent.id, {
      companyId,
      companyRole: 'agent',
      itemId: 'seal-engraving-filing-2',
    });
    const repList = (await rep.client.get('/my/cases')).body;
    assert.match(repList, new RegExp(byAgent.caseNumber));
    assert.match(repList, new RegExp(byOther.caseNumber));
    assert.match(repList, /示范贸易有限公司/);
    assert.equal((await rep.client.get(`/my/cases/${byOther.caseNumber}`)).statusCode, 200);
    const agentList = (await agent.client.get('/my/cases')).body;
    assert.match(agentList, new RegExp(byAgent.caseNumber));
    assert.doesNotMatch(agentList, new RegExp(byOther.caseNumber));
    assert.equal((await agent.client.get(`/my/cases/${byOther.caseNumber}`)).statusCode, 404);
  });

  test('the in-site messages show as unread on 我的办件 until opened', async () => {
    const person = await registerCitizen(zone);
    const theCase = await submittedCase(zone, person.id);
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
    await deliver(zone, caseStatusChanged, step(theCase, 2, 'accepted'));
    assert.match((await person.client.get('/my/cases')).body, /2 条未读/);
    assert.match((await person.client.get('/account')).body, /站内消息[\s\S]*2 条未读/);
    const inbox = await person.client.get('/my/messages');
    assert.match(inbox.body, new RegExp(`办件 ${theCase.caseNumber} 有新进展：已受理`));
    assert.doesNotMatch((await person.client.get('/my/cases')).body, /条未读/);
    assert.doesNotMatch((await person.client.get('/account')).body, /条未读/);
  });

  test('the JSON API is in the portal’s OpenAPI document; the pages read in English too', async () => {
    const doc = (await zone.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, unknown>;
    };
    assert.ok(doc.paths['/api/v1/my/cases']);
    assert.ok(doc.paths['/api/v1/my/cases/{caseNumber}']);
    assert.equal(doc.paths['/my/cases'], undefined, 'pages are not in the API document');
    const theCase = await submittedCase(zone, me.id);
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'accepted'));
    const list = await me.client.get('/my/cases?lang=en');
    assert.match(list.body, /My cases/);
    const page = await me.client.get(`/my/cases/${theCase.caseNumber}?lang=en`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /working days? left/);
    assert.match(page.body, /Withdraw the application/);
  });

  test('the timeline names each step’s unit by the directory’s English name on the English page, a unit it does not list as written', async () => {
    await publishDemoDirectory(zone);
    const person = await registerCitizen(zone);
    const theCase = await submittedCase(zone, person.id);
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
    await deliver(zone, caseStatusChanged, step(theCase, 2, 'accepted', { message: '材料齐全，予以受理' }));
    await deliver(
      zone,
      caseStatusChanged,
      step(theCase, 3, 'under-review', { unit: { code: 'SF-XX-UNLISTED', name: '未公开单位' } }),
    );
    const zh = (await person.client.get(`/my/cases/${theCase.caseNumber}`)).body;
    assert.match(zh, / · 示范市公安局治安管理支队/);
    assert.doesNotMatch(zh, /Public Order Division/);
    const en = (await person.client.get(`/my/cases/${theCase.caseNumber}?lang=en`)).body;
    assert.match(en, / · Public Order Division/, 'a listed unit');
    assert.doesNotMatch(en, /治安管理支队/);
    assert.match(
      en,
      / · <span lang="zh-CN">未公开单位<\/span>/,
      'an unlisted unit as written, marked Chinese',
    );
    assert.match(
      en,
      /<p lang="zh-CN">材料齐全，予以受理<\/p>/,
      'the officer’s words as written, marked Chinese',
    );
    assert.match(zh, /<p>材料齐全，予以受理<\/p>/);
    const api = (await person.client.json('GET', `/api/v1/my/cases/${theCase.caseNumber}`)).json() as {
      steps: { unit: string; handledBy: { code: string; nameZh: string; nameEn: string } }[];
    };
    assert.deepEqual(
      api.steps.map((s) => [s.unit, s.handledBy]),
      [
        [
          '示范市公安局治安管理支队',
          { code: 'SF-ZA', nameZh: '示范市公安局治安管理支队', nameEn: 'Public Order Division' },
        ],
        [
          '示范市公安局治安管理支队',
          { code: 'SF-ZA', nameZh: '示范市公安局治安管理支队', nameEn: 'Public Order Division' },
        ],
        ['未公开单位', { code: 'SF-XX-UNLISTED', nameZh: '未公开单位', nameEn: '未公开单位' }],
      ],
    );
  });
});
