import Type from 'typebox';
import { directoryUnitKinds } from '../../exchange/contracts/index.ts';
import { BeatShape } from '../../exchange/contracts/directory.unit.published.ts';
import type { DirectoryUnit } from './directory.repository.ts';

// A directory unit as apps see it: what the page shows, never the revision bookkeeping.

export const DirectoryUnitJson = Type.Object({
  code: Type.String(),
  kind: Type.Enum(directoryUnitKinds),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  parentName: Type.Union([Type.String(), Type.Null()]),
  district: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  hours: Type.String(),
  schedule: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
});

export const DirectoryListJson = Type.Object({ total: Type.Integer(), units: Type.Array(DirectoryUnitJson) });

export const OfficerJson = Type.Union([
  Type.Object({ name: Type.String(), badgeNo: Type.String() }),
  Type.Null(),
]);

export const DirectoryDetailJson = Type.Object({
  unit: DirectoryUnitJson,
  /** A community office's officer and area (找片警); null for other units. */
  officer: OfficerJson,
  area: Type.Union([BeatShape, Type.Null()]),
  services: Type.Array(Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
});

export function presentDirectoryUnit(u: DirectoryUnit) {
  return {
    code: u.code,
    kind: u.kind,
    name: u.name,
    nameEn: u.nameEn,
    parentName: u.parentName,
    district: u.district,
    address: u.address,
    phone: u.phone,
    hours: u.hours,
    schedule: u.schedule,
    lat: u.lat,
    lng: u.lng,
  };
}

export const presentOfficer = (u: DirectoryUnit) =>
  u.officerName && u.officerBadge ? { name: u.officerName, badgeNo: u.officerBadge } : null;
