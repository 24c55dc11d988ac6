import Type from 'typebox';
import { roles, scopes } from './roles.ts';
import type { Role, Scope } from '../db/schema.ts';
import type { AssignmentRecord, StaffRecord } from './staff.repository.ts';

// What the pages and the JSON answers show of a staff account, and nothing more: the password hash, the sealed
// authenticator secret and its last time step stay in the repository's rows.

export interface StaffSummary {
  id: string;
  badgeNo: string;
  name: string;
  unitName: string;
  mustEnrolTotp: boolean;
  disabled: boolean;
  lockedUntil: Date | null;
}

export interface StaffAssignment {
  id: string;
  role: Role;
  scope: Scope;
  unitCode: string;
  unitName: string;
}

export interface StaffDetail {
  id: string;
  badgeNo: string;
  name: string;
  unitCode: string;
  unitName: string;
  mobile: string | null;
  mustEnrolTotp: boolean;
  disabled: boolean;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  failedLogins: number;
  createdAt: Date;
  assignments: StaffAssignment[];
}

export function presentStaffSummary(row: StaffSummary): StaffSummary {
  return {
    id: row.id,
    badgeNo: row.badgeNo,
    name: row.name,
    unitName: row.unitName,
    mustEnrolTotp: row.mustEnrolTotp,
    disabled: row.disabled,
    lockedUntil: row.lockedUntil,
  };
}

export function presentStaff(record: StaffRecord, assignments: readonly AssignmentRecord[]): StaffDetail {
  return {
    id: record.id,
    badgeNo: record.badgeNo,
    name: record.name,
    unitCode: record.unitCode,
    unitName: record.unitName,
    mobile: record.mobile,
    mustEnrolTotp: record.mustEnrolTotp,
    disabled: record.disabledAt !== null,
    disabledAt: record.disabledAt,
    lockedUntil: record.lockedUntil,
    failedLogins: record.failedLogins,
    createdAt: record.createdAt,
    assignments: assignments.map((a) => ({
      id: a.id,
      role: a.role,
      scope: a.scope,
      unitCode: a.unitCode,
      unitName: a.unitName,
    })),
  };
}

// The JSON shapes, for the response serializer (which writes only these properties) and the API document.
// The serializer writes a Date as its ISO 8601 text.
const Moment = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
const MaybeMoment = Type.Union([Moment, Type.Null()]);

export const StaffSummaryJson = Type.Object({
  id: Type.String(),
  badgeNo: Type.String(),
  name: Type.String(),
  unitName: Type.String(),
  mustEnrolTotp: Type.Boolean(),
  disabled: Type.Boolean(),
  lockedUntil: MaybeMoment,
});

export const StaffListJson = Type.Object({
  items: Type.Array(StaffSummaryJson),
  total: Type.Integer(),
  page: Type.Integer(),
  pageCount: Type.Integer(),
});

export const StaffDetailJson = Type.Object({
  id: Type.String(),
  badgeNo: Type.String(),
  name: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  mobile: Type.Union([Type.String(), Type.Null()]),
  mustEnrolTotp: Type.Boolean(),
  disabled: Type.Boolean(),
  disabledAt: MaybeMoment,
  lockedUntil: MaybeMoment,
  failedLogins: Type.Integer(),
  createdAt: Moment,
  assignments: Type.Array(
    Type.Object({
      id: Type.String(),
      role: Type.Enum(roles),
      scope: Type.Enum(scopes),
      unitCode: Type.String(),
      unitName: Type.String(),
    }),
  ),
});
