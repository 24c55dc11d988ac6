import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, like, not } from 'drizzle-orm';
import { PUBLIC } from '../../src/shared/policy/registry.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { catalogItems } from '../../src/workbench/catalog-authoring/catalog-authoring.tables.ts';
import { contentArticles, contentVersions } from '../../src/workbench/content/content.tables.ts';
import { newVersionWorkflow } from '../../src/workbench/content/content.workflow.ts';
import {
  letterPhotos,
  letters,
  ratings,
  rectificationOrders,
  roleAssignments,
  type Role,
  type Scope,
} from '../../src/workbench/db/schema.ts';
import { workbenchPolicy } from '../../src/workbench/policy.ts';
import {
  appointmentPatterns,
  appointmentVisits,
} from '../../src/workbench/appointments/appointments.tables.ts';
import { loadCurrentStaff } from '../../src/workbench/session.ts';
import { kbEntries, kbVersions } from '../../src/workbench/kb/kb.tables.ts';
import { qaPublications } from '../../src/workbench/qa/qa.tables.ts';
import { questionnaires } from '../../src/workbench/questionnaires/questionnaires.tables.ts';
import { insertUrging } from '../../src/workbench/supervision/supervision.repository.ts';
import { roles } from '../../src/workbench/staff/roles.ts';
import { reconciliationDays, reconciliationDifferences } from '../../src/workbench/finance/finance.tables.ts';
import { recordViolation, registerVehicle } from '../../src/workbench/traffic/traffic.records.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import {
  assertAnswersAsMissing,
  assertPublicRoutesOpen,
  assertVisitorRefusedEverywhere,
  askAsApi,
  describeRoute,
  passedKernel,
  sampleUrl,
} from '../helpers/permission-matrix.ts';
import { openCase, SERVICES } from '../workbench/cases.support.ts';
import { browser, csrf, logIn, makeOfficer, startWorkbench, type Workbench } from '../workbench/support.ts';

// Generated from the workbench's own route list and policy registry: every route, every role at two reaches
// (one police station; the whole force), and a visitor who is not signed in. Adding a route adds its rows here.

const reaches: { label: string; unitCode: string; scope: Scope }[] = [
  { label: 'station', unitCode: 'SF-D01-P01', scope: 'unit' },
  { label: 'force-wide', unitCode: 'SF-0000', scope: 'subtree' },
];

/** Values for route params that name nothing: every route must answer for them as for a missing record. */
const missing: Record<string, string> = {
  id: randomUUID(),
  assignmentId: randomUUID(),
  code: 'SF-NONE',
  version: '999',
  zone: 'portal',
  folder: 'forms',
  name: 'no-such-document.pdf',
  number: 'SF-ZA-20260101-999999',
  attachmentId: randomUUID(),
  action: 'accept',
  letterNumber: 'XJ-20260101-AAAAAAAA',
  photoId: randomUUID(),
  bookingCode: 'ZZZZZZZZ',
  day: '2000-01-01',
  plate: '示Z99999',
};

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
  // Guides of many units, for the record family below.
  await seedCatalog(zone.services);
});
after(async () => zone.close());

test('every route declares a permission the registry knows', () => {
  const routes = zone.app.routeList;
  assert.ok(routes.length > 30, `the workbench registers its routes (${routes.length})`);
  const undeclared = routes.filter((r) => r.permission !== PUBLIC && !workbenchPolicy.has(r.permission));
  assert.deepEqual(undeclared.map(describeRoute), []);
});

describe('a visitor who is not signed in', () => {
  test('is sent to sign in on every protected page and gets 401 from every protected route', async () => {
    await assertVisitorRefusedEverywhere(zone.app, browser(zone.app), missing, '/staff/login');
  });

  test('reaches every public route', async () => {
    await assertPublicRoutesOpen(zone.app, browser(zone.app), missing);
  });
});

