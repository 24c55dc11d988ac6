import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { citizens } from '../../src/portal/db/schema.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { idCheckChar } from '../../src/shared/validators/id-number.ts';
import { csrfFrom, type FormClient } from '../helpers/browser-like.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// Shared steps of the application tests: a portal with the catalogue published, citizens whose real-name
// check has passed, and a client that walks the question pages as a browser does.

export async function startApplyZone(): Promise<TestZone> {
  const zone = await startTestZone('portal');
  await publishCatalogDirectly(zone.services.db, loadCatalogItems());
  return zone;
}

let nextId = 100;
/** A valid resident ID number of the demo city (三元区), born 1990, unique within the test file. */
export function freshIdNumber(): string {
  const first17 = `35040419900101${String(++nextId).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export interface Person extends RegisteredCitizen {
  name: string;
  idNumber: string;
}

/**
 * A citizen whose real-name check has passed. The check itself crosses the exchange (test/realname); here its
 * outcome is written as the portal stores it, so these tests are about applying.
 */
export async function verifiedCitizen(zone: TestZone, name = '林示范'): Promise<Person> {
  const someone = await registerCitizen(zone);
  const idNumber = freshIdNumber();
  const { sealer } = zone.services;
  await zone.services.db
    .update(citizens)
    .set({
      realName: name,
      idNumberSealed: sealer.seal(idNumber),
      idNumberHash: sealer.lookupHash(idNumber),
      idNumberMasked: `${idNumber.slice(0, 3)}***`,
      realNameStatus: 'verified',
    })
    .where(eq(citizens.id, someone.id));
  return { ...someone, name, idNumber };
}

/** The application id of a page address. */
export function applicationIdOf(location: unknown): string {
  const id = /\/applications\/([0-9a-f-]{36})\//.exec(String(location))?.[1];
  assert.ok(id, `an application page: ${String(location)}`);
  return id;
}

/** Starts an application from its start page; returns the first page's address. */
export async function start(client: FormClient, slug: string, fields: Record<string, string> = {}) {
  const started = await client.post(`/services/${slug}/apply`, fields);
  assert.equal(started.statusCode, 303, started.body.slice(0, 500));
  return String(started.headers.location);
}

/** Posts one page from its own form (so with its CSRF token); expects the move on to `next`. */
export async function answer(
  client: FormClient,
  pageUrl: string,
  fields: Record<string, string>,
  next?: RegExp,
): Promise<string> {
  const response = await client.post(pageUrl, fields);
  assert.equal(response.statusCode, 303, `${pageUrl}: ${errorsOf(response).join(' | ')}`);
  const location = String(response.headers.location);
  if (next) assert.match(location, next);
  return location;
}

/** The messages of a page's error summary. */
export function errorsOf(response: LightMyRequestResponse): string[] {
  const summary = /<ul class="error-summary-list">([\s\S]*?)<\/ul>/.exec(response.body)?.[1] ?? '';
  return [...summary.matchAll(/<a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

/** The check page's submit key and CSRF token, as the browser would post them. */
export async function checkPageForm(client: FormClient, id: string) {
  const page = await client.get(`/applications/${id}/check`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  const submitKey = /name="submitKey" value="([^"]+)"/.exec(page.body)?.[1];
  const csrf = csrfFrom(page.body);
  assert.ok(submitKey && csrf);
  return { page, submitKey, csrf };
}

/** What the applicant page shows filled in from the verified profile, posted back as a browser does. */
export const applicantFields = (person: Person): Record<string, string> => ({
  name: person.name,
  sex: 'male',
  'id-number': person.idNumber,
  mobile: person.mobile,
});

/** The answers of the certificate of no criminal record, page by page, for a person with no former name. */
export const certificatePages = (person: Person): [string, Record<string, string>][] => [
  ['applicant', applicantFields(person)],
  ['former-names', { 'has-former-names': 'no' }],
  [
    'addresses',
    {
      'household-address.division': '350404',
      'household-address.address': '示范路1号',
      'current-address-same': 'same',
    },
  ],
  ['purpose', { purpose: 'employment', 'receiving-organisation': '示范科技有限公司' }],
  ['declaration', { declaration: 'agree' }],
];

export interface UploadFile {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** Posts a page as multipart/form-data, as a browser does for a page with an upload question. */
export async function postMultipart(
  zone: TestZone,
  client: FormClient,
  url: string,
  fields: Record<string, string>,
  files: UploadFile[],
  options: { csrf?: string; accept?: string } = {},
): Promise<LightMyRequestResponse> {
  const csrf = options.csrf ?? csrfFrom((await client.get(url)).body);
  const boundary = `----openpsb${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: csrf ?? '', ...fields })) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const headers: Record<string, string> = {
    cookie: client.cookieHeader(),
    'content-type': `multipart/form-data; boundary=${boundary}`,
  };
  if (options.accept) headers.accept = options.accept;
  if (options.accept && csrf) headers['x-csrf-token'] = csrf;
  return zone.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers,
    remoteAddress: client.remoteAddress,
  });
}
