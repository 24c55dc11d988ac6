import { directoryUnitKinds } from '../../exchange/contracts/index.ts';
import { parseSchedule } from '../../shared/directory/schedule.ts';
import { insideCity } from '../../shared/map/city.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { UnitKind } from '../db/schema.ts';
import { moveEntriesPath } from '../kb/kb.repository.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import type { OrgMessage } from './org.messages.ts';
import { publishUnit } from './org.publish.ts';
import {
  childrenOf,
  findUnit,
  insertUnit,
  loadOf,
  moveSubtree,
  updateUnit,
  type Unit,
  type UnitFields,
} from './org.repository.ts';

// Adding, editing, moving and closing units. Each change, its audit entry and its message to the portal's
// directory commit together, and each re-checks the administrator's reach inside the transaction.
//
// Moving refuses a unit when it or a unit below has open work: a case, letter or urging keeps the unit path
// it was opened under, and jurisdiction is checked against that path, so moving such a unit would leave the
// work answering to the old chain while its officers answer to the new one. Closed work keeps its path as the
// record of where it was done. Closing refuses a unit with open units below, active staff or open work, and
// keeps the row: cases, letters and accounts go on naming it.

export type UnitInput = Partial<
  Record<
    | 'code'
    | 'parentCode'
    | 'kind'
    | 'name'
    | 'nameEn'
    | 'district'
    | 'address'
    | 'phone'
    | 'hours'
    | 'schedule'
    | 'lat'
    | 'lng'
    | 'isPublic',
    string
  >
>;

type Problems = { field: string; message: OrgMessage }[];

function invalid(problems: Problems): AppError {
  return new AppError('VALIDATION', { fields: problems as FieldError[] });
}

const CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const PHONE = /^[0-9][0-9 -]{2,29}$/;
const length = (s: string) => [...s].length;

function coordinate(raw: string | undefined, limit: number): number | undefined {
  const text = raw?.trim() ?? '';
  if (!/^-?\d{1,3}(?:\.\d{1,8})?$/.test(text)) return undefined;
  const n = Number(text);
  return Math.abs(n) <= limit ? n : undefined;
}

/** The descriptive fields, checked; every problem at once, so the form shows them all. */
function readFields(input: UnitInput, problems: Problems): UnitFields | undefined {
  const kind = directoryUnitKinds.find((k) => k === input.kind) as UnitKind | undefined;
  if (!kind) problems.push({ field: 'kind', message: 'kindRequired' });
  const name = input.name?.trim() ?? '';
  if (length(name) < 2 || length(name) > 60) problems.push({ field: 'name', message: 'nameRequired' });
  const nameEn = input.nameEn?.trim() ?? '';
  if (length(nameEn) > 120) problems.push({ field: 'nameEn', message: 'nameEnInvalid' });
  const isPublic = input.isPublic === 'yes';
  const district = input.district?.trim() ?? '';
  if (length(district) > 30 || (isPublic && !district))
    problems.push({ field: 'district', message: 'districtRequired' });
  const address = input.address?.trim() ?? '';
  if (!address || length(address) > 120) problems.push({ field: 'address', message: 'addressRequired' });
  const phone = input.phone?.trim() ?? '';
  if (!PHONE.test(phone)) problems.push({ field: 'phone', message: 'phoneInvalid' });
  const hours = input.hours?.trim() ?? '';
  if (!hours || length(hours) > 200) problems.push({ field: 'hours', message: 'hoursRequired' });
  const schedule = input.schedule?.trim() ?? '';
  if (schedule && !parseSchedule(schedule)) problems.push({ field: 'schedule', message: 'scheduleInvalid' });
  const lat = coordinate(input.lat, 90);
  if (lat === undefined) problems.push({ field: 'lat', message: 'latInvalid' });
  const lng = coordinate(input.lng, 180);
  if (lng === undefined) problems.push({ field: 'lng', message: 'lngInvalid' });
  // Every unit is in the city: a point outside it is most often latitude and longitude swapped or mistyped.
  if (lat !== undefined && lng !== undefined && !insideCity({ lat, lng }))
    problems.push({ field: 'lat', message: 'outsideCity' });
  if (!kind || lat === undefined || lng === undefined) return undefined;
  return {
    kind,
    name,
    nameEn: nameEn || null,
    district,
    address,
    phone,
    hours,
    schedule,
    lat,
    lng,
    isPublic,
  };
}

/** A unit the administrator may change; out of his reach answers as not there (the unit itself is no secret). */
export async function manageableUnit(
  ex: ZoneServices['db'] | Tx,
  me: CurrentStaff,
  code: string,
): Promise<Unit> {
  const unit = CODE.test(code) ? await findUnit(ex, code) : undefined;
  if (!unit) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'org.manage', { unitPath: unit.path });
  return unit;
}

