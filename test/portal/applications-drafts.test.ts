import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildPortal } from '../../src/portal/app.ts';
import { loadPortalForms } from '../../src/portal/applications/applications.forms.ts';
import { applications } from '../../src/portal/db/schema.ts';
import { FormVersions, type FormDefinition } from '../../src/shared/application-forms/index.ts';
import { csrfFrom, FormClient } from '../helpers/browser-like.ts';
import type { TestZone } from '../helpers/zones.ts';
import { pageInputsFor } from './applications.expect.ts';
import {
  answer,
  applicantFields,
  applicationIdOf,
  errorsOf,
  start,
  startApplyZone,
  verifiedCitizen,
} from './applications.helpers.ts';

// Drafts live on the server: they survive a restart, resume on another device, keep the form version they
// were begun with, and only a form of the site may change them.

let zone: TestZone;
const apps: FastifyInstance[] = [];
before(async () => {
  zone = await startApplyZone();
});
after(async () => {
  for (const app of apps) await app.close();
  await zone.close();
});

const slug = 'no-criminal-record-certificate';

/** A new process on the same database: nothing of the old one is kept but what the database holds. */
async function restarted(forms: FormVersions = loadPortalForms()): Promise<FastifyInstance> {
  const app = await buildPortal(zone.services, {
    sessionSecret: randomBytes(32).toString('base64url'),
    production: false,
    logLevel: 'silent',
    trustedProxies: [],
    forms,
    portalBaseUrl: 'http://localhost:3000',
  });
  await app.ready();
  apps.push(app);
  return app;
}

async function signIn(app: FastifyInstance, mobile: string, password: string): Promise<FormClient> {
  const client = new FormClient(app);
  const done = await client.post('/login', { mobile, password });
  assert.equal(done.statusCode, 303, done.body.slice(0, 300));
  return client;
}

test('a draft survives a restart and resumes on another device where it stopped', async () => {
  const person = await verifiedCitizen(zone);
  const first = await start(person.client, slug);
  const id = applicationIdOf(first);
  const formerNames = await answer(person.client, first, applicantFields(person));
  await answer(person.client, formerNames, {
    'has-former-names': 'yes',
    'former-names[0].former-name': '林旧名',
    'former-names[0].used-until': '2001-05-04',
  });

  const app = await restarted();
  const laptop = await signIn(app, person.mobile, person.password);
  const resumed = await laptop.get(`/applications/${id}`);
  assert.equal(resumed.statusCode, 303);
  assert.equal(resumed.headers.location, `/applications/${id}/pages/addresses`);
  const back = await laptop.get(`/applications/${id}/pages/former-names`);
  assert.equal(back.statusCode, 200);
  assert.match(back.body, /第 2 步，共 5 步/);
  assert.deepEqual(pageInputsFor(back.body, ['former-names[0].former-name', 'former-names[0].used-until']), {
    'former-names[0].former-name': '林旧名',
    'former-names[0].used-until': '2001-05-04',
  });
  // The start page offers to continue it rather than begin another.
  const startPage = await laptop.get(`/services/${slug}/apply`);
  assert.match(startPage.body, /尚未提交的申请草稿/);
  const again = await laptop.post(`/services/${slug}/apply`, {});
  assert.equal(again.headers.location, `/applications/${id}/pages/addresses`);
  assert.equal((await zone.services.db.select().from(applications)).length, 1);
});

test('a new form version leaves a draft begun on the old one as it was', async () => {
  const person = await verifiedCitizen(zone);
  const first = await start(person.client, slug);
  const oldId = applicationIdOf(first);
  await answer(person.client, first, applicantFields(person));

  const current = loadPortalForms();
  const v1 = current.current(slug)!;
  const v2: FormDefinition = structuredClone(v1);
  v2.version = v1.version + 1;
  v2.pages[1]!.title = { zh: '曾用名（新版）', en: 'Former names (new)' };
  const forms = new FormVersions([...current.versions(slug).map((v) => current.get(slug, v)), v2]);
  const app = await restarted(forms);

  const device = await signIn(app, person.mobile, person.password);
  const old = await device.get(`/applications/${oldId}/pages/former-names`);
  assert.equal(old.statusCode, 200);
  assert.doesNotMatch(old.body, /曾用名（新版）/);
  const [oldRow] = await zone.services.db.select().from(applications).where(eq(applications.id, oldId));
  assert.equal(oldRow?.formVersion, v1.version);

  const newcomer = await verifiedCitizen(zone);
  const fresh = await signIn(app, newcomer.mobile, newcomer.password);
  const started = await fresh.post(`/services/${slug}/apply`, {});
  const newId = applicationIdOf(started.headers.location);
  const [newRow] = await zone.services.db.select().from(applications).where(eq(applications.id, newId));
  assert.equal(newRow?.formVersion, v2.version);
  const formerNames = await answer(fresh, String(started.headers.location), applicantFields(newcomer));
  assert.match((await fresh.get(formerNames)).body, /曾用名（新版）/);
});

test('a page posted without the site’s CSRF token changes nothing', async () => {
  const person = await verifiedCitizen(zone);
  const first = await start(person.client, slug);
  const id = applicationIdOf(first);
  const forged = await person.client.post(first, applicantFields(person), { csrf: null });
  assert.equal(forged.statusCode, 403);
  const wrong = await person.client.post(first, applicantFields(person), { csrf: 'not-the-token' });
  assert.equal(wrong.statusCode, 403);
  const submit = await person.client.post(
    `/applications/${id}/submit`,
    { submitKey: crypto.randomUUID() },
    { csrf: null },
  );
  assert.equal(submit.statusCode, 403);
  const [row] = await zone.services.db.select().from(applications).where(eq(applications.id, id));
  assert.deepEqual(row?.answers, {});
  assert.equal(row?.submittedAt, null);
  assert.ok(csrfFrom((await person.client.get(first)).body), 'the page itself carries a token');
});

test('the pages read in English too', async () => {
  const person = await verifiedCitizen(zone);
  const first = await start(person.client, 'hk-macau-re-endorsement');
  await person.client.get('/prefs/lang?set=en&next=/');
  const page = await person.client.get(first);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Step 1 of \d+/);
  const refused = await person.client.post(first, {});
  assert.equal(refused.statusCode, 422);
  const errors = errorsOf(refused);
  assert.ok(errors.length > 0);
  for (const error of errors) assert.doesNotMatch(error, /[\u4e00-\u9fff]/, error);
});
