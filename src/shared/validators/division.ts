// Administrative divisions (GB/T 2260, 6 digits) from a pinned snapshot; regenerate it with
// scripts/snapshot-divisions.ts. ID numbers are not checked against it, since they keep abolished codes.
import { readFileSync } from 'node:fs';

export type DivisionLevel = 'province' | 'prefecture' | 'county';
export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Enclosing divisions, province first. */
  parents: { code: string; name: string }[];
}

interface Snapshot {
  source: string;
  dataVersion: string;
  divisions: Record<string, string>;
}

let cached: Snapshot | undefined;

// Read on first use rather than at import: most processes that import the validators never need the table.
function snapshot(): Snapshot {
  cached ??= JSON.parse(readFileSync(new URL('./divisions.json', import.meta.url), 'utf8')) as Snapshot;
  return cached;
}

export function findDivision(code: string): Division | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const { divisions } = snapshot();
  const name = divisions[code];
  if (name === undefined) return undefined;
  const level: DivisionLevel = code.endsWith('0000')
    ? 'province'
    : code.endsWith('00')
      ? 'prefecture'
      : 'county';
  const parentCodes = level === 'province' ? [] : [`${code.slice(0, 2)}0000`];
  if (level === 'county') parentCodes.push(`${code.slice(0, 4)}00`);
  const parents = parentCodes.flatMap((c) => {
    const n = divisions[c];
    return n === undefined ? [] : [{ code: c, name: n }];
  });
  return { code, name, level, parents };
}

export function isValidDivisionCode(code: string): boolean {
  return findDivision(code) !== undefined;
}

/** The snapshot's origin and the date its codes are current to, e.g. for an "as of" note beside a picker. */
export function divisionDataVersion(): { source: string; dataVersion: string } {
  const { source, dataVersion } = snapshot();
  return { source, dataVersion };
}
