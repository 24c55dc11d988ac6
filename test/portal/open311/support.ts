import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { letterStatusChanged, open311KeyIssued } from '../../../src/exchange/contracts/index.ts';
import type { TestZone } from '../../helpers/zones.ts';
import { deliver } from '../cases.fixture.ts';
import { assertValid, Errors } from './schemas.ts';
import { asXmlShape, parseXml } from './xml.ts';
import type { TSchema } from 'typebox';

// A GeoReport client as the conformance tests drive it: each call in both formats, the XML read the way
// FixMyStreet's client reads it and checked to carry exactly what the JSON answer does.

export const BASE = '/open311/v2';
export const JURISDICTION = 'shifan.openpsb.example';

/** A key as the workbench issues one: only its hash crosses, through the contract. */
export async function issueKey(zone: TestZone, label = '示范客户端'): Promise<{ id: string; key: string }> {
  const key = randomBytes(32).toString('base64url');
  const id = randomUUID();
  await deliver(zone, open311KeyIssued, {
    keyId: id,
    keyHash: createHash('sha256').update(key).digest('hex'),
    label,
    hint: key.slice(0, 6),
    issuedAt: new Date().toISOString(),
  });
  return { id, key };
}

export function form(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return params.toString();
}

let address = 0;
export async function post(
  zone: TestZone,
  format: 'json' | 'xml',
  fields: Record<string, string | string[]>,
) {
  return zone.app.inject({
    method: 'POST',
    url: `${BASE}/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    // Each call from its own address, so the per-address limit is tested on its own.
    remoteAddress: `10.31.${Math.floor(++address / 250)}.${address % 250}`,
    payload: form(fields),
  });
}

export function get(zone: TestZone, url: string) {
  return zone.app.inject({ method: 'GET', url: `${BASE}/${url}` });
}

export interface BothAnswers {
  status: number;
  json: unknown;
  xml: { root: string; value: unknown };
}

/** One GET in both formats: same status, right content types, XML equal to the JSON, JSON valid. */
export async function both(zone: TestZone, path: string, query = ''): Promise<BothAnswers> {
  const [json, xml] = await Promise.all([
    get(zone, `${path}.json${query}`),
    get(zone, `${path}.xml${query}`),
  ]);
  assert.equal(json.statusCode, xml.statusCode, `${path}: the same status in both formats`);
  assert.equal(json.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(xml.headers['content-type'], 'text/xml; charset=utf-8');
  return { status: json.statusCode, json: JSON.parse(json.body), xml: parseXml(xml.body) };
}

/** The XML carries exactly the JSON answer, under the root the spec names. */
export function assertSameContent(answer: BothAnswers, root: string, listItem?: string): void {
  assert.equal(answer.xml.root, root);
  assert.deepEqual(answer.xml.value, asXmlShape(answer.json, listItem));
}

export function assertErrors(answer: BothAnswers, status: number, includes?: RegExp): void {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  assertValid(Errors, answer.json, 'errors');
  assertSameContent(answer, 'errors', 'error');
  for (const e of answer.json as { code: number; description: string }[]) {
    assert.equal(e.code, status);
    if (includes) assert.match(e.description, includes);
  }
}

export function assertConforms(answer: BothAnswers, schema: TSchema, root: string, listItem?: string) {
  assert.equal(answer.status, 200, JSON.stringify(answer.json).slice(0, 400));
  assertValid(schema, answer.json, root);
  assertSameContent(answer, root, listItem);
}

/** The workbench's first step for a tip: routed to a unit, which is when a batch token resolves. */
export function routed(zone: TestZone, letterNumber: string, seq = 1, status = 'in-progress') {
  return deliver(zone, letterStatusChanged, {
    letterNumber,
    seq,
    status,
    step: status === 'replied' ? 'replied' : 'routed',
    at: new Date().toISOString(),
    unit: { code: 'SF-XF', name: '示范市消防支队' },
    message: '已核实，涉事人员张三 13912345678 已被处理。',
    dueOn: status === 'replied' ? null : '2026-12-11',
  });
}
