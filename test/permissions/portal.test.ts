import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { companies, companyAgents, companyInvitations } from '../../src/portal/db/schema.ts';
import { portalPolicy } from '../../src/portal/policy.ts';
import { PUBLIC } from '../../src/shared/policy/registry.ts';
import { FormClient, csrfFrom } from '../helpers/browser-like.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import {
  askAsApi,
  askAsPage,
  describeRoute,
  passedKernel,
  postForm,
  sampleUrl,
} from '../helpers/permission-matrix.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// Generated from the portal's own route list and policy registry: a visitor who is not signed in, a signed-in
// citizen, and the records that belong to someone else. Adding a route adds its rows here.

let zone: TestZone;
let owner: RegisteredCitizen;
let agent: RegisteredCitizen;
let stranger: RegisteredCitizen;
const records = { company: '', claim: '', invitation: '' };

before(async () => {
  zone = await startTestZone('portal');
  [owner, agent, stranger] = [
    await registerCitizen(zone),
    await registerCitizen(zone),
    await registerCitizen(zone),
  ];
  // Built directly: the claim's crossing to the market registry is test/portal/companies.test.ts's subject.
  const now = zone.services.now();
  const db = zone.services.db;
  const [company] = await db
    .insert(companies)
    .values({
      creditCode: '91420100MA4K000001',
      name: '示范市权限测试有限公司',
      createdBy: owner.id,
      status: 'active',
    })
    .returning({ id: companies.id });
  const [claim] = await db
    .insert(companies)
    .values({ creditCode: '91420100MA4K000002', name: '示范市待核验公司', createdBy: owner.id })
    .returning({ id: companies.id });
  assert.ok(company && claim);
  await db.insert(companyAgents).values([
    { companyId: company.id, citizenId: owner.id, role: 'legal-representative' },
    { companyId: company.id, citizenId: agent.id, role: 'agent' },
  ]);
  const [invitation] = await db
    .insert(companyInvitations)
    .values({
      companyId: company.id,
      invitedBy: owner.id,
      mobile: owner.mobile,
      expiresAt: new Date(now.getTime() + 86_400_000),
    })
    .returning({ id: companyInvitations.id });
  assert.ok(invitation);
  Object.assign(records, { company: company.id, claim: claim.id, invitation: invitation.id });
});
after(() => zone.close());

/** Values for route params that name nothing: every route must answer for them as for a missing record. */
const missing: Record<string, string> = {
  id: randomUUID(),
  area: 'household',
  event: 'abroad',
  folder: 'forms',
  name: 'no-such-document.pdf',
};

test('every route declares a permission the registry knows', () => {
  const routes = zone.app.routeList;
  assert.ok(routes.length > 30, `the portal registers its routes (${routes.length})`);
  const unknown = routes.filter((r) => r.permission !== PUBLIC && !portalPolicy.has(r.permission));
  assert.deepEqual(unknown.map(describeRoute), []);
});

describe('a visitor who is not signed in', () => {
  test('is sent to sign in on every protected page and gets 401 from every protected route', async () => {
    const client = new FormClient(zone.app);
    const routes = zone.app.routeList.filter((r) => r.permission !== PUBLIC);
    assert.ok(routes.length > 10);
    for (const route of routes) {
      const url = sampleUrl(route, missing);
      const api = await askAsApi(client, route.method, url);
      assert.deepEqual([api.status, api.code], [401, 'UNAUTHENTICATED'], describeRoute(route));
      // A page, not the API (which answers JSON whatever the request accepts).
      if (route.method === 'GET' && !url.startsWith('/api/')) {
        const page = await askAsPage(client, url);
        assert.equal(page.status, 303, describeRoute(route));
        assert.equal(page.location, `/login?next=${encodeURIComponent(url)}`, describeRoute(route));
      }
    }
  });

  test('reaches every public route', async () => {
    const client = new FormClient(zone.app);
    for (const route of zone.app.routeList.filter((r) => r.permission === PUBLIC)) {
      const answer = await askAsApi(client, route.method, sampleUrl(route, missing));
      assert.ok(passedKernel(answer), `${describeRoute(route)}: ${JSON.stringify(answer)}`);
    }
  });
});

