import { createHash, randomBytes } from 'node:crypto';
import type { ZoneServices } from '../../shared/zone.ts';
import { AppError } from '../../shared/http/errors.ts';
import { insideCity } from '../../shared/map/city.ts';
import { findKindSpec } from '../letters/letters.kinds.ts';
import type { IncomingPhoto } from '../letters/letters.photos.ts';
import { submitLetter } from '../letters/letters.service.ts';
import {
  JURISDICTION_ID,
  findService,
  type Open311Service,
  type ServiceAttribute,
} from './open311.catalogue.ts';
import { Open311Error, refuse } from './open311.errors.ts';
import type { Open311ErrorKey } from './open311.messages.ts';
import * as repo from './open311.repository.ts';
import type { Open311ApiKeyRow } from './open311.tables.ts';

// POST requests: a GeoReport service request becomes an anonymous tip through the same service the web form
// uses, so it is checked, numbered and sent across to the workbench like any tip. Names, e-mail addresses and
// phone numbers a client may send are not kept: a tip through the API is anonymous.

export type FormValue = string | string[] | undefined;
export type Form = Record<string, FormValue>;

const one = (value: FormValue): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();

/** The api_key a form or a query string carries, empty when it carries none. */
export const keyIn = (form: Form): string => one(form.api_key);

/**
 * A key a client sent, checked against the hashes the workbench sent across; revoked keys are refused. It is
 * checked before anything large is read (open311.routes.ts and open311.media.ts).
 */
export async function checkApiKey(services: ZoneServices, value: string): Promise<Open311ApiKeyRow> {
  const key = value.trim();
  if (!key) throw refuse(403, 'api_key.missing');
  if (key.length > 200) throw refuse(403, 'api_key.invalid');
  const found = await repo.activeKeyByHash(services.db, createHash('sha256').update(key).digest('hex'));
  if (!found) throw refuse(403, 'api_key.invalid');
  return found;
}

/** "Optional" in the spec means an empty value counts as absent; any other value must be ours. */
export function checkJurisdiction(value: FormValue): string | null {
  const id = one(value);
  if (id && id !== JURISDICTION_ID) throw refuse(404, 'jurisdiction_id.unknown');
  return id || null;
}

const NUMBER = /^-?\d{1,3}(?:\.\d{1,20})?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** attribute[CODE]=v and attribute[CODE][]=v, as the form parser leaves them. */
function attributesOf(form: Form): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [name, value] of Object.entries(form)) {
    const match = /^attribute\[([A-Za-z0-9_-]{1,40})\](\[\])?$/.exec(name);
    if (!match?.[1] || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
    found.set(match[1], [...(found.get(match[1]) ?? []), ...values]);
  }
  return found;
}

type Problem = { key: Open311ErrorKey; code?: string };

function checkAttribute(attribute: ServiceAttribute, values: string[]): boolean {
  const keys = attribute.values?.map((v) => v.key) ?? [];
  switch (attribute.datatype) {
    case 'singlevaluelist':
      return values.length === 1 && keys.includes(values[0]!);
    case 'multivaluelist':
      return values.length <= keys.length && values.every((v) => keys.includes(v));
    case 'number':
      return values.length === 1 && /^\d{1,9}$/.test(values[0]!);
    case 'datetime':
      return values.length === 1 && DATETIME.test(values[0]!) && !Number.isNaN(Date.parse(values[0]!));
    case 'string':
      return values.length === 1 && values[0]!.length <= 200;
    case 'text':
      return values.length === 1 && values[0]!.length <= 1000;
  }
}

/** The attribute lines the officer reads under the description, in Chinese, the workbench's language. */
function attributeLines(
  service: Open311Service,
  given: Map<string, string[]>,
  problems: Problem[],
): string[] {
  const lines: string[] = [];
  for (const code of given.keys())
    if (!service.attributes.some((a) => a.code === code)) problems.push({ key: 'attribute.unknown', code });
  for (const attribute of service.attributes) {
    const values = given.get(attribute.code) ?? [];
    if (values.length === 0) {
      if (attribute.required) problems.push({ key: 'attribute.required', code: attribute.code });
      continue;
    }
    if (!checkAttribute(attribute, values)) {
      problems.push({ key: 'attribute.invalid', code: attribute.code });
      continue;
    }
    const named = values.map((v) => attribute.values?.find((x) => x.key === v)?.name.zh ?? v);
    lines.push(`${attribute.description.zh}：${named.join('、')}`);
  }
  return lines;
}