/** A unit that may have units put under it by this administrator. */
async function parentFor(tx: Tx, me: CurrentStaff, code: string | undefined, problems: Problems) {
  const parent = code && CODE.test(code) ? await findUnit(tx, code) : undefined;
  if (!parent) problems.push({ field: 'parentCode', message: 'parentRequired' });
  else if (!workbenchPolicy.can(me, 'org.manage', { unitPath: parent.path }))
    problems.push({ field: 'parentCode', message: 'parentOutside' });
  else if (parent.closedAt) problems.push({ field: 'parentCode', message: 'parentClosed' });
  else return parent;
  return undefined;
}

function audit(
  tx: Tx,
  by: AuditActor,
  action: string,
  unit: Unit,
  detail: Record<string, unknown>,
  at: Date,
) {
  return recordAudit(tx, { ...by, action, target: `unit:${unit.code}`, detail, at });
}

export async function createUnit(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  input: UnitInput,
): Promise<Unit> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const problems: Problems = [];
    const code = input.code?.trim().toUpperCase() ?? '';
    if (length(code) < 2 || length(code) > 40 || !CODE.test(code))
      problems.push({ field: 'code', message: 'codeInvalid' });
    else if (await findUnit(tx, code)) problems.push({ field: 'code', message: 'codeTaken' });
    const parent = await parentFor(tx, me, input.parentCode, problems);
    const fields = readFields(input, problems);
    if (problems.length || !parent || !fields) throw invalid(problems);
    const unit = await insertUnit(tx, { ...fields, code, parent, now });
    await audit(tx, by, 'org.unit.create', unit, { parent: parent.code, ...fields }, now);
    await publishUnit(tx, unit, now);
    return unit;
  });
}

export async function editUnit(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  code: string,
  input: UnitInput,
): Promise<Unit> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const unit = await manageableUnit(tx, me, code);
    if (unit.closedAt) throw invalid([{ field: 'name', message: 'alreadyClosed' }]);
    const problems: Problems = [];
    const fields = readFields(input, problems);
    if (problems.length || !fields) throw invalid(problems);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const key of Object.keys(fields) as (keyof UnitFields)[])
      if (fields[key] !== unit[key]) changes[key] = [unit[key], fields[key]];
    if (Object.keys(changes).length === 0) return unit;
    const updated = await updateUnit(tx, unit, fields, now);
    await audit(tx, by, 'org.unit.edit', updated, { changes }, now);
    await publishUnit(tx, updated, now);
    // The directory names each unit's parent: a renamed unit sends its public children again.
    if (changes.name) for (const child of await childrenOf(tx, unit.code)) await republish(tx, child, now);
    return updated;
  });
}

async function republish(tx: Tx, unit: Unit, now: Date): Promise<void> {
  if (!unit.isPublic || unit.closedAt) return;
  await publishUnit(tx, await updateUnit(tx, unit, {}, now), now);
}

export async function moveUnit(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  code: string,
  parentCode: string | undefined,
): Promise<Unit> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const unit = await manageableUnit(tx, me, code);
    if (unit.closedAt) throw invalid([{ field: 'parentCode', message: 'alreadyClosed' }]);
    const problems: Problems = [];
    const parent = await parentFor(tx, me, parentCode, problems);
    if (parent && (parent.path === unit.path || parent.path.startsWith(unit.path + '/')))
      problems.push({ field: 'parentCode', message: 'parentCycle' });
    else if (parent && parent.code === unit.parentCode)
      problems.push({ field: 'parentCode', message: 'parentSame' });
    else if (parent && (await loadOf(tx, unit)).openWork > 0)
      problems.push({ field: 'parentCode', message: 'openWork' });
    if (problems.length || !parent) throw invalid(problems);
    const moved = await moveSubtree(tx, unit, parent, now);
    // The reply knowledge base keeps its entries by owner path: they move with the unit.
    await moveEntriesPath(tx, unit.path, moved.path);
    await audit(tx, by, 'org.unit.move', moved, { from: unit.parentCode, to: parent.code }, now);
    await publishUnit(tx, moved, now);
    return moved;
  });
}

export async function closeUnit(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  code: string,
): Promise<Unit> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const unit = await manageableUnit(tx, me, code);
    const problems: Problems = [];
    if (unit.closedAt) problems.push({ field: 'confirm', message: 'alreadyClosed' });
    else if (!unit.parentCode) problems.push({ field: 'confirm', message: 'closeRoot' });
    else {
      const load = await loadOf(tx, unit);
      if (load.openUnitsBelow > 0) problems.push({ field: 'confirm', message: 'closeHasUnits' });
      if (load.activeStaff > 0) problems.push({ field: 'confirm', message: 'closeHasStaff' });
      if (load.openWork > 0) problems.push({ field: 'confirm', message: 'closeHasWork' });
    }
    if (problems.length) throw invalid(problems);
    const closed = await updateUnit(tx, unit, { closedAt: now }, now);
    await audit(tx, by, 'org.unit.close', closed, { parent: unit.parentCode }, now);
    await publishUnit(tx, closed, now);
    return closed;
  });
}
