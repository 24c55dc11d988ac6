import type { LetterKind, LetterTopic } from '../../exchange/contracts/index.ts';

// Which unit answers a letter, as data: the first rule that matches the letter's kind, topic and place names
// the unit. One rule stands above the table: a letter about a unit (a complaint or tip against the police) is
// never routed to that unit or any unit below it; a rule that would is passed over, and when every matching
// rule is, the letter goes to the unit above the one it is about, which supervises it.

export interface RoutingRule {
  id: string;
  kinds?: readonly LetterKind[];
  topics?: readonly LetterTopic[];
  /** Matches when the place the writer gave names any of these (a district, a road). */
  placeContains?: readonly string[];
  unitCode: string;
}

export const routingRules: readonly RoutingRule[] = [
  { id: 'director', kinds: ['director'], unitCode: 'SF-0000' },
  { id: 'police-conduct', topics: ['police-conduct'], unitCode: 'SF-DC' },
  { id: 'traffic', topics: ['traffic'], unitCode: 'SF-JJ' },
  { id: 'exit-entry', topics: ['exit-entry'], unitCode: 'SF-CRJ' },
  { id: 'cyber', topics: ['cyber'], unitCode: 'SF-WA' },
  { id: 'fire', topics: ['fire'], unitCode: 'SF-XF' },
  { id: 'narcotics', topics: ['narcotics'], unitCode: 'SF-JD' },
  { id: 'household-question', kinds: ['consultation'], topics: ['household'], unitCode: 'SF-HZ' },
  // Everything local goes to the district's sub-bureau, which hands it to its station.
  { id: 'district-minghu', placeContains: ['明湖'], unitCode: 'SF-D01' },
  { id: 'district-qingjiang', placeContains: ['清江'], unitCode: 'SF-D02' },
  { id: 'district-wangshan', placeContains: ['望山'], unitCode: 'SF-D03' },
  { id: 'district-lingang', placeContains: ['临港'], unitCode: 'SF-D04' },
  { id: 'district-xinqiao', placeContains: ['新桥'], unitCode: 'SF-D05' },
  { id: 'district-gaoxin', placeContains: ['高新'], unitCode: 'SF-D06' },
  { id: 'household', topics: ['household'], unitCode: 'SF-HZ' },
  { id: 'public-order', unitCode: 'SF-ZA' },
];

export interface RoutableLetter {
  kind: LetterKind;
  topic: LetterTopic;
  place: string | null;
}

export interface UnitRef {
  code: string;
  path: string;
  parentCode: string | null;
}

export type Routing =
  { unitCode: string; rule: string } | { unitCode: null; rule: 'no-unit-outside-accused' };

function matches(rule: RoutingRule, letter: RoutableLetter): boolean {
  if (rule.kinds && !rule.kinds.includes(letter.kind)) return false;
  if (rule.topics && !rule.topics.includes(letter.topic)) return false;
  if (rule.placeContains && !rule.placeContains.some((name) => letter.place?.includes(name))) return false;
  return true;
}

/** Whether `unitPath` is the accused unit or lies below it. */
export function withinAccused(unitPath: string, accused: UnitRef | undefined): boolean {
  return accused !== undefined && (unitPath === accused.path || unitPath.startsWith(`${accused.path}/`));
}

/**
 * The unit for a letter. `unitOf` finds a unit by code (the whole tree is small and loaded once per intake);
 * a rule naming a unit the tree lacks is skipped, so a stale rule can only send letters further down the table.
 */
export function routeLetter(
  letter: RoutableLetter,
  accused: UnitRef | undefined,
  unitOf: (code: string) => UnitRef | undefined,
  rules: readonly RoutingRule[] = routingRules,
): Routing {
  let passedOver = false;
  for (const rule of rules) {
    if (!matches(rule, letter)) continue;
    const unit = unitOf(rule.unitCode);
    if (!unit) continue;
    if (withinAccused(unit.path, accused)) {
      passedOver = true;
      continue;
    }
    // A letter about a unit goes to the unit above it rather than to a catch-all further down the table.
    if (passedOver && accused?.parentCode) break;
    return { unitCode: unit.code, rule: rule.id };
  }
  if (accused?.parentCode) return { unitCode: accused.parentCode, rule: 'above-accused' };
  return { unitCode: null, rule: 'no-unit-outside-accused' };
}

/**
 * The unit a writer's words name: the longest unit name found in them. Writers name units as the public knows
 * them, a station by its own name (“湖滨派出所”) and a sub-bureau without the bureau before it (“明湖分局”
 * for 示范市公安局明湖分局), so a name that begins with the top unit's name is also looked for without it. A
 * wrong guess is for the officer at intake to correct.
 */
export function unitNamedIn<U extends { name: string; parentCode: string | null }>(
  words: string | null,
  units: readonly U[],
): U | undefined {
  if (!words) return undefined;
  const text = words.replace(/\s+/g, '');
  const top = units.find((u) => u.parentCode === null)?.name;
  let best: { unit: U; length: number } | undefined;
  for (const unit of units) {
    const short =
      top && unit.name !== top && unit.name.startsWith(top) ? unit.name.slice(top.length) : undefined;
    const found = [unit.name, short].find((name) => name && text.includes(name));
    if (found && (!best || found.length > best.length)) best = { unit, length: found.length };
  }
  return best?.unit;
}