function locationOf(form: Form, problems: Problem[]) {
  const lat = one(form.lat);
  const long = one(form.long);
  const address = one(form.address_string);
  if (address.length > 200) problems.push({ key: 'address_string.invalid' });
  if (!lat && !long) {
    if (!address) problems.push({ key: 'location.missing' });
    return { address, latitude: '', longitude: '' };
  }
  const [y, x] = [Number(lat), Number(long)];
  if (!NUMBER.test(lat) || !NUMBER.test(long) || Math.abs(y) > 90 || Math.abs(x) > 180) {
    problems.push({ key: 'location.invalid' });
    return { address, latitude: '', longitude: '' };
  }
  // The same rule as the tip form, whose map shows only the city: a point elsewhere is another force's.
  if (!insideCity({ lat: y, lng: x })) {
    problems.push({ key: 'location.outside' });
    return { address, latitude: '', longitude: '' };
  }
  // The letters keep eight decimals at most (about a millimetre); clients often send more.
  return { address, latitude: y.toFixed(7), longitude: x.toFixed(7) };
}

function mediaUrlOf(form: Form, problems: Problem[]): string {
  const url = one(form.media_url);
  if (!url) return '';
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && url.length <= 1000)
      return parsed.href;
  } catch {
    // refused below
  }
  problems.push({ key: 'media_url.invalid' });
  return '';
}

// The letter's field names in the spec's words, for its refusals.
const specName: Record<string, string> = {
  body: 'description',
  place: 'address_string',
  latitude: 'lat',
  subject: 'service_code',
};

/** A refused photo in the spec's terms, named as the client named its file. */
function mediaProblem(message: string): Problem {
  const [key = '', detail = ''] = message.split('|');
  const name = detail.replace(/^name=/, '');
  if (key === 'letters.photoCount') return { key: 'media.count' };
  if (key === 'letters.photoSize') return { key: 'media.too_large', code: name };
  if (key === 'letters.outsideCity') return { key: 'location.outside' };
  return { key: 'media.invalid', code: name };
}

export interface Posted {
  service: Open311Service;
  letterNumber: string;
  token: string | null;
}

/** `key` has been checked (checkApiKey) before the form was read. */
export async function postRequest(
  services: ZoneServices,
  key: Open311ApiKeyRow,
  form: Form,
  query: Form,
  photos: readonly IncomingPhoto[] = [],
): Promise<Posted> {
  const jurisdictionId = checkJurisdiction(form.jurisdiction_id ?? query.jurisdiction_id);
  const code = one(form.service_code);
  if (!code) throw refuse(400, 'service_code.missing');
  const service = findService(code);
  if (!service) throw refuse(404, 'service_code.unknown');
  const problems: Problem[] = [];
  const place = locationOf(form, problems);
  const description = one(form.description);
  if (description.length > 4000) problems.push({ key: 'description.invalid' });
  const lines = attributeLines(service, attributesOf(form), problems);
  const mediaUrl = mediaUrlOf(form, problems);
  if (problems.length > 0) throw new Open311Error(400, problems);

  const body = [
    description || service.name.zh,
    ...(lines.length ? ['', ...lines] : []),
    // Not fetched: the portal never reaches out to addresses a client names. The officer decides.
    ...(mediaUrl ? ['', `附带媒体链接（未下载，请谨慎打开）：${mediaUrl}`] : []),
    '',
    `（经 Open311 接口提交，客户端：${key.label}）`,
  ].join('\n');
  const token = service.type === 'batch' ? randomBytes(18).toString('base64url') : null;
  const tipSpec = findKindSpec('tip')!;
  try {
    const sent = await submitLetter(
      services,
      undefined,
      tipSpec,
      {
        topic: service.topic,
        subject: `${service.name.zh}（Open311）`,
        body,
        place: place.address,
        latitude: place.latitude,
        longitude: place.longitude,
      },
      photos,
      {
        followCode: false,
        withinCity: true,
        within: (tx, letter) =>
          repo.insertRequest(tx, {
            letterId: letter.id,
            serviceCode: service.code,
            token,
            apiKeyId: key.id,
            jurisdictionId,
            requestedAt: letter.submittedAt,
          }),
      },
    );
    return { service, letterNumber: sent.letterNumber, token };
  } catch (error) {
    // The letter's own checks (a body too long once the attributes are added, say) in the spec's terms.
    if (error instanceof AppError && error.code === 'VALIDATION')
      throw new Open311Error(
        400,
        error.fields.map((f) =>
          f.field === 'photos' || f.message === 'letters.outsideCity'
            ? mediaProblem(f.message)
            : { key: 'parameter.invalid', code: specName[f.field] ?? f.field },
        ),
      );
    throw error;
  }
}