for (const reach of reaches) {
  describe(`each role, ${reach.label}`, () => {
    for (const role of roles) {
      test(`${role} gets exactly what the policy allows on every route`, async () => {
        const officer = await makeOfficer(zone, {
          unitCode: reach.unitCode,
          role,
          scope: reach.scope,
          enrolled: true,
        });
        const client = await logIn(zone, officer);
        const actor = await loadCurrentStaff(zone.services.db, officer.id);
        assert.ok(actor);
        for (const route of zone.app.routeList.filter((r) => r.permission !== PUBLIC)) {
          const answer = await askAsApi(client, route.method, sampleUrl(route, missing));
          const label = `${describeRoute(route)} as ${role}: ${JSON.stringify(answer)}`;
          if (workbenchPolicy.can(actor, route.permission)) assert.ok(passedKernel(answer), label);
          else assert.deepEqual([answer.status, answer.code], [403, 'FORBIDDEN'], label);
        }
      });
    }
  });
}

// A record outside the officer's jurisdiction answers exactly as a record that does not exist, so the answer
// does not tell him it is there. Each family names the records its routes' params point at.
interface Family {
  label: string;
  pattern: RegExp;
  signIn(): Promise<{ client: FormClient; token: string }>;
  /** What the routes' forms post, so each request passes its schema and reaches the record lookup. */
  fields: Record<string, string>;
  foreign(): Promise<Record<string, string>>;
}

async function signedIn(role: Role, unitCode: string, scope: Scope, formPage: string) {
  const officer = await makeOfficer(zone, { unitCode, role, scope, enrolled: true });
  const client = await logIn(zone, officer);
  return { client, token: csrf((await client.get(formPage)).body) };
}

