import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { open311KeyRevoked } from '../../../src/exchange/contracts/index.ts';
import { letters, outbox } from '../../../src/portal/db/schema.ts';
import { open311Services } from '../../../src/portal/open311/open311.catalogue.ts';
import { startTestZone, type TestZone } from '../../helpers/zones.ts';
import { deliver } from '../cases.fixture.ts';
import {
  Discovery,
  PostAnswer,
  ServiceDefinition,
  ServiceRequests,
  Services,
  TokenAnswer,
  assertValid,
} from './schemas.ts';
import { JURISDICTION, assertConforms, assertErrors, both, issueKey, post, routed } from './support.ts';
import { parseXml } from './xml.ts';

// Conformance of every GeoReport v2 call in JSON and XML, against the schemas written from the spec.

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
  lat: '30.5289123456',
  long: '114.3053',
  description: '小区3号楼楼道堆满杂物，安全出口被锁。',
  'attribute[hazard_kind]': 'blocked-exit',
  'attribute[occupied]': 'yes',
});

async function postBoth(fields: Record<string, string | string[]>) {
  const [json, xml] = [await post(zone, 'json', fields), await post(zone, 'xml', fields)];
  return { json, xml };
}

describe('discovery and services', () => {
  test('discovery names the endpoint, both formats', async () => {
    const answer = await both(zone, 'discovery');
    assertConforms(answer, Discovery, 'discovery');
    const [endpoint] = (answer.json as { endpoints: { url: string }[] }).endpoints;
    assert.match(endpoint!.url, /\/open311\/v2$/);
  });

  test('the service list holds the hazard and crime tips with their types', async () => {
    const answer = await both(zone, 'services', `?jurisdiction_id=${JURISDICTION}`);
    assertConforms(answer, Services, 'services', 'service');
    const codes = (answer.json as { service_code: string; type: string }[]).map(
      (s) => `${s.service_code}:${s.type}`,
    );
    assert.deepEqual(
      codes,
      open311Services.map((s) => `${s.code}:${s.type}`),
    );
    const english = await both(zone, 'services', '?lang=en');
    assert.equal((english.json as { service_name: string }[])[0]?.service_name, 'Fire hazard');
  });

  test('every service definition conforms; an unknown code is 404 in the spec’s form', async () => {
    for (const service of open311Services) {
      const answer = await both(zone, `services/${service.code}`);
      assertConforms(answer, ServiceDefinition, 'service_definition');
      assert.equal((answer.json as { service_code: string }).service_code, service.code);
    }
    assertErrors(await both(zone, 'services/no-such-service'), 404, /service_code/);
    // A suffix the spec does not define names no resource.
    assert.equal((await zone.app.inject(`/open311/v2/services.csv`)).statusCode, 404);
  });
});

