import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { cases } from '../../src/workbench/cases/cases.tables.ts';
import type { Role, Scope } from '../../src/workbench/db/schema.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { openCase, SERVICES } from './cases.support.ts';
import { csrf, logIn, makeOfficer, type Workbench } from './support.ts';

// Cases placed where a supervision test needs them: at a station, with the state's time running as wanted.

const pathOf: Record<string, string> = {
  'SF-D01-P01': 'SF-0000/SF-D01/SF-D01-P01',
  'SF-D01-P02': 'SF-0000/SF-D01/SF-D01-P02',
  'SF-D02-P01': 'SF-0000/SF-D02/SF-D02-P01',
};

/** An open case at a station, in its state since `since` and due on `due`. */
export async function caseAt(
  zone: Workbench,
  unitCode: keyof typeof pathOf,
  times: { since: string; due: string | null },
): Promise<string> {
  const { row } = await openCase(zone, SERVICES.certificate);
  const unitPath = pathOf[unitCode];
  assert.ok(unitPath);
  await zone.services.db
    .update(cases)
    .set({ unitCode, unitPath, stateSince: times.since, stateDueOn: times.due })
    .where(eq(cases.caseNumber, row.caseNumber));
  return row.caseNumber;
}

export async function signedIn(
  zone: Workbench,
  unitCode: string,
  role: Role,
  scope: Scope,
): Promise<{ badgeNo: string; client: FormClient; token: string }> {
  const officer = await makeOfficer(zone, { unitCode, role, scope, enrolled: true });
  const client = await logIn(zone, officer);
  const token = csrf((await client.get('/')).body);
  return { badgeNo: officer.badgeNo, client, token };
}

/** Sets the zone's clock to an instant (it runs on from there). */
export const setClock = (zone: Workbench, iso: string) =>
  zone.advance(Date.parse(iso) - zone.services.now().getTime());
