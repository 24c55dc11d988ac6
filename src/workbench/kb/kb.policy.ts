import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { allows, holdsAnywhere, jurisdictional, roleHolds } from '../staff/staff.policy.ts';

// Who may do what with the reply knowledge base. An entry belongs to the unit that wrote it and is shared with
// every unit below: a station's letter handler reads (and answers from) the city bureau's entries, but only the
// city's own writers change them and only a leader reaching the city reviews them. An entry neither above nor
// within the officer's units answers as missing.

/** What the rules are asked about: an entry, by the unit that owns it. */
export interface KbRecord {
  unitPath: string;
}

/** Whether an entry of the unit at `unitPath` is shared with the officer: his units are it, below it or above. */
export function readsEntry(me: CurrentStaff, unitPath: string): boolean {
  if (allows(me, 'kb.read', unitPath)) return true;
  return me.assignments.some(
    (a) => roleHolds(a.role, 'kb.read') && (a.unitPath === unitPath || a.unitPath.startsWith(`${unitPath}/`)),
  );
}

/** The unit paths whose entries reach the officer from above (every ancestor of each unit he reads for). */
export function sharedFromAbove(me: CurrentStaff): string[] {
  const out = new Set<string>();
  for (const a of me.assignments) {
    if (!roleHolds(a.role, 'kb.read')) continue;
    const parts = a.unitPath.split('/');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('/'));
  }
  return [...out];
}

export const kbPolicy = definePolicy<CurrentStaff>('kb', {
  'kb.read': (me, record) =>
    record === undefined ? holdsAnywhere(me, 'kb.read') : readsEntry(me, (record as KbRecord).unitPath),
  'kb.edit': jurisdictional('kb.edit'),
  'kb.review': jurisdictional('kb.review'),
});
