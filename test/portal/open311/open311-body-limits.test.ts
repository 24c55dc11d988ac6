import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { letters } from '../../../src/portal/db/schema.ts';
import { startTestZone, type TestZone } from '../../helpers/zones.ts';
import { BASE, form, issueKey } from './support.ts';

// A POST requests is refused for its key before its body is read: a key in the query string before any byte,
// an api_key field as soon as it arrives, and no file before a good key. A form without files is held small;
// a multipart field longer than its limit is refused, not cut short. Discovery names the configured address.

const PUBLIC = 'https://www.shifan-psb.example';
let zone: TestZone;
let key: string;
let photo: Buffer;
before(async () => {
  zone = await startTestZone('portal', { env: { PUBLIC_PORTAL_URL: PUBLIC } });
  key = (await issueKey(zone)).key;
  photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#224466' } })
    .jpeg()
    .toBuffer();
});
after(() => zone.close());

const boundary = '----open311-limits';
const field = (name: string, value: string) =>
  Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
const fileHead = (name: string) =>
  Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="p.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`,
  );
const end = Buffer.from(`\r\n--${boundary}--\r\n`);

/** A body handed over in 64 KB pieces as the server asks for them, counting what it took. */
function counted(head: Buffer[], filler: number) {
  const seen = { bytes: 0 };
  const chunks = [...head];
  for (let left = filler; left > 0; left -= 65536) chunks.push(Buffer.alloc(Math.min(65536, left), 0x41));
  chunks.push(end);
  const total = chunks.reduce((n, c) => n + c.length, 0);
  let i = 0;
  const stream = new Readable({
    read() {
      const chunk = chunks[i++];
      if (chunk) seen.bytes += chunk.length;
      this.push(chunk ?? null);
    },
  });
  return { stream, seen, total };
}

let address = 0;
function postStream(query: string, body: ReturnType<typeof counted>) {
  return zone.app.inject({
    method: 'POST',
    url: `${BASE}/requests.json${query}`,
    remoteAddress: `10.88.0.${++address}`,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(body.total),
    },
    payload: body.stream,
  });
}

const errorsOf = (body: string) => JSON.parse(body) as { code: number; description: string }[];
const SIX_MB = 6 * 1024 * 1024;

describe('the api_key before the body', () => {
  test('a bad key in the query string is refused before the body is read', async () => {
    const body = counted([field('service_code', 'fire-hazard'), fileHead('media')], SIX_MB);
    const answer = await postStream('?api_key=not-a-key', body);
    assert.equal(answer.statusCode, 403, answer.body);
    assert.deepEqual(
      errorsOf(answer.body).map((e) => e.code),
      [403],
    );
    assert.match(errorsOf(answer.body)[0]!.description, /api_key/);
    assert.equal(answer.headers.connection, 'close');
    assert.ok(body.seen.bytes < 512 * 1024, `read ${String(body.seen.bytes)} of ${String(body.total)} bytes`);
  });

  test('a bad api_key field stops the reading there', async () => {
    const body = counted([field('api_key', 'not-a-key'), fileHead('photo1')], SIX_MB);
    const answer = await postStream('', body);
    assert.equal(answer.statusCode, 403, answer.body);
    assert.match(errorsOf(answer.body)[0]!.description, /api_key/);
    assert.ok(
      body.seen.bytes < 1024 * 1024,
      `read ${String(body.seen.bytes)} of ${String(body.total)} bytes`,
    );
  });

  test('a file before any key is not read', async () => {
    const body = counted([field('service_code', 'fire-hazard'), fileHead('photo1')], SIX_MB);
    const answer = await postStream('', body);
    assert.equal(answer.statusCode, 403, answer.body);
    assert.match(errorsOf(answer.body)[0]!.description, /api_key/);
    assert.ok(
      body.seen.bytes < 1024 * 1024,
      `read ${String(body.seen.bytes)} of ${String(body.total)} bytes`,
    );
  });

  test('a good key in the query string or first lets the photos through', async () => {
    const parts = (withKey: boolean) => [
      ...(withKey ? [field('api_key', key)] : []),
      field('service_code', 'fire-hazard'),
      field('lat', '30.5213'),
      field('long', '114.3127'),
      field('attribute[hazard_kind]', 'electrics'),
      fileHead('media'),
      photo,
    ];
    for (const [query, withKey] of [
      [`?api_key=${encodeURIComponent(key)}`, false],
      ['', true],
    ] as const) {
      const answer = await postStream(query, counted(parts(withKey), 0));
      assert.equal(answer.statusCode, 200, answer.body);
    }
  });
});

describe('small where nothing large belongs', () => {
  test('a form without files over 128 KB is refused as too large, in the spec’s form', async () => {
    const answer = await zone.app.inject({
      method: 'POST',
      url: `${BASE}/requests.json`,
      remoteAddress: '10.88.1.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ api_key: key, service_code: 'fire-hazard', description: 'x'.repeat(1024 * 1024) }),
    });
    assert.equal(answer.statusCode, 413, answer.body);
    assert.deepEqual(
      errorsOf(answer.body).map((e) => e.code),
      [413],
    );
  });

  test('a long description in Chinese arrives whole; a field over the limit is refused, not cut', async () => {
    const description = '楼道堆放杂物'.repeat(650); // 3,900 characters, 11,700 bytes
    const whole = await postStream(
      '',
      counted(
        [
          field('api_key', key),
          field('service_code', 'fire-hazard'),
          field('lat', '30.5213'),
          field('long', '114.3127'),
          field('attribute[hazard_kind]', 'electrics'),
          field('description', description),
        ],
        0,
      ),
    );
    assert.equal(whole.statusCode, 200, whole.body);
    const number = (JSON.parse(whole.body) as { service_request_id: string }[])[0]!.service_request_id;
    const [letter] = await zone.services.db
      .select({ body: letters.body })
      .from(letters)
      .where(eq(letters.letterNumber, number));
    assert.ok(letter?.body.startsWith(description), 'the whole description is kept');

    const cut = await postStream(
      '',
      counted(
        [
          field('api_key', key),
          field('service_code', 'fire-hazard'),
          field('address_id', 'x'.repeat(20_000)),
        ],
        0,
      ),
    );
    assert.equal(cut.statusCode, 400, cut.body);
    assert.match(errorsOf(cut.body)[0]!.description, /address_id/);
  });
});

test('discovery names the configured public address, whatever Host the request carries', async () => {
  const plain = await zone.app.inject({ method: 'GET', url: `${BASE}/discovery.json` });
  const forged = await zone.app.inject({
    method: 'GET',
    url: `${BASE}/discovery.json`,
    headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
  });
  assert.equal(plain.statusCode, 200);
  assert.equal(forged.body, plain.body, 'the same bytes');
  const [endpoint] = (JSON.parse(plain.body) as { endpoints: { url: string }[] }).endpoints;
  assert.equal(endpoint!.url, `${PUBLIC}/open311/v2`);
});
