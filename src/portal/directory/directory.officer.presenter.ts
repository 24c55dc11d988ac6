import Type from 'typebox';
import type { FieldError } from '../../shared/http/errors.ts';
import { BeatShape } from '../../exchange/contracts/directory.unit.published.ts';
import {
  DirectoryUnitJson,
  OfficerJson as UnitOfficerJson,
  presentDirectoryUnit,
  presentOfficer,
} from './directory.presenter.ts';
import type { Candidate, Office, OfficerLookup } from './directory.officer.ts';

// 找片警 as apps see it: the office and its officer (name and badge number; the office phone is the unit's),
// or the candidates with what each covers, or why nothing was found.

const OfficeJson = Type.Object({
  unit: DirectoryUnitJson,
  officer: UnitOfficerJson,
  area: BeatShape,
});

export const OfficerJson = Type.Object({
  result: Type.Enum(['found', 'ambiguous', 'not-found', 'none']),
  reason: Type.Union([Type.String(), Type.Null()]),
  matched: Type.Union([Type.String(), Type.Null()]),
  office: Type.Union([OfficeJson, Type.Null()]),
  candidates: Type.Array(Type.Object({ office: OfficeJson, covers: Type.Array(Type.String()) })),
  errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});

function presentOffice(o: Office) {
  return {
    unit: presentDirectoryUnit(o),
    officer: presentOfficer(o),
    area: o.beat,
  };
}

const presentCandidate = (c: Candidate) => ({ office: presentOffice(c.office), covers: c.covers });

export function presentOfficerLookup(
  lookup: OfficerLookup | undefined,
  chosen: Office | undefined,
  errors: FieldError[],
) {
  const found = lookup?.kind === 'found' ? lookup.office : chosen;
  return {
    result: found ? 'found' : (lookup?.kind ?? 'none'),
    reason: lookup && lookup.kind !== 'found' ? lookup.reason : null,
    matched: lookup?.kind === 'found' ? lookup.matched : null,
    office: found ? presentOffice(found) : null,
    candidates: lookup && lookup.kind !== 'found' ? lookup.candidates.map(presentCandidate) : [],
    errors: errors.map((e) => ({ field: e.field, message: e.message })),
  } as const;
}