test('a signed-in citizen gets exactly what the policy allows on every route', async () => {
  const actor = { id: stranger.id, displayName: '', mobile: stranger.mobile };
  for (const route of zone.app.routeList.filter((r) => r.permission !== PUBLIC)) {
    const answer = await askAsApi(stranger.client, route.method, sampleUrl(route, missing));
    const label = `${describeRoute(route)}: ${JSON.stringify(answer)}`;
    if (portalPolicy.can(actor, route.permission)) assert.ok(passedKernel(answer), label);
    else assert.deepEqual([answer.status, answer.code], [403, 'FORBIDDEN'], label);
  }
});

// A company, claim or invitation of someone else answers exactly as one that does not exist, so the answer
// does not tell anyone it is there.
interface Family {
  label: string;
  pattern: RegExp;
  who: () => RegisteredCitizen;
  foreign: () => Record<string, string>;
}

const families: Family[] = [
  {
    label: 'a company the citizen does not act for',
    pattern: /^\/account\/companies\/:id(?:\/|$)/,
    who: () => stranger,
    foreign: () => ({ id: records.company }),
  },
  {
    label: 'another citizen’s claim still being checked',
    pattern: /^\/account\/companies\/:id(?:\/|$)/,
    who: () => stranger,
    foreign: () => ({ id: records.claim }),
  },
  {
    label: 'an agent, on the representative’s own actions',
    pattern: /^\/account\/companies\/:id\/(?:invitations|remove)$/,
    who: () => agent,
    foreign: () => ({ id: records.company }),
  },
  {
    label: 'an invitation sent to another number',
    pattern: /^\/account\/invitations\/:id\//,
    who: () => stranger,
    foreign: () => ({ id: records.invitation }),
  },
];

test('every route with params is covered by a record family or says why it is not someone’s record', () => {
  const notOwned: Record<string, string> = {
    '/services/areas/:area': 'the public catalogue',
    '/services/life-events/:event': 'the public catalogue',
    '/services/items/:id': 'the public catalogue',
    '/services/files/:folder/:name': 'the public catalogue’s blank forms and samples',
    '/api/v1/services/:id': 'the public catalogue',
  };
  const uncovered = zone.app.routeList
    .filter((r) => r.url.includes(':'))
    .filter((r) => !families.some((f) => f.pattern.test(r.url)) && !(r.url in notOwned));
  assert.deepEqual(uncovered.map(describeRoute), []);
});

test('the people a company or claim belongs to see it', async () => {
  for (const [who, id] of [
    [owner, records.company],
    [agent, records.company],
    [owner, records.claim],
  ] as const) {
    assert.equal((await who.client.get(`/account/companies/${id}`)).statusCode, 200);
  }
});

for (const family of families) {
  test(`${family.label}: every route answers as for a missing record`, async () => {
    const { client } = family.who();
    const token = csrfFrom((await client.get('/account')).body) ?? '';
    const routes = zone.app.routeList.filter((r) => family.pattern.test(r.url));
    assert.ok(routes.length > 0, family.label);
    for (const route of routes) {
      const there = sampleUrl(route, { ...missing, ...family.foreign() });
      const absent = sampleUrl(route, missing);
      const label = describeRoute(route);
      if (route.method === 'GET') {
        const [a, b] = [await askAsApi(client, 'GET', there), await askAsApi(client, 'GET', absent)];
        assert.deepEqual(a, b, label);
        assert.equal(a.status, 404, label);
        assert.deepEqual(await askAsPage(client, there), await askAsPage(client, absent), label);
      } else {
        const [a, b] = [await postForm(client, there, token), await postForm(client, absent, token)];
        assert.deepEqual(a, b, label);
        assert.equal(a.status, 404, label);
      }
    }
  });
}
