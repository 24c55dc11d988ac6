import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { letters, outbox } from '../../../src/portal/db/schema.ts';
import { startTestZone, type TestZone } from '../../helpers/zones.ts';
import { ServiceRequests } from './schemas.ts';
import {
  BASE,
  JURISDICTION,
  assertConforms,
  assertErrors,
  both,
  form,
  issueKey,
  post,
  routed,
} from './support.ts';
import { parseXml } from './xml.ts';

// GET requests and one request: the filters, what may be public (never a tip's words, place or writer), hostile
// input left harmless, and the per-address limit on POSTs.

let zone: TestZone;
let key: string;
const ids: Record<string, string> = {};
before(async () => {
  zone = await startTestZone('portal');
  key = (await issueKey(zone)).key;
  for (const [name, code, extra] of [
    ['fire', 'fire-hazard', { 'attribute[hazard_kind]': 'electrics' }],
    ['road', 'traffic-hazard', { 'attribute[hazard_kind][]': 'obstacle' }],
  ] as const) {
    const sent = await post(zone, 'json', {
      api_key: key,
      service_code: code,
      lat: '30.5213',
      long: '114.3127',
      address_string: '示范市明湖区湖滨路88号302室',
      description: '举报人李四，电话13800138000，邮箱lisi@example.com，楼道电动车充电。',
      email: 'lisi@example.com',
      first_name: '四',
      last_name: '李',
      phone: '13800138000',
      media_url: 'https://photos.example.com/p/1.jpg',
      ...extra,
    });
    assert.equal(sent.statusCode, 200, sent.body);
    ids[name] = (JSON.parse(sent.body) as { service_request_id: string }[])[0]!.service_request_id;
  }
  // The fire tip is answered (closed); the road tip is routed (open).
  await routed(zone, ids.fire!, 1, 'in-progress');
  await routed(zone, ids.fire!, 2, 'replied');
  await routed(zone, ids.road!, 1, 'in-progress');
});
after(() => zone.close());

type Row = { service_request_id: string; status: string; service_code: string };
const idsOf = (json: unknown) => (json as Row[]).map((r) => r.service_request_id).sort();

describe('GET requests', () => {
  test('lists the API’s requests, conforming in both formats; filters combine', async () => {
    const all = await both(zone, 'requests', `?jurisdiction_id=${JURISDICTION}`);
    assertConforms(all, ServiceRequests, 'service_requests', 'request');
    assert.deepEqual(idsOf(all.json), [ids.fire, ids.road].sort());
    const closed = await both(zone, 'requests', '?status=closed');
    assert.deepEqual(
      (closed.json as Row[]).map((r) => [r.service_request_id, r.status]),
      [[ids.fire, 'closed']],
    );
    const open = await both(zone, 'requests', '?status=open&service_code=traffic-hazard,fire-hazard');
    assert.deepEqual(idsOf(open.json), [ids.road]);
    const byCode = await both(zone, 'requests', '?service_code=fire-hazard');
    assert.deepEqual(idsOf(byCode.json), [ids.fire]);
    // service_request_id overrides every other filter.
    const byId = await both(zone, 'requests', `?service_request_id=${ids.fire},${ids.road}&status=open`);
    assert.deepEqual(idsOf(byId.json), [ids.fire, ids.road].sort());
    // Empty parameters count as absent.
    const empty = await both(zone, 'requests', '?status=&service_code=&start_date=&jurisdiction_id=');
    assert.equal((empty.json as Row[]).length, 2);
    // An empty list is still a valid answer.
    const none = await both(
      zone,
      'requests',
      '?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z',
    );
    assertConforms(none, ServiceRequests, 'service_requests', 'request');
    assert.deepEqual(none.json, []);
    const now = zone.services.now().getTime();
    const window = `?start_date=${new Date(now - 3600_000).toISOString()}&end_date=${new Date(now + 3600_000).toISOString()}`;
    assert.equal(((await both(zone, 'requests', window)).json as Row[]).length, 2);
  });

  test('refuses malformed filters in the spec’s form', async () => {
    assertErrors(await both(zone, 'requests', '?status=pending'), 400, /status/);
    assertErrors(await both(zone, 'requests', '?start_date=yesterday'), 400, /start_date/);
    assertErrors(
      await both(zone, 'requests', '?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z'),
      400,
      /90/,
    );
    assertErrors(await both(zone, 'requests', '?jurisdiction_id=elsewhere.example'), 404, /jurisdiction_id/);
    assertErrors(await both(zone, 'requests/XJ-20260101-AAAAAAAA'), 404);
  });

  test('one request: status, unit and dates, and nothing a tip says', async () => {
    const one = await both(zone, `requests/${ids.fire}`);
    assertConforms(one, ServiceRequests, 'service_requests', 'request');
    const [row] = one.json as Record<string, string>[];
    assert.equal(row?.status, 'closed');
    assert.equal(row?.agency_responsible, '示范市消防支队');
    assert.match(row?.requested_datetime ?? '', /\+08:00$/);
  });

  test('never any personal data, the tip’s words, place or photos, nor the police’s own words', async () => {
    const answers = [
      await zone.app.inject(`${BASE}/requests.json`),
      await zone.app.inject(`${BASE}/requests.xml`),
      await zone.app.inject(`${BASE}/requests/${ids.fire}.json`),
      await zone.app.inject(`${BASE}/requests/${ids.road}.xml`),
    ];
    for (const answer of answers)
      for (const secret of [
        '13800138000',
        'lisi@example.com',
        '李四',
        '湖滨路',
        '30.5213',
        '114.3127',
        'photos.example.com',
        '电动车',
        '张三',
        '13912345678',
      ])
        assert.ok(!answer.body.includes(secret), `${secret} leaked: ${answer.body.slice(0, 300)}`);
    // The contact fields were not kept even for the police: a tip through the API is anonymous.
    const [message] = await zone.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.stream, `letter:${ids.road!}`));
    const payload = JSON.stringify(message?.payload);
    assert.ok(!payload.includes('lisi@example.com"') && !payload.includes('"phone"'));
    assert.equal((message?.payload as { writer: unknown }).writer, null);
  });
});

