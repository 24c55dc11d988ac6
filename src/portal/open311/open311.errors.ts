import type { Open311ErrorKey } from './open311.messages.ts';

/** A refusal in the spec's terms: its HTTP status and what to say, one entry per problem. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly problems: readonly { key: Open311ErrorKey; code?: string }[],
  ) {
    super(`open311 ${status}: ${problems.map((p) => p.key).join(', ')}`);
  }
}

export const refuse = (status: 400 | 403 | 404, key: Open311ErrorKey, code?: string) =>
  new Open311Error(status, [code === undefined ? { key } : { key, code }]);
