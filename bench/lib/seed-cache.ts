import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { zoneKeys, zoneKeysFrom, type ZoneKeys } from './cases-zones.ts';
import { freshDatabase, root } from './harness.ts';
import { STAFF_TOTP_SECRET } from './seed-cases.ts';

// A seeded database kept as a PostgreSQL template, so a benchmark at the scale of a city (a million cases take
// minutes to seed) seeds once and copies the result on every later run (CREATE DATABASE … TEMPLATE, a file copy).
// The template is named after what shaped it: the number of rows, and the contents of the seeding code, the
// migrations and the demo city, so a change to any of them seeds afresh. The field key and the officers' TOTP
// secret the rows were sealed with live in the template (table bench_seed_keys), and the copy is used with
// them. Templates stay until dropped by hand (`DROP DATABASE openpsb_bench_tpl_…`).

export interface CachedSeed<T> {
  url: string;
  drop: () => Promise<void>;
  keys: ZoneKeys;
  totpSecret: string;
  seed: T;
  /** Seconds the seeding took when it was done (now or when the template was made). */
  seededSeconds: number;
  /** Seconds spent here: seeding, or copying the template. */
  seconds: number;
  fromTemplate: boolean;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** A short name for what shapes the seed: `parts` (e.g. the row counts) and the contents of `files`. */
export function seedSignature(parts: readonly (string | number)[], files: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify(parts));
  const every = [
    ...files.map((f) => path.join(root, f)),
    ...filesUnder(path.join(root, 'migrations/workbench')),
    ...filesUnder(path.join(root, 'catalog')),
    path.join(root, 'bench/lib/seed-cases.ts'),
    path.join(root, 'bench/lib/seed-cache.ts'),
    path.join(root, 'src/workbench/org/demo-city.ts'),
  ];
  for (const f of every) hash.update(path.relative(root, f)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

const adminUrl = () => process.env.BENCHMARK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<R>(run: (c: pg.Client) => Promise<R>): Promise<R> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database for this run, seeded by `seed`; with `cache` true, copied from the template of the same
 * signature when there is one, and otherwise seeded and then kept as that template.
 */
export async function seededDatabase<T>(
  label: string,
  signature: string,
  cache: boolean,
  seed: (url: string, keys: ZoneKeys) => Promise<T>,
): Promise<CachedSeed<T>> {
  const started = performance.now();
  if (!cache) {
    const db = await freshDatabase(label);
    const keys = zoneKeys();
    const value = await seed(db.url, keys);
    const seconds = (performance.now() - started) / 1000;
    return {
      ...db,
      keys,
      totpSecret: STAFF_TOTP_SECRET,
      seed: value,
      seededSeconds: seconds,
      seconds,
      fromTemplate: false,
    };
  }
  const template = `openpsb_bench_tpl_${label.slice(0, 20)}_${signature}`;
  const exists = await admin(
    async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount === 1,
  );
  let fromTemplate = exists;
  if (!exists) {
    const building = `${template}_new`;
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${building}"`);
      await c.query(`CREATE DATABASE "${building}"`);
    });
    const url = new URL(adminUrl());
    url.pathname = `/${building}`;
    const keys = zoneKeys();
    const value = await seed(url.toString(), keys);
    const seededSeconds = (performance.now() - started) / 1000;
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      await c.query(
        `CREATE TABLE bench_seed_keys (field_key text NOT NULL, totp_secret text NOT NULL, seed jsonb NOT NULL,
           seconds double precision NOT NULL)`,
      );
      await c.query('INSERT INTO bench_seed_keys VALUES ($1, $2, $3, $4)', [
        keys.fieldKey,
        STAFF_TOTP_SECRET,
        JSON.stringify(value),
        seededSeconds,
      ]);
    } finally {
      await c.end();
    }
    // Renamed only once whole, so an interrupted seeding is never taken for a template.
    await admin((c) => c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`));
    fromTemplate = false;
  }
  const db = await freshDatabase(label, template);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const [row] = (
      await c.query<{ field_key: string; totp_secret: string; seed: T; seconds: number }>(
        'SELECT field_key, totp_secret, seed, seconds FROM bench_seed_keys',
      )
    ).rows;
    if (!row) throw new Error(`template ${template} has no keys`);
    return {
      ...db,
      keys: zoneKeysFrom(row.field_key),
      totpSecret: row.totp_secret,
      seed: row.seed,
      seededSeconds: row.seconds,
      seconds: (performance.now() - started) / 1000,
      fromTemplate,
    };
  } finally {
    await c.end();
  }
}