describe('hostile input', () => {
  test('markup in every field stays text: JSON escapes it, XML stays well-formed, nothing runs', async () => {
    const xss = '<script>alert(1)</script>"><img src=x onerror=alert(1)>&amp;';
    const sent = await post(zone, 'xml', {
      api_key: key,
      service_code: 'cyber-crime-tip',
      address_string: xss,
      description: xss,
      'attribute[website]': xss,
    });
    assert.equal(sent.statusCode, 200, sent.body);
    const token = (parseXml(sent.body).value as { request: { token: string }[] }).request[0]!.token;
    const [row] = await zone.services.db.select().from(letters).where(eq(letters.topic, 'cyber'));
    assert.ok(row);
    assert.ok(row.body.includes(xss), 'kept as the text it was');
    await routed(zone, row.letterNumber);
    const json = await zone.app.inject(`${BASE}/tokens/${token}.json`);
    assert.ok(!json.body.includes('<'));
    // A hostile parameter name comes back in an error description: escaped in XML, \u003c in JSON.
    const refused = await zone.app.inject({
      method: 'POST',
      url: `${BASE}/requests.xml`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ api_key: key, service_code: 'fire-hazard', '<b>x': 'y'.repeat(3000) }),
    });
    assert.equal(refused.statusCode, 400);
    assert.ok(refused.body.includes('&lt;b&gt;x'), refused.body);
    assert.equal(parseXml(refused.body).root, 'errors');
    const refusedJson = await zone.app.inject({
      method: 'POST',
      url: `${BASE}/requests.json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ api_key: key, service_code: 'fire-hazard', '<b>x': 'y'.repeat(3000) }),
    });
    assert.ok(!refusedJson.body.includes('<'), refusedJson.body);
  });

  test('POSTs are limited per address, and the limit answers in the spec’s form', async () => {
    let last = 0;
    let body = '';
    for (let i = 0; i < 22; i++) {
      const answer = await zone.app.inject({
        method: 'POST',
        url: `${BASE}/requests.json`,
        remoteAddress: '10.99.0.1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ service_code: 'fire-hazard' }),
      });
      last = answer.statusCode;
      body = answer.body;
    }
    assert.equal(last, 429);
    assert.equal((JSON.parse(body) as { code: number }[])[0]?.code, 429);
  });
});
