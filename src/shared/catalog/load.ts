import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { areaCodes, type Area } from './codes.ts';
import { ServiceItem } from './item.schema.ts';

/** The business areas in the order the portal shows them. */
export const catalogAreas: readonly Area[] = areaCodes;

// Anchored to this file rather than the working directory, so the seed finds the catalogue whether it is
// started from the repository root, a test runner or the CLI.
export const defaultCatalogDir = fileURLToPath(new URL('../../../catalog/items/', import.meta.url));

export class CatalogLoadError extends Error {
  override readonly name = 'CatalogLoadError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

const MAX_REPORTED = 10;

/**
 * Reads every `<area>/<id>.json` below `dir`, validates it against the schema and returns the items in
 * area order, then by id. Throws on the first bad file, naming the file and each failing schema path,
 * because a seed half-loaded from a broken catalogue is worse than no seed.
 */
export function loadCatalogItems(dir: string = defaultCatalogDir): ServiceItem[] {
  const root = resolve(dir);
  const items: ServiceItem[] = [];
  const seen = new Map<string, string>();

  for (const file of listJsonFiles(root)) {
    const shown = relative(process.cwd(), file) || file;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CatalogLoadError(shown, [`not valid JSON (${(err as Error).message})`]);
    }
    if (!Value.Check(ServiceItem, data)) {
      throw new CatalogLoadError(shown, schemaProblems(data));
    }
    const item = data;
    const problems: string[] = [];
    // The path is how reviewers find an item, so it must agree with what the file says.
    if (basename(file, '.json') !== item.id) problems.push(`/id: "${item.id}" does not match the file name`);
    if (basename(dirname(file)) !== item.area) {
      problems.push(`/area: "${item.area}" does not match the folder "${basename(dirname(file))}"`);
    }
    const earlier = seen.get(item.id);
    if (earlier) problems.push(`/id: "${item.id}" is also used by ${earlier}`);
    if (problems.length > 0) throw new CatalogLoadError(shown, problems);
    seen.set(item.id, shown);
    items.push(item);
  }

  const order = (area: Area): number => catalogAreas.indexOf(area);
  // Code-point order, not localeCompare, so the seed order cannot change with the machine's ICU data.
  const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return items.sort((a, b) => order(a.area) - order(b.area) || byId(a.id, b.id));
}

function listJsonFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function schemaProblems(data: unknown): string[] {
  const lines: string[] = [];
  for (const error of Value.Errors(ServiceItem, data)) {
    // An unknown field is reported twice, once as "schema is false" on the field itself; the parent's
    // report names it better.
    if (error.keyword === 'boolean') continue;
    const extra = (error.params as { additionalProperties?: string[] }).additionalProperties;
    const message = extra ? `unknown field ${extra.map((f) => `"${f}"`).join(', ')}` : error.message;
    const line = `${error.instancePath || '/'}: ${message}`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines.length > MAX_REPORTED
    ? [...lines.slice(0, MAX_REPORTED), `… and ${lines.length - MAX_REPORTED} more`]
    : lines;
}
