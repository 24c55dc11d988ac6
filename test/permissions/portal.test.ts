import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { citizens } from '../../src/portal/db/schema.ts';
import { applications } from '../../src/portal/applications/applications.tables.ts';
import { appointmentBookings, appointmentSlots } from '../../src/portal/appointments/appointments.tables.ts';
import { companies, companyAgents, companyInvitations } from '../../src/portal/companies/companies.tables.ts';
import { letters } from '../../src/portal/letters/letters.tables.ts';
import { payables } from '../../src/portal/payments/payments.tables.ts';
import { trafficViolationCopies } from '../../src/portal/traffic/traffic.tables.ts';
import { portalPolicy } from '../../src/portal/policy.ts';
import { PUBLIC } from '../../src/shared/policy/registry.ts';
import { csrfFrom, FormClient } from '../helpers/browser-like.ts';
import { freshMobile, registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import {
  assertAnswersAsMissing,
  assertPublicRoutesOpen,
  assertVisitorRefusedEverywhere,
  askAsApi,
  describeRoute,
  passedKernel,
  sampleUrl,
} from '../helpers/permission-matrix.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// Generated from the portal's own route list and policy registry: a visitor who is not signed in, a signed-in
// citizen, and another person's company, claim and invitation, which must answer exactly like missing ones.

const missing: Record<string, string> = {
  id: randomUUID(),
  entryId: randomUUID(),
  area: 'no-such-area',
  event: 'no-such-event',
  folder: 'forms',
  name: 'no-such-document.pdf',
  slug: 'no-such-service',
  pageId: 'applicant',
  caseNumber: 'SF-ZA-20261206-999999',
  documentId: randomUUID(),
  code: 'AAAAAAAAAAAAAAAAAAAAAAAAAA',
  kind: 'no-such-kind',
  letterNumber: 'XJ-20260101-AAAAAAAA',
  column: 'no-such-column',
  hall: 'no-such-hall',
  bookingCode: 'ZZZZZZZZ',
  payableId: randomUUID(),
  number: 'XJ-20260101-AAAAAAAA',
  format: 'json',
  token: 'cSF-ZA-20261206-999999.abc.AAAAAAAAAAAAAAAAAAAAAA',
  violationId: randomUUID(),
};

let zone: TestZone;
let me: RegisteredCitizen;
before(async () => {
  zone = await startTestZone('portal');
  me = await registerCitizen(zone);
});
after(async () => zone.close());

test('every route declares a permission the registry knows', () => {
  const routes = zone.app.routeList;
  assert.ok(routes.length > 30, `the portal registers its routes (${routes.length})`);
  const unknown = routes.filter((r) => r.permission !== PUBLIC && !portalPolicy.has(r.permission));
  assert.deepEqual(unknown.map(describeRoute), []);
});

describe('a visitor who is not signed in', () => {
  test('is sent to sign in on every protected page and gets 401 from every protected route', async () => {
    await assertVisitorRefusedEverywhere(zone.app, new FormClient(zone.app), missing, '/login');
  });

  test('reaches every public route', async () => {
    await assertPublicRoutesOpen(zone.app, new FormClient(zone.app), missing);
  });
});

test('a signed-in citizen gets exactly what the policy allows on every route', async () => {
  const [actor] = await zone.services.db
    .select({ id: citizens.id, displayName: citizens.displayName, mobile: citizens.mobile })
    .from(citizens)
    .where(eq(citizens.id, me.id));
  assert.ok(actor);
  for (const route of zone.app.routeList.filter((r) => r.permission !== PUBLIC)) {
    const answer = await askAsApi(me.client, route.method, sampleUrl(route, missing));
    const label = `${describeRoute(route)}: ${JSON.stringify(answer)}`;
    if (portalPolicy.can(actor, route.permission)) assert.ok(passedKernel(answer), label);
    else assert.deepEqual([answer.status, answer.code], [403, 'FORBIDDEN'], label);
  }
});

/** Another person's active company (he is its legal representative), and an invitation sent to his number. */
async function anotherPersonsCompany(): Promise<Record<string, string>> {
  const other = await registerCitizen(zone);
  const db = zone.services.db;
  const [company] = await db
    .insert(companies)
    .values({ creditCode: '91350400MA00000001', name: '示范他人公司', createdBy: other.id, status: 'active' })
    .returning({ id: companies.id });
  assert.ok(company);
  await db
    .insert(companyAgents)
    .values({ companyId: company.id, citizenId: other.id, role: 'legal-representative' });
  const [invitation] = await db
    .insert(companyInvitations)
    .values({
      companyId: company.id,
      invitedBy: other.id,
      mobile: other.mobile,
      expiresAt: new Date(zone.services.now().getTime() + 86_400_000),
    })
    .returning({ id: companyInvitations.id });
  assert.ok(invitation);
  const [application] = await db
    .insert(applications)
    .values({
      citizenId: other.id,
      itemId: 'no-criminal-record-certificate',
      itemVersion: 1,
      formId: 'no-criminal-record-certificate',
      formVersion: 1,
      caseNumber: 'SF-ZA-20261206-000001',
      submittedAt: zone.services.now(),
      status: 'missing-materials',
      applicantMay: ['withdraw', 'supplement'],
      inFlight: true,
    })
    .returning({ caseNumber: applications.caseNumber });
  assert.ok(application?.caseNumber);
  return { company: company.id, invitation: invitation.id, caseNumber: application.caseNumber };
}

// Routes with params that are not about one person's records, and why.
const notPersonal: Record<string, string> = {
  '/services/areas/:area': 'the public catalogue',
  '/services/life-events/:event': 'the public catalogue',
  '/services/items/:id': 'the public catalogue',
  '/services/files/:folder/:name': 'the public catalogue’s blank forms and samples',
  '/api/v1/services/:id': 'the public catalogue',
  '/services/:slug/apply': 'the public start page; a draft is made only for the person signed in',
  '/verify/:code': 'public verification of a document by the random code printed on it',
  '/directory/:code': 'the public directory of units',
  '/payments/verify/:code': 'public verification of a payment receipt by the random code printed on it',
  '/traffic/verify/:code':
    'public verification of a traffic penalty decision by the random code printed on it (plate masked)',
  '/appointments/verify/:code':
    'public verification of a booking confirmation by the random code printed on it (no person named)',
  '/r/:token':
    'the SMS rating link: the signed token is the key, a forged one is not found (ratings-channels test)',
  '/interaction/write/:kind': 'the blank form of a kind of letter, the same for every citizen',
  '/news/:column': 'the published articles',
  '/interaction/answers/:entryId/helped': 'a published instant answer, the same for everyone',
  '/qa/:id': 'the public Q&A, published with personal data removed',
  '/interaction/questionnaires/:id':
    'a published questionnaire, the same for its whole audience; the one-response guard is the person or browser',
  '/interaction/questionnaires/:id/thanks':
    'the thanks after answering a published questionnaire, the same for all',
  '/disclosure/:column': 'the published articles',
  '/articles/:id': 'the published articles',
  '/museum/halls/:hall': 'the online police museum, published exhibits',
  '/media/content/:name': 'a picture of a published article or exhibit',
  '/museum/exhibits/:id': 'the online police museum, published exhibits',
  '/feeds/:column/rss.xml': 'the published articles',
  '/feeds/:column/atom.xml': 'the published articles',
  '/open311/v2/discovery.:format': 'the Open311 discovery document, the same for every client',
  '/open311/v2/services.:format': 'the Open311 service list, the same for every client',
  '/open311/v2/services/:code.:format': 'an Open311 service definition, the same for every client',
  '/open311/v2/requests.:format':
    'Open311 requests: POST files an anonymous tip with an API key; GET lists only public fields of tips',
  '/open311/v2/requests/:id.:format': 'one Open311 request, public fields only, of no person',
  '/open311/v2/tokens/:token.:format': 'an Open311 token, known only to the client that filed the tip',
  '/open311/v2/servicerequestupdates.:format':
    'Open311 updates: the status steps of API tips in general terms, of no person',
  '/feeds/:column/en/rss.xml': 'the published articles, in English',
  '/feeds/:column/en/atom.xml': 'the published articles, in English',
  '/services/:slug/book':
    'the booking page of a catalogue item; a booking is made only for the person signed in',
};
const companyRoutes = /^\/account\/companies\/:id(?:\/|$)/;
const invitationRoutes = /^\/account\/invitations\/:id\//;
const applicationRoutes = /^\/(?:api\/v1\/)?applications\/:id(?:\/|$)/;
const caseRoutes = /^(?:\/api\/v1)?\/my\/cases\/:caseNumber(?:\/|$)/;
const letterRoutes = /^\/my\/letters\/:letterNumber(?:\/|$)/;
const bookingRoutes = /^\/my\/appointments\/:bookingCode(?:\/|$)/;
const payableRoutes = /^\/my\/payments\/:payableId(?:\/|$)/;
const ratingRoutes = /^\/my\/ratings\/:kind\/:number(?:\/|$)/;
const violationRoutes = /^\/my\/traffic\/violations\/:violationId(?:\/|$)/;
const familyOf = (url: string) =>
  letterRoutes.test(url) ||
  companyRoutes.test(url) ||
  invitationRoutes.test(url) ||
  applicationRoutes.test(url) ||
  caseRoutes.test(url) ||
  bookingRoutes.test(url) ||
  payableRoutes.test(url) ||
  ratingRoutes.test(url) ||
  violationRoutes.test(url);

test('every route with params is about another person’s records or says why it is not', () => {
  const uncovered = zone.app.routeList
    .filter((r) => r.url.includes(':'))
    .filter((r) => !familyOf(r.url) && !(r.url in notPersonal));
  assert.deepEqual(uncovered.map(describeRoute), []);
});

test('another person’s company, invitation and case answer exactly as missing ones do', async () => {
  const theirs = await anotherPersonsCompany();
  const token = csrfFrom((await me.client.get('/account')).body);
  assert.ok(token);
  const fields = { mobile: freshMobile(), member: randomUUID() };
  const routes = zone.app.routeList.filter(
    (r) =>
      familyOf(r.url) &&
      !applicationRoutes.test(r.url) &&
      !bookingRoutes.test(r.url) &&
      !payableRoutes.test(r.url) &&
      !ratingRoutes.test(r.url) &&
      !violationRoutes.test(r.url),
  );
  assert.ok(routes.length >= 12, 'the company, invitation and case routes are registered');
  for (const route of routes) {
    const id = companyRoutes.test(route.url) ? theirs.company : theirs.invitation;
    const there = sampleUrl(route, { ...missing, id: id ?? '', caseNumber: theirs.caseNumber ?? '' });
    await assertAnswersAsMissing(
      me.client,
      token,
      route,
      { there, absent: sampleUrl(route, missing) },
      fields,
    );
  }
});

test('another person’s application answers exactly as a missing one does', async () => {
  const other = await registerCitizen(zone);
  const [theirs] = await zone.services.db
    .insert(applications)
    .values({
      citizenId: other.id,
      itemId: 'no-criminal-record-certificate',
      itemVersion: 1,
      formId: 'no-criminal-record-certificate',
      formVersion: 1,
    })
    .returning({ id: applications.id });
  assert.ok(theirs);
  const token = csrfFrom((await me.client.get('/account')).body);
  assert.ok(token);
  const fields = { submitKey: randomUUID(), name: '林示范' };
  const routes = zone.app.routeList.filter((r) => applicationRoutes.test(r.url));
  assert.ok(routes.length >= 8, 'the application routes are registered');
  for (const route of routes) {
    const there = sampleUrl(route, { ...missing, id: theirs.id });
    await assertAnswersAsMissing(
      me.client,
      token,
      route,
      { there, absent: sampleUrl(route, missing) },
      fields,
    );
  }
});

test('another person’s booking answers exactly as a missing one does', async () => {
  const other = await registerCitizen(zone);
  const db = zone.services.db;
  const key = 'SF-JG/detainee-family-visit-booking/2099-01-05/09:00';
  await db.insert(appointmentSlots).values({
    slotKey: key,
    unitCode: 'SF-JG',
    unitName: '示范市拘留所',
    itemId: 'detainee-family-visit-booking',
    date: '2099-01-05',
    startTime: '09:00',
    endTime: '10:00',
    startsAt: new Date('2099-01-05T01:00:00Z'),
    quota: 2,
    booked: 1,
    releasedAt: zone.services.now(),
  });
  await db.insert(appointmentBookings).values({
    code: 'K7M2Q9XA',
    citizenId: other.id,
    itemId: 'detainee-family-visit-booking',
    slotKey: key,
    detailsSealed: zone.services.sealer.seal('{}'),
    createdAt: zone.services.now(),
    updatedAt: zone.services.now(),
  });
  const token = csrfFrom((await me.client.get('/account')).body);
  assert.ok(token);
  const routes = zone.app.routeList.filter((r) => bookingRoutes.test(r.url));
  assert.ok(routes.length >= 5, 'the booking routes are registered');
  for (const route of routes) {
    const there = sampleUrl(route, { ...missing, bookingCode: 'K7M2Q9XA' });
    await assertAnswersAsMissing(
      me.client,
      token,
      route,
      { there, absent: sampleUrl(route, missing) },
      { slot: key },
    );
  }
});

test('another person’s letter answers exactly as a missing one does', async () => {
  const other = await registerCitizen(zone);
  const now = zone.services.now();
  const [theirs] = await zone.services.db
    .insert(letters)
    .values({
      letterNumber: 'XJ-20261206-BBBBBBBB',
      citizenId: other.id,
      kind: 'consultation',
      topic: 'household',
      subject: '他人的信件',
      body: '内容',
      submittedAt: now,
      updatedAt: now,
    })
    .returning({ letterNumber: letters.letterNumber });
  assert.ok(theirs);
  const token = csrfFrom((await me.client.get('/my/letters')).body);
  assert.ok(token);
  const routes = zone.app.routeList.filter((r) => letterRoutes.test(r.url));
  assert.ok(routes.length >= 2, 'the letter routes are registered');
  for (const route of routes) {
    const there = sampleUrl(route, { ...missing, letterNumber: theirs.letterNumber });
    await assertAnswersAsMissing(
      me.client,
      token,
      route,
      { there, absent: sampleUrl(route, missing) },
      { text: '补充情况' },
    );
  }
});

test('another person’s rating page answers exactly as a missing one does', async () => {
  const other = await registerCitizen(zone);
  const now = zone.services.now();
  const [theirs] = await zone.services.db
    .insert(letters)
    .values({
      letterNumber: 'XJ-20261206-DDDDDDDD',
      citizenId: other.id,
      kind: 'consultation',
      topic: 'household',
      subject: '他人已答复的信件',
      body: '内容',
      status: 'replied',
      submittedAt: now,
      updatedAt: now,
    })
    .returning({ letterNumber: letters.letterNumber });
  assert.ok(theirs);
  const token = csrfFrom((await me.client.get('/my/letters')).body);
  assert.ok(token);
  const routes = zone.app.routeList.filter((r) => ratingRoutes.test(r.url));
  assert.ok(routes.length >= 3, 'the rating routes are registered');
  for (const route of routes) {
    const there = sampleUrl(route, { ...missing, kind: 'letter', number: theirs.letterNumber });
    const absent = sampleUrl(route, { ...missing, kind: 'letter', number: 'XJ-20260101-AAAAAAAA' });
    await assertAnswersAsMissing(
      me.client,
      token,
      route,
      { there, absent },
      { level: '5', answer: 'accept' },
    );
  }
});

test('another person’s fee answers exactly as a missing one does', async () => {
  const other = await registerCitizen(zone);
  const [theirs] = await zone.services.db
    .insert(payables)
    .values({
      kind: 'case-fee',
      reference: 'SF-ZA-20261206-000002',
      citizenId: other.id,
      amountFen: 2000,
      description: { zh: '工本费', en: 'Fee' },
      payeeUnit: 'SF-ZA',
      createdAt: zone.services.now(),
    })
    .returning({ id: payables.id });
  assert.ok(theirs);
  const token = csrfFrom((await me.client.get('/account')).body);
  assert.ok(token);
  const routes = zone.app.routeList.filter((r) => payableRoutes.test(r.url));
  assert.ok(routes.length >= 2, 'the payment routes are registered');
  for (const route of routes) {
    const there = sampleUrl(route, { ...missing, payableId: theirs.id });
    await assertAnswersAsMissing(me.client, token, route, { there, absent: sampleUrl(route, missing) }, {});
  }
});

test('another person’s traffic violation answers exactly as a missing one does', async () => {
  const other = await registerCitizen(zone);
  const id = randomUUID();
  await zone.services.db.insert(trafficViolationCopies).values({
    id,
    citizenId: other.id,
    plate: '示B61000',
    occurredAt: zone.services.now(),
    place: '解放路200号前',
    offenceCode: '1039',
    offence: { zh: '机动车违反规定停放', en: 'Parking where it is not allowed' },
    points: 0,
    fineFen: 15_000,
    state: 'unhandled',
    decisionNo: null,
    unitCode: 'SF-JJ',
    photo: Buffer.from('not shown'),
    updatedAt: zone.services.now(),
  });
  const token =
    csrfFrom((await me.client.get('/my/traffic')).body) ?? csrfFrom((await me.client.get('/account')).body);
  assert.ok(token);
  const routes = zone.app.routeList.filter((r) => violationRoutes.test(r.url));
  assert.ok(routes.length >= 3, 'the violation routes are registered');
  for (const route of routes) {
    const there = sampleUrl(route, { ...missing, violationId: id });
    await assertAnswersAsMissing(
      me.client,
      token,
      route,
      { there, absent: sampleUrl(route, missing) },
      {
        confirm: 'yes',
      },
    );
  }
});