describe('POST requests', () => {
  test('a realtime service answers the request id at once, and the tip crosses like any tip', async () => {
    const { json, xml } = await postBoth(fireTip());
    assert.equal(json.statusCode, 200, json.body);
    const answer = JSON.parse(json.body) as { service_request_id: string }[];
    assertValid(PostAnswer, answer, 'post');
    const parsed = parseXml(xml.body);
    assert.equal(parsed.root, 'service_requests');
    const xmlId = (parsed.value as { request: { service_request_id: string }[] }).request[0]
      ?.service_request_id;
    assert.match(xmlId ?? '', /^XJ-\d{8}-[A-Z2-7]{8}$/);
    const letterNumber = answer[0]!.service_request_id;
    const [letter] = await zone.services.db
      .select()
      .from(letters)
      .where(eq(letters.letterNumber, letterNumber));
    assert.equal(letter?.kind, 'tip');
    assert.equal(letter?.topic, 'fire');
    assert.equal(letter?.citizenId, null);
    assert.equal(letter?.followCodeHash, null, 'nobody to show a follow-up code to');
    assert.equal(letter?.latitude, 30.5289123);
    const [message] = await zone.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.stream, `letter:${letterNumber}`));
    assert.equal(message?.type, 'letter.submitted');
    const payload = message!.payload as { writer: unknown; body: string; kind: string };
    assert.equal(payload.writer, null);
    assert.match(payload.body, /隐患类型：安全出口锁闭或堵塞/);
  });

  test('a batch service answers a token, which gives the id once the police side routed the tip', async () => {
    const fields = {
      api_key: key,
      jurisdiction_id: JURISDICTION,
      service_code: 'public-order-tip',
      address_string: '示范市明湖区湖滨路88号',
      description: '地下室有人聚众赌博。',
      'attribute[people_involved]': '12',
    };
    const sent = await post(zone, 'xml', fields);
    assert.equal(sent.statusCode, 200, sent.body);
    const token = (parseXml(sent.body).value as { request: { token: string }[] }).request[0]!.token;
    assert.ok(token);
    const pending = await both(zone, `tokens/${token}`);
    assertConforms(pending, TokenAnswer, 'service_requests', 'request');
    assert.deepEqual(pending.json, [{ token }]);

    const [row] = await zone.services.db.select().from(letters).where(eq(letters.topic, 'public-order'));
    assert.ok(row);
    // Not given out yet, so not found by id or listed either.
    assertErrors(await both(zone, `requests/${row.letterNumber}`), 404);
    await routed(zone, row.letterNumber);
    const resolved = await both(zone, `tokens/${token}`);
    assertConforms(resolved, TokenAnswer, 'service_requests', 'request');
    assert.deepEqual(resolved.json, [{ service_request_id: row.letterNumber, token }]);
    const one = await both(zone, `requests/${row.letterNumber}`);
    assertConforms(one, ServiceRequests, 'service_requests', 'request');
    assertErrors(await both(zone, 'tokens/AAAAAAAAAAAAAAAAAAAAAAAA'), 404, /token/);
  });

  test('multi-value attributes, and each refusal with the spec’s status in both formats', async () => {
    const road = {
      api_key: key,
      service_code: 'traffic-hazard',
      address_string: '示范大道与湖滨路路口',
      'attribute[hazard_kind][]': ['signal', 'sign'],
    };
    const ok = await post(zone, 'json', road);
    assert.equal(ok.statusCode, 200, ok.body);
    const cases: [Record<string, string | string[]>, number, RegExp][] = [
      [{ ...road, api_key: '' }, 403, /api_key/],
      [{ ...road, api_key: 'not-a-key' }, 403, /api_key/],
      [{ ...road, jurisdiction_id: 'elsewhere.example' }, 404, /jurisdiction_id/],
      [{ ...road, service_code: '' }, 400, /service_code/],
      [{ ...road, service_code: 'pothole' }, 404, /service_code/],
      [{ ...road, address_string: '' }, 400, /lat/],
      [{ ...road, lat: '91', long: '120', address_string: '' }, 400, /lat/],
      [{ ...road, 'attribute[hazard_kind][]': ['signal', 'ufo'] }, 400, /hazard_kind/],
      [{ ...road, 'attribute[hazard_kind][]': [] }, 400, /hazard_kind/],
      [{ ...road, 'attribute[colour]': 'red' }, 400, /colour/],
      [{ ...road, media_url: 'javascript:alert(1)' }, 400, /media_url/],
      [{ ...road, description: 'x'.repeat(4001) }, 400, /description/],
    ];
    for (const [fields, status, words] of cases) {
      const json = await post(zone, 'json', fields);
      const xml = await post(zone, 'xml', fields);
      const answer = {
        status: json.statusCode,
        json: JSON.parse(json.body) as unknown,
        xml: parseXml(xml.body),
      };
      assert.equal(xml.statusCode, json.statusCode);
      assertErrors(answer, status, words);
    }
  });

  test('a revoked key is refused from the moment its revocation arrives', async () => {
    const issued = await issueKey(zone, '将被吊销的客户端');
    const fields = { ...fireTip(), api_key: issued.key };
    assert.equal((await post(zone, 'json', fields)).statusCode, 200);
    await deliver(zone, open311KeyRevoked, { keyId: issued.id, revokedAt: new Date().toISOString() });
    const refused = await post(zone, 'xml', fields);
    assert.equal(refused.statusCode, 403);
    assert.equal(parseXml(refused.body).root, 'errors');
  });
});
