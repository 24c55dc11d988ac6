import type { LookupRow, ViolationListRow } from './traffic.repository.ts';
import type { LookupState } from './traffic.service.ts';

/** 我的交通违法 as JSON for apps: the same facts as the page, never the database rows. */
export function presentTraffic(
  state: LookupState,
  lookup: LookupRow | undefined,
  violations: ViolationListRow[],
) {
  return {
    lookup: state,
    asOf: lookup?.asOf?.toISOString() ?? null,
    vehicles: lookup?.vehicles ?? [],
    licence: lookup?.licence ?? null,
    violations: violations.map((v) => ({
      id: v.id,
      plate: v.plate,
      occurredAt: v.occurredAt.toISOString(),
      place: v.place,
      offenceCode: v.offenceCode,
      offence: v.offence,
      points: v.points,
      fineFen: v.fineFen,
      state: v.state,
      decisionNo: v.decisionNo,
      acceptPending: v.acceptRequestId !== null,
      photo: `/my/traffic/violations/${v.id}/photo`,
    })),
  };
}
