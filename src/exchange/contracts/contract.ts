import type { Static, TSchema } from 'typebox';

export type ExchangeZone = 'portal' | 'workbench';
export type ContractDirection = 'portal-to-workbench' | 'workbench-to-portal';

/** One message type at one version: the only shapes allowed to cross the boundary. */
export interface Contract<S extends TSchema = TSchema> {
  type: string;
  version: number;
  direction: ContractDirection;
  /** Strict (additionalProperties: false, bounded strings): anything not described here is refused. */
  schema: S;
  /** Upper bound on the canonical JSON of the payload, checked before the schema so huge inputs cost little. */
  maxBytes: number;
  /** Top-level payload properties holding a FileAttachment: checked by content and re-encoded at the relay. */
  files?: readonly string[];
}

export type PayloadOf<C> = C extends Contract<infer S> ? Static<S> : never;

export function defineContract<const S extends TSchema>(contract: Contract<S>): Contract<S> {
  return Object.freeze(contract);
}

export function contractKey(type: string, version: number): string {
  return `${type}@${version}`;
}

export function directionOf(from: ExchangeZone, to: ExchangeZone): string {
  return `${from}-to-${to}`;
}
