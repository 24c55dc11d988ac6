import Type from 'typebox';
import type { UnitKind } from '../db/schema.ts';
import type { Unit } from './org.repository.ts';

// A unit as the directory shows it, on the page and as JSON. The materialised path and the sort order are how
// the tree is stored, not part of what a unit is.

export interface UnitView {
  code: string;
  parentCode: string | null;
  kind: UnitKind;
  name: string;
  nameEn: string | null;
  address: string;
  phone: string;
  hours: string;
  lat: number;
  lng: number;
  district: string;
  schedule: string;
  isPublic: boolean;
  closedAt: string | null;
}

export function presentUnit(unit: Unit): UnitView {
  return {
    code: unit.code,
    parentCode: unit.parentCode,
    kind: unit.kind,
    name: unit.name,
    nameEn: unit.nameEn,
    address: unit.address,
    phone: unit.phone,
    hours: unit.hours,
    lat: unit.lat,
    lng: unit.lng,
    district: unit.district,
    schedule: unit.schedule,
    isPublic: unit.isPublic,
    closedAt: unit.closedAt ? unit.closedAt.toISOString() : null,
  };
}

const kinds: readonly UnitKind[] = [
  'bureau',
  'sub-bureau',
  'station',
  'community-office',
  'department',
  'traffic-site',
  'exit-entry-office',
];

export const UnitJson = Type.Object({
  code: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Enum(kinds),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  address: Type.String(),
  phone: Type.String(),
  hours: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  district: Type.String(),
  schedule: Type.String(),
  isPublic: Type.Boolean(),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** Every unit, parents before children; each names its parent, so a client can build the tree. */
export const UnitListJson = Type.Object({ total: Type.Integer(), units: Type.Array(UnitJson) });

/** One unit with the chain above it (from the top down, the unit last) and the units directly below. */
export const UnitDetailJson = Type.Object({
  unit: UnitJson,
  ancestors: Type.Array(UnitJson),
  children: Type.Array(UnitJson),
});
