import type { PublicLetterStatus } from '../../exchange/contracts/index.ts';
import { findService, type Open311Service } from './open311.catalogue.ts';
import { statusNote } from './open311.messages.ts';
import type { PublicRequestRow, PublicUpdateRow } from './open311.repository.ts';
import type { Node } from './open311.format.ts';

// What leaves the portal through the Open311 API, field by field. A tip is never published (issue: "tips and
// anything with personal data are never published"), so a request says how it stands and who handles it, and
// never what it says, where it is, its photos or who sent it.

type Lang = 'zh' | 'en';

const OPEN: readonly PublicLetterStatus[] = ['submitted', 'in-progress', 'forwarded'];

/** open or closed, the spec's two statuses, from where the letter stands as its writer sees it. */
export function open311Status(status: PublicLetterStatus): 'open' | 'closed' {
  return OPEN.includes(status) ? 'open' : 'closed';
}

export function lettersStatuses(status: 'open' | 'closed'): PublicLetterStatus[] {
  return status === 'open' ? [...OPEN] : ['replied', 'transferred'];
}

/** ISO 8601 with the zone, as the spec requires: Beijing time, which is what the writer and officers see. */
export function beijingDateTime(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}

export function presentService(service: Open311Service, lang: Lang): Node {
  return {
    service_code: service.code,
    service_name: service.name[lang],
    description: service.description[lang],
    metadata: service.attributes.length > 0,
    type: service.type,
    keywords: service.keywords.join(','),
    group: service.group[lang],
  };
}

export function presentDefinition(service: Open311Service, lang: Lang): Node {
  return {
    service_code: service.code,
    attributes: service.attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription[lang],
      order: i + 1,
      description: a.description[lang],
      ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name[lang] })) } : {}),
    })),
  };
}

export function presentRequest(row: PublicRequestRow, lang: Lang): Node {
  return {
    service_request_id: row.letterNumber,
    status: open311Status(row.status),
    status_notes: statusNote(lang, row.status),
    service_name: findService(row.serviceCode)?.name[lang] ?? row.serviceCode,
    service_code: row.serviceCode,
    agency_responsible: row.unitName ?? undefined,
    requested_datetime: beijingDateTime(row.requestedAt),
    updated_datetime: beijingDateTime(row.updatedAt),
    // The day the writer may expect an answer, to its end in Beijing.
    expected_datetime: row.dueOn ? `${row.dueOn}T23:59:59+08:00` : undefined,
  };
}

/**
 * One update in the mySociety extension's shape. Its description is the step in general terms, as for a
 * request's status_notes; external_status_code says where the tip stands in the portal's own words.
 */
export function presentUpdate(row: PublicUpdateRow, lang: Lang): Node {
  return {
    update_id: String(row.updateId),
    service_request_id: row.letterNumber,
    status: open311Status(row.status),
    updated_datetime: beijingDateTime(row.at),
    description: statusNote(lang, row.status),
    external_status_code: row.status,
  };
}
