import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { letterPhotos, letters, outbox } from '../../../src/portal/db/schema.ts';
import { startTestZone, type TestZone } from '../../helpers/zones.ts';
import { PostAnswer, ServiceRequestUpdates, assertValid } from './schemas.ts';
import { BASE, assertConforms, assertErrors, both, issueKey, post, routed } from './support.ts';
import { parseXml } from './xml.ts';

// POST requests with photos as multipart/form-data (the spec's media, FixMyStreet's photo1…n for private
// reports), stripped of their metadata like the tip form's; the city's bounds on lat/long; and GET
// servicerequestupdates (the mySociety extension), in both formats.

let zone: TestZone;
let key: string;
before(async () => {
  zone = await startTestZone('portal');
  key = (await issueKey(zone)).key;
});
after(() => zone.close());

const fireTip = () => ({
  api_key: key,
  service_code: 'fire-hazard',
  lat: '30.5213',
  long: '114.3127',
  description: '仓库门口堆放液化气罐。',
  'attribute[hazard_kind]': 'electrics',
});

let clean: Buffer;
let planted: Buffer;
before(async () => {
  clean = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 9, g: 9, b: 9 } } })
    .jpeg()
    .toBuffer();
  const exif = Buffer.concat([
    Buffer.from([0xff, 0xe1, 0, 30]),
    Buffer.from('Exif\0\0MM\0*GPS 30.52,114.3100'),
  ]);
  planted = Buffer.concat([clean.subarray(0, 2), exif, clean.subarray(2)]);
});

let address = 0;
function multipart(
  format: 'json' | 'xml',
  fields: Record<string, string>,
  files: [string, string, Buffer][],
) {
  const boundary = '----open311-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const [part, filename, bytes] of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${part}"; filename="${filename}"\r\ncontent-type: image/jpeg\r\n\r\n`,
      ),
      bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return zone.app.inject({
    method: 'POST',
    url: `${BASE}/requests.${format}`,
    remoteAddress: `10.77.0.${++address}`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

async function storedPhotos(letterNumber: string) {
  return zone.services.db
    .select({ content: letterPhotos.content, name: letterPhotos.name })
    .from(letterPhotos)
    .innerJoin(letters, eq(letters.id, letterPhotos.letterId))
    .where(eq(letters.letterNumber, letterNumber))
    .orderBy(letterPhotos.position);
}

describe('POST requests with media', () => {
  test('photos as media or photo1…n are stored and sent without their metadata, both formats', async () => {
    const json = await multipart('json', fireTip(), [['media', 'IMG_20261206_1012.jpg', planted]]);
    assert.equal(json.statusCode, 200, json.body);
    const answer = JSON.parse(json.body) as { service_request_id: string }[];
    assertValid(PostAnswer, answer, 'multipart answer');
    const first = await storedPhotos(answer[0]!.service_request_id);
    assert.equal(first.length, 1);
    assert.deepEqual(first[0]!.content, clean, 'the EXIF block with its GPS is gone');
    assert.equal(first[0]!.name, 'photo-1.jpg', 'the phone’s file name is not kept');

    const xml = await multipart('xml', fireTip(), [
      ['photo1', 'a.jpg', planted],
      ['photo2', 'b.jpg', planted],
    ]);
    assert.equal(xml.statusCode, 200, xml.body);
    const id = (parseXml(xml.body).value as { request: { service_request_id: string }[] }).request[0]!
      .service_request_id;
    assert.equal((await storedPhotos(id)).length, 2);
    const crossed = await zone.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.stream, `letter:${id}`));
    assert.deepEqual(
      crossed.map((m) => m.type),
      ['letter.submitted', 'attachment.submitted', 'attachment.submitted'],
    );
    for (const m of crossed.slice(1)) {
      const data = (m.payload as { file: { data: string } }).file.data;
      assert.equal(Buffer.from(data, 'base64').includes(Buffer.from('GPS')), false);
    }
  });

  test('a file that is not a photo, or too many, is refused in the spec’s form, both formats', async () => {
    for (const [files, words] of [
      [[['media', 'evil.jpg', Buffer.from('%PDF-1.7 not a photo')]], /evil\.jpg/],
      [Array.from({ length: 6 }, (_, i) => [`photo${i + 1}`, `${i}.jpg`, planted]), /5/],
    ] as [[string, string, Buffer][], RegExp][]) {
      const json = await multipart('json', fireTip(), files);
      const xml = await multipart('xml', fireTip(), files);
      assert.equal(xml.statusCode, json.statusCode);
      assertErrors(
        { status: json.statusCode, json: JSON.parse(json.body), xml: parseXml(xml.body) },
        400,
        words,
      );
    }
  });

  test('a multipart post is held to the same checks as a plain one (key, fields, control characters)', async () => {
    const noKey = await multipart('json', { ...fireTip(), api_key: '' }, []);
    assert.equal(noKey.statusCode, 403, noKey.body);
    const control = await multipart('json', { ...fireTip(), address_string: 'a\u0000b' }, []);
    assert.equal(control.statusCode, 400, control.body);
    assert.match(control.body, /address_string/);
  });
});