const families: Family[] = [
  {
    label: 'a unit of another district, to a district administrator',
    pattern: /^\/org\/:code\//,
    signIn: () => signedIn('administrator', 'SF-D01', 'subtree', '/org'),
    fields: { parentCode: 'SF-D01', kind: 'station', name: '某派出所' },
    foreign: async () => ({ code: 'SF-D02-P01' }),
  },
  {
    label: 'another district’s officer, to a district administrator',
    pattern: /^\/staff\/:id(?:\/|$)/,
    signIn: () => signedIn('administrator', 'SF-D01', 'subtree', '/staff'),
    fields: { role: 'window-clerk', unitCode: 'SF-D01', scope: 'unit', newPassword: 'Lantern-Quay-4418-x' },
    foreign: async () => {
      const other = await makeOfficer(zone, { unitCode: 'SF-D02-P01', role: 'window-clerk' });
      const [assignment] = await zone.services.db
        .select({ id: roleAssignments.id })
        .from(roleAssignments)
        .where(eq(roleAssignments.staffId, other.id));
      assert.ok(assignment);
      return { id: other.id, assignmentId: assignment.id };
    },
  },
  {
    label: 'a guide of another unit, to a station’s content editor and approver',
    pattern: /^\/catalog\/:id(?:\/|$)/,
    signIn: async () => {
      const officer = await makeOfficer(zone, {
        unitCode: 'SF-D01-P01',
        assignments: [
          { role: 'content-editor', unitCode: 'SF-D01-P01', scope: 'unit' },
          { role: 'approver', unitCode: 'SF-D01-P01', scope: 'unit' },
        ],
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/catalog/new')).body) };
    },
    fields: { version: '1', baseVersion: '1', comment: '请补充材料说明', reason: '内容需要更新' },
    foreign: async () => {
      const [item] = await zone.services.db
        .select({ id: catalogItems.id })
        .from(catalogItems)
        .where(and(not(like(catalogItems.unitCode, 'SF-D01-P01%'))))
        .limit(1);
      assert.ok(item, 'the demo catalogue has guides of other units');
      return { id: item.id, version: '1' };
    },
  },
  {
    label: 'a case of another unit, to a station’s window clerk, reviewer, approver and supervisor',
    pattern: /^\/cases\/:number(?:\/|$)/,
    signIn: async () => {
      const station = 'SF-D01-P01';
      const officer = await makeOfficer(zone, {
        unitCode: station,
        assignments: (['window-clerk', 'reviewer', 'approver', 'supervisor'] as const).map((role) => ({
          role,
          unitCode: station,
          scope: 'unit' as const,
        })),
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/cases')).body) };
    },
    fields: {
      message: '材料齐全',
      legalBasis: '《行政许可法》第三十二条',
      badgeNo: 'SF1001',
      action: 'create',
    },
    foreign: async () => {
      const { row } = await openCase(zone, SERVICES.certificate);
      return { number: row.caseNumber };
    },
  },
  {
    label: 'an article of another unit, to a station’s content editor and approver',
    pattern: /^\/content\/:id(?:\/|$)/,
    signIn: async () => {
      const officer = await makeOfficer(zone, {
        unitCode: 'SF-D01-P01',
        assignments: [
          { role: 'content-editor', unitCode: 'SF-D01-P01', scope: 'unit' },
          { role: 'approver', unitCode: 'SF-D01-P01', scope: 'unit' },
        ],
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/content/new')).body) };
    },
    fields: {
      version: '1',
      baseVersion: '1',
      title: '标题',
      body: '正文',
      comment: '请修改',
      reason: '过期',
    },
    foreign: async () => {
      const now = zone.services.now();
      const [article] = await zone.services.db
        .insert(contentArticles)
        .values({
          column: 'notices',
          unitCode: 'SF-JJ',
          title: '交警支队通知',
          currentVersion: 1,
          status: 'in-review',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: contentArticles.id });
      assert.ok(article);
      await zone.services.db.insert(contentVersions).values({
        articleId: article.id,
        version: 1,
        title: '交警支队通知',
        body: '正文',
        fields: {},
        state: 'in-review',
        ...newVersionWorkflow(),
        authorBadge: 'SF5101',
        editors: ['SF5101'],
        createdAt: now,
        updatedAt: now,
      });
      return { id: String(article.id), version: '1' };
    },
  },
  {
    label: 'a booking and a slot pattern of another unit, to a station’s window clerk and supervisor',
    pattern: /^\/appointments\/(?:bookings\/:bookingCode|patterns\/:id)(?:\/|$)/,
    signIn: async () => {
      const station = 'SF-D01-P01';
      const officer = await makeOfficer(zone, {
        unitCode: station,
        assignments: (['window-clerk', 'supervisor'] as const).map((role) => ({
          role,
          unitCode: station,
          scope: 'unit' as const,
        })),
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/appointments')).body) };
    },
    fields: { outcome: 'attended' },
    foreign: async () => {
      const db = zone.services.db;
      await db.insert(appointmentVisits).values({
        code: 'K7M2Q9XA',
        unitCode: 'SF-JG',
        itemId: 'detainee-family-visit-booking',
        date: '2026-01-05',
        startTime: '09:00',
        endTime: '10:00',
        name: '李示范',
        idNumberMasked: '110***********0016',
        details: {},
        status: 'booked',
        bookedAt: zone.services.now(),
      });
      const [pattern] = await db
        .insert(appointmentPatterns)
        .values({
          unitCode: 'SF-JG',
          itemId: 'detainee-family-visit-booking',
          weekday: 1,
          startTime: '09:00',
          endTime: '10:00',
          quota: 3,
          createdBy: randomUUID(),
          createdAt: zone.services.now(),
        })
        .returning({ id: appointmentPatterns.id });
      assert.ok(pattern);
      return { bookingCode: 'K7M2Q9XA', id: pattern.id };
    },
  },
  {
    label: 'another district’s unit, to a district supervisor',
    pattern: /^\/supervision\/units\/:code(?:\/|$)/,
    signIn: () => signedIn('supervisor', 'SF-D01', 'subtree', '/supervision/units/SF-D01'),
    fields: { replyDays: '2', message: '请尽快办理', all: '1' },
    foreign: async () => ({ code: 'SF-D02' }),
  },
  {
    label: 'another district’s statistics, to a district approver',
    pattern: /^\/statistics\/units\/:code(?:\/|$)/,
    signIn: () => signedIn('approver', 'SF-D01', 'subtree', '/statistics/units/SF-D01'),
    fields: {},
    foreign: async () => ({ code: 'SF-D02' }),
  },
  {
    label: 'an urging sent to another unit, to a station’s officers of every duty that answers',
    pattern: /^\/urgings\/:id(?:\/|$)/,
    signIn: async () => {
      const station = 'SF-D01-P01';
      const officer = await makeOfficer(zone, {
        unitCode: station,
        assignments: (['window-clerk', 'reviewer', 'approver', 'supervisor'] as const).map((role) => ({
          role,
          unitCode: station,
          scope: 'unit' as const,
        })),
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/urgings')).body) };
    },
    fields: { reason: '人手不足', promisedOn: '2030-01-01' },
    foreign: async () => {
      const { row } = await openCase(zone, SERVICES.certificate);
      const now = zone.services.now();
      const urging = await insertUrging(zone.services.db, {
        batchId: randomUUID(),
        source: 'case',
        itemRef: row.caseNumber,
        unitCode: row.unitCode,
        unitPath: row.unitPath,
        fromUnitCode: 'SF-0000',
        fromUnitPath: 'SF-0000',
        sentBy: 'SF0001',
        message: '请尽快办理',
        round: 1,
        workflowId: 'urging',
        workflowVersion: 1,
        state: 'awaiting-answer',
        replyDueOn: '2030-01-01',
        sentAt: now,
        updatedAt: now,
      });
      return { id: urging.id };
    },
  },
  {
    label: 'a letter of another unit, to a station’s letter handler and supervisor',
    pattern: /^\/letters\/:letterNumber(?:\/|$)/,
    signIn: async () => {
      const station = 'SF-D01-P01';
      const officer = await makeOfficer(zone, {
        unitCode: station,
        assignments: (['letter-handler', 'supervisor'] as const).map((role) => ({
          role,
          unitCode: station,
          scope: 'unit' as const,
        })),
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/letters')).body) };
    },
    fields: { text: '答复', unitCode: 'SF-ZA', reason: '理由', target: '12345', kind: 'complaint' },
    foreign: async () => {
      const now = zone.services.now();
      const photoId = randomUUID();
      await zone.services.db.insert(letterPhotos).values({
        attachmentId: photoId,
        citizenRef: randomUUID(),
        name: 'photo-1.png',
        mediaType: 'image/png',
        size: 4,
        content: Buffer.from('png!'),
        receivedAt: now,
      });
      await zone.services.db.insert(letters).values({
        letterNumber: 'XJ-20261206-CCCCCCCC',
        kind: 'consultation',
        topic: 'household',
        subject: '他单位的信件',
        body: '内容',
        publishAllowed: false,
        anonymous: true,
        unitCode: 'SF-HZ',
        unitPath: 'SF-0000/SF-HZ',
        workflowId: 'letter',
        workflowVersion: 1,
        state: 'open-simple',
        photos: [{ id: photoId, name: 'photo-1.png', mediaType: 'image/png', size: 4 }],
        receivedAt: now,
        updatedAt: now,
      });
      return { letterNumber: 'XJ-20261206-CCCCCCCC', photoId };
    },
  },
  {
    label: 'a bad review’s rectification order of another unit, to a station’s supervisor and leader',
    pattern: /^\/ratings\/orders\/:id(?:\/|$)/,
    signIn: async () => {
      const station = 'SF-D01-P01';
      const officer = await makeOfficer(zone, {
        unitCode: station,
        assignments: (['supervisor', 'approver'] as const).map((role) => ({
          role,
          unitCode: station,
          scope: 'unit' as const,
        })),
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/ratings')).body) };
    },
    fields: { action: 'verify', text: '核实', result: 'checked' },
    foreign: async () => {
      const now = zone.services.now();
      const ratingId = randomUUID();
      await zone.services.db.insert(ratings).values({
        id: ratingId,
        subjectKind: 'letter',
        subjectNumber: 'XJ-20261206-EEEEEEEE',
        level: 1,
        reasons: ['514'],
        defaulted: false,
        channel: 'web',
        ratedAt: now,
        unitCode: 'SF-HZ',
        unitPath: 'SF-0000/SF-HZ',
        receivedAt: now,
      });
      const [order] = await zone.services.db
        .insert(rectificationOrders)
        .values({
          ratingId,
          unitCode: 'SF-HZ',
          unitPath: 'SF-0000/SF-HZ',
          workflowId: 'rectification',
          workflowVersion: 1,
          state: 'verifying',
          openedAt: now,
          updatedAt: now,
        })
        .returning({ id: rectificationOrders.id });
      return { id: order!.id };
    },
  },
  {
    label: 'the merchant account’s reconciliation, to a district’s finance officer',
    pattern: /^\/finance\/reconciliation\/:day(?:\/|$)/,
    signIn: () => signedIn('finance-officer', 'SF-D01', 'subtree', '/finance/reconciliation'),
    fields: { resolution: 'no-action', reason: '已核实' },
    foreign: async () => {
      const now = zone.services.now();
      const totals = { payments: 1, paymentFen: 2000, refunds: 0, refundFen: 0 };
      await zone.services.db
        .insert(reconciliationDays)
        .values({ day: '2026-11-30', here: totals, there: totals, computedAt: now, receivedAt: now })
        .onConflictDoNothing();
      const [difference] = await zone.services.db
        .insert(reconciliationDifferences)
        .values({
          day: '2026-11-30',
          kind: 'unknown-order',
          type: 'payment',
          reference: 'P20261130000000000009',
          hereFen: null,
          thereFen: 700,
          workflowId: 'reconciliation-difference',
          workflowVersion: 1,
          state: 'open',
          updatedAt: now,
          firstSeenAt: now,
          lastSeenAt: now,
        })
        .returning({ id: reconciliationDifferences.id });
      return { day: '2026-11-30', id: difference!.id };
    },
  },
  {
    label: 'a knowledge-base entry of another division, to a station’s letter handler and leader',
    pattern: /^\/kb\/:id(?:\/|$)/,
    signIn: async () => {
      const station = 'SF-D01-P01';
      const officer = await makeOfficer(zone, {
        unitCode: station,
        assignments: (['letter-handler', 'approver'] as const).map((role) => ({
          role,
          unitCode: station,
          scope: 'unit' as const,
        })),
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/kb')).body) };
    },
    fields: {
      question: '问题',
      answer: '答复',
      keywords: '',
      area: 'household',
      decision: 'approve',
      comment: '意见',
      reason: '理由',
    },
    foreign: async () => {
      const now = zone.services.now();
      const [entry] = await zone.services.db
        .insert(kbEntries)
        .values({
          unitCode: 'SF-HZ',
          unitPath: 'SF-0000/SF-HZ',
          currentVersion: 1,
          latestVersion: 1,
          createdBy: 'X1',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: kbEntries.id });
      await zone.services.db.insert(kbVersions).values({
        entryId: entry!.id,
        version: 1,
        question: '他单位的口径',
        answer: '答复',
        keywords: [],
        area: 'household',
        public: false,
        state: 'in-use',
        workflowId: 'kb-version',
        workflowVersion: 1,
        authorBadge: 'X1',
        searchText: '',
        searchVector: '',
        createdAt: now,
        updatedAt: now,
      });
      return { id: entry!.id };
    },
  },
  {
    label: 'a letter or Q&A of another division, to a station’s network spokesperson',
    pattern: /^\/qa\/(?:letters\/:letterNumber|:id)(?:\/|$)/,
    signIn: () => signedIn('network-spokesperson', 'SF-D01-P01', 'unit', '/qa'),
    fields: { question: '问题', answer: '答复' },
    foreign: async () => {
      const now = zone.services.now();
      await zone.services.db.insert(letters).values({
        letterNumber: 'XJ-20261206-QQQQQQQQ',
        kind: 'consultation',
        topic: 'household',
        subject: '他单位的信件',
        body: '内容',
        publishAllowed: true,
        anonymous: true,
        unitCode: 'SF-HZ',
        unitPath: 'SF-0000/SF-HZ',
        workflowId: 'letter',
        workflowVersion: 1,
        state: 'replied',
        reply: '答复',
        receivedAt: now,
        updatedAt: now,
      });
      const [row] = await zone.services.db
        .insert(qaPublications)
        .values({
          letterNumber: 'XJ-20261206-RRRRRRRR',
          unitCode: 'SF-HZ',
          unitPath: 'SF-0000/SF-HZ',
          topic: 'household',
          question: '问',
          answer: '答',
          publishedBy: 'X1',
          publishedAt: now,
        })
        .returning({ id: qaPublications.id });
      return { letterNumber: 'XJ-20261206-QQQQQQQQ', id: row!.id };
    },
  },
  {
    label: 'a questionnaire of another division, to a station’s supervisor and leader',
    pattern: /^\/questionnaires\/:id(?:\/|$)/,
    signIn: async () => {
      const station = 'SF-D01-P01';
      const officer = await makeOfficer(zone, {
        unitCode: station,
        assignments: (['supervisor', 'approver'] as const).map((role) => ({
          role,
          unitCode: station,
          scope: 'unit' as const,
        })),
        enrolled: true,
      });
      const client = await logIn(zone, officer);
      return { client, token: csrf((await client.get('/questionnaires/new')).body) };
    },
    fields: {
      titleZh: '问卷',
      titleEn: 'Survey',
      slots: '1',
      q1_kind: 'text',
      q1_zh: '意见',
      audience: 'everyone',
      opensOn: '2026-12-01',
      closesOn: '2027-12-31',
    },
    foreign: async () => {
      const now = zone.services.now();
      const [row] = await zone.services.db
        .insert(questionnaires)
        .values({
          unitCode: 'SF-HZ',
          unitPath: 'SF-0000/SF-HZ',
          definition: {
            title: { zh: '他单位的问卷', en: 'Another unit’s survey' },
            intro: { zh: '', en: '' },
            questions: [
              {
                id: 'q1',
                kind: 'text',
                label: { zh: '意见', en: '' },
                required: false,
                options: [],
                showIf: null,
              },
            ],
          },
          state: 'draft',
          workflowId: 'questionnaire',
          workflowVersion: 1,
          createdBy: 'X1',
          updatedBy: 'X1',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: questionnaires.id });
      return { id: row!.id };
    },
  },
  {
    label: 'a vehicle of the city’s vehicle office, to a station’s traffic officer',
    pattern: /^\/traffic\/vehicles\/:plate(?:\/|$)/,
    signIn: () => signedIn('traffic-officer', 'SF-D01-P01', 'unit', '/traffic'),
    fields: {},
    foreign: async () => {
      const plate = '示C54321';
      await registerVehicle(zone.services, { plate, ownerIdNumber: '110105198001010016', brand: '示范牌' });
      const id = await recordViolation(zone.services, {
        plate,
        occurredAt: zone.services.now(),
        place: '人民路明湖桥北口',
        offenceCode: '1344',
      });
      return { plate, id };
    },
  },
];

// Routes with params that are not about one unit's record, and why.
const notRecordScoped: Record<string, string> = {
  '/org/:code': 'the unit directory is open to every officer (changing a unit is the family above)',
  '/exchange/quarantine/:zone/:id': 'only force-wide officers reach the exchange at all',
  '/exchange/quarantine/:zone/:id/decide': 'only force-wide officers reach the exchange at all',
  '/open311-keys/:id/revoke': 'an API key belongs to no unit; only force-wide administrators reach the keys',
  '/holidays/:id/decision': 'a holiday schedule is force-wide; only force-wide administrators reach it',
  '/catalog/documents/:folder/:name': 'the document library is shared by every unit’s guides',
  '/media/content/:name':
    'a picture uploaded for publication, named by its hash; any officer with a content duty may preview it',
};

test('every route with params is covered by a record family or says why it is not about one unit', () => {
  const uncovered = zone.app.routeList
    .filter((r) => r.url.includes(':'))
    .filter((r) => !families.some((f) => f.pattern.test(r.url)) && !(r.url in notRecordScoped));
  assert.deepEqual(uncovered.map(describeRoute), []);
});

for (const family of families) {
  test(`${family.label}: every route answers as for a missing record`, async () => {
    const { client, token } = await family.signIn();
    const foreign = await family.foreign();
    const routes = zone.app.routeList.filter((r) => family.pattern.test(r.url));
    assert.ok(routes.length > 0, family.label);
    for (const route of routes) {
      const there = sampleUrl(route, { ...missing, ...foreign });
      const absent = sampleUrl(route, missing);
      await assertAnswersAsMissing(client, token, route, { there, absent }, family.fields);
    }
  });
}
