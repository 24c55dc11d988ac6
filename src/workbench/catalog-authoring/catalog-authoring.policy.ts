import type { CurrentStaff } from '../session.ts';
import { definePolicy } from '../../shared/policy/registry.ts';
import { allows, holdsAnywhere, jurisdictional, reachOf, type Reach } from '../staff/staff.policy.ts';

// Who may do what with a service guide. Jurisdiction is the implementing unit's: an editor of a district
// writes that district's guides, an approver there lets them go live. Seeing a guide needs either duty;
// an officer with neither gets the same 404 for a guide outside his reach as for one that does not exist.

export function worksOnCatalog(me: CurrentStaff): boolean {
  return holdsAnywhere(me, 'catalog.edit') || holdsAnywhere(me, 'catalog.publish');
}

export function mayView(me: CurrentStaff, unitPath: string): boolean {
  return allows(me, 'catalog.edit', unitPath) || allows(me, 'catalog.publish', unitPath);
}

export function mayEdit(me: CurrentStaff, unitPath: string): boolean {
  return allows(me, 'catalog.edit', unitPath);
}

export function mayDecide(me: CurrentStaff, unitPath: string): boolean {
  return allows(me, 'catalog.publish', unitPath);
}

/**
 * Four eyes: nobody decides on a version he wrote any of, even when he also holds the approver role for
 * the unit. Withdrawing is not a decision on someone's text and is not limited this way.
 */
export function isOwnWork(
  me: CurrentStaff,
  version: { authorBadge: string; editors: readonly string[] },
): boolean {
  return version.authorBadge === me.badgeNo || version.editors.includes(me.badgeNo);
}

/** Where the officer may see guides: the union of his editing and approving reach. */
export function viewReach(me: CurrentStaff): Reach[] {
  return [reachOf(me, 'catalog.edit'), reachOf(me, 'catalog.publish')];
}

/** What the catalogue's rules are asked about: a guide, by the unit that implements it. */
export interface CatalogRecord {
  unitPath: string;
}

const unitOf = (record: unknown) => (record as CatalogRecord).unitPath;

// Without a record, each rule answers whether a page opens at all (the route kernel's 403); with a guide, whether
// the officer may do it to that one (the catalogue's pages answer the same 404 as for a missing guide when he
// may not even see it, and 403 when he sees it but may not edit or decide).
export const catalogPolicy = definePolicy<CurrentStaff>('catalog', {
  // The list, the document library, one guide and its versions: either duty, within its reach.
  'catalog.view': (me, record) => (record === undefined ? worksOnCatalog(me) : mayView(me, unitOf(record))),
  // Creating and writing guides of his units. Documents are no unit's: holding the duty anywhere is enough
  // to add or replace one, since nothing reaches the portal without an approver publishing a guide naming it.
  'catalog.edit': jurisdictional('catalog.edit'),
  // Publishing or returning the version in review, withdrawing the live one. Four eyes is the workflow's
  // (catalog-authoring.workflow.ts), on every decision; isOwnWork above only lets the page say so first.
  'catalog.publish': jurisdictional('catalog.publish'),
});