describe('the city’s bounds', () => {
  test('lat/long outside the city is refused with the spec’s error, both formats; inside is taken', async () => {
    for (const fields of [
      { ...fireTip(), lat: '31.2989', long: '120.5853' },
      { ...fireTip(), lat: '', long: '', address_string: '31.2989, 120.5853' },
    ]) {
      const json = await post(zone, 'json', fields);
      const xml = await post(zone, 'xml', fields);
      assert.equal(xml.statusCode, json.statusCode);
      assertErrors(
        { status: json.statusCode, json: JSON.parse(json.body), xml: parseXml(xml.body) },
        400,
        /城市|市辖区/,
      );
    }
    const english = await zone.app.inject({
      method: 'POST',
      url: `${BASE}/requests.json?lang=en`,
      remoteAddress: '10.77.1.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fireTip(), lat: '31.2989', long: '120.5853' }).toString(),
    });
    assert.equal(english.statusCode, 400);
    assert.match(english.body, /outside the city/);
    assert.equal((await post(zone, 'json', fireTip())).statusCode, 200);
  });
});

describe('GET servicerequestupdates', () => {
  test('the police side’s steps on API tips, in general terms, conforming in both formats', async () => {
    const sent = await post(zone, 'json', fireTip());
    const id = (JSON.parse(sent.body) as { service_request_id: string }[])[0]!.service_request_id;
    const before = await both(zone, 'servicerequestupdates');
    assertConforms(before, ServiceRequestUpdates, 'service_request_updates', 'request_update');
    assert.equal(
      (before.json as { service_request_id: string }[]).some((u) => u.service_request_id === id),
      false,
    );

    await routed(zone, id, 1, 'in-progress');
    await routed(zone, id, 2, 'replied');
    const now = zone.services.now().getTime();
    const window = `?start_date=${new Date(now - 3600_000).toISOString()}&end_date=${new Date(now + 3600_000).toISOString()}&api_key=${key}&jurisdiction_id=`;
    const answer = await both(zone, 'servicerequestupdates', window);
    assertConforms(answer, ServiceRequestUpdates, 'service_request_updates', 'request_update');
    const mine = (
      answer.json as {
        service_request_id: string;
        status: string;
        external_status_code: string;
        update_id: string;
      }[]
    ).filter((u) => u.service_request_id === id);
    assert.deepEqual(
      mine.map((u) => [u.status, u.external_status_code]),
      [
        ['open', 'in-progress'],
        ['closed', 'replied'],
      ],
    );
    assert.notEqual(mine[0]!.update_id, mine[1]!.update_id);
    // The officers' own words (which may name people) stay with the writer's follow-up page.
    assert.ok(!JSON.stringify(answer.json).includes('张三'));
    assert.ok(!JSON.stringify(answer.json).includes('13912345678'));

    const old = await both(
      zone,
      'servicerequestupdates',
      '?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z',
    );
    assertConforms(old, ServiceRequestUpdates, 'service_request_updates', 'request_update');
    assert.deepEqual(old.json, []);
  });

  test('refuses a malformed window or another jurisdiction in the spec’s form', async () => {
    assertErrors(await both(zone, 'servicerequestupdates', '?start_date=yesterday'), 400, /start_date/);
    assertErrors(
      await both(
        zone,
        'servicerequestupdates',
        '?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      ),
      400,
      /90/,
    );
    assertErrors(await both(zone, 'servicerequestupdates', '?jurisdiction_id=elsewhere.example'), 404);
  });
});
