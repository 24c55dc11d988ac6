import type { CurrentStaff } from '../session.ts';
import { definePolicy } from '../../shared/policy/registry.ts';
import { allows, holdsAnywhere, jurisdictional, reachOf, type Reach } from '../staff/staff.policy.ts';

// Who may do what with an article. Jurisdiction is the publishing unit's: an editor of a district writes
// that district's articles, an approver there lets them out. Seeing one needs either duty; an officer with
// neither gets the same 404 for an article outside his reach as for one that does not exist.

export function worksOnContent(me: CurrentStaff): boolean {
  return holdsAnywhere(me, 'content.edit') || holdsAnywhere(me, 'content.publish');
}

export function mayEditContent(me: CurrentStaff, unitPath: string): boolean {
  return allows(me, 'content.edit', unitPath);
}

export function mayDecideContent(me: CurrentStaff, unitPath: string): boolean {
  return allows(me, 'content.publish', unitPath);
}

/** Four eyes, answered early for the page; the workflow applies the full rule when the state moves. */
export function isOwnArticle(
  me: CurrentStaff,
  version: { authorBadge: string; editors: readonly string[]; submittedBy: string | null },
): boolean {
  return (
    version.authorBadge === me.badgeNo ||
    version.editors.includes(me.badgeNo) ||
    version.submittedBy === me.badgeNo
  );
}

export function contentReach(me: CurrentStaff): Reach[] {
  return [reachOf(me, 'content.edit'), reachOf(me, 'content.publish')];
}

/** What the content rules are asked about: an article, by the unit that publishes it. */
export interface ContentRecord {
  unitPath: string;
}

const unitOf = (record: unknown) => (record as ContentRecord).unitPath;

export const contentPolicy = definePolicy<CurrentStaff>('content', {
  'content.view': (me, record) =>
    record === undefined
      ? worksOnContent(me)
      : mayEditContent(me, unitOf(record)) || mayDecideContent(me, unitOf(record)),
  'content.edit': jurisdictional('content.edit'),
  'content.publish': jurisdictional('content.publish'),
});
