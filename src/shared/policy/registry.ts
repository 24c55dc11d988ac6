// One place decides who may do what. Each feature states its rules in its own `*.policy.ts`; the zone gathers
// them into a registry, routes name the action they need, and handlers ask the same registry about one record.
// The generated permission tests read the same registry, so the rules, the routes and the tests cannot drift.

/**
 * May this actor do the action? Without a record: may he do it anywhere at all (decides whether a page opens).
 * With a record: may he do it to this one (decides whether he sees it, or the same 404 as for a missing one).
 */
export type Rule<Actor> = (actor: Actor, record?: unknown) => boolean;

export interface Policy<Actor> {
  feature: string;
  rules: Readonly<Record<string, Rule<Actor>>>;
}

/** Anyone may use the route, signed in or not. Every other permission is an action in the registry. */
export const PUBLIC = 'public';

export function definePolicy<Actor>(feature: string, rules: Record<string, Rule<Actor>>): Policy<Actor> {
  for (const action of Object.keys(rules)) {
    if (!action.startsWith(`${feature}.`))
      throw new Error(`policy ${feature}: action ${action} is not named ${feature}.*`);
  }
  return { feature, rules };
}

export class PolicyRegistry<Actor> {
  private readonly rules = new Map<string, Rule<Actor>>();

  constructor(policies: readonly Policy<Actor>[]) {
    for (const policy of policies) {
      for (const [action, rule] of Object.entries(policy.rules)) {
        if (this.rules.has(action)) throw new Error(`action ${action} is defined twice`);
        this.rules.set(action, rule);
      }
    }
  }

  has(action: string): boolean {
    return this.rules.has(action);
  }

  actions(): string[] {
    return [...this.rules.keys()].sort();
  }

  /** Nobody signed in may do nothing but public things; an unknown action is a programming error, not a "no". */
  can(actor: Actor | undefined, action: string, record?: unknown): boolean {
    const rule = this.rules.get(action);
    if (!rule) throw new Error(`unknown action ${action}`);
    if (actor === undefined) return false;
    return record === undefined ? rule(actor) : rule(actor, record);
  }
}
