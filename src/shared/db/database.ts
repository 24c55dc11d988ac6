import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { acquireDirectoryLock, type DirectoryLock } from './lock.ts';

// Both drivers produce a PgDatabase, so application code never knows which engine it runs on.
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database itself or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(folder: string): Promise<void>;
  /** The embedded engine's whole data directory as a tarball, to start another database from (`initialData`). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A postgres:// URL; when absent the embedded PGlite engine is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  /** A PGlite data directory dumped earlier (`dumpDataDir`): starts from it instead of running initdb. */
  initialData?: Blob | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://', options.initialData);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: (folder) => migratePg(drizzlePg(pool), { migrationsFolder: folder }),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, initialData: Blob | undefined): Promise<Database> {
  let lock: DirectoryLock | undefined;
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    // PGlite itself happily lets two processes open one directory and corrupt it.
    lock = acquireDirectoryLock(dir);
  }
  const client = new PGlite(dataDir, {
    extensions: { pg_trgm },
    // An in-memory database is a throwaway one (tests) and small: the default 128 MB buffer pool, set up at every
    // start, made up a third of its start-up time.
    ...(inMemory ? { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] } : {}),
    ...(initialData ? { loadDataDir: initialData } : {}),
  });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: (folder) => migratePglite(drizzlePglite(client), { migrationsFolder: folder }),
    dumpDataDir: () => client.dumpDataDir('none'),
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

/**
 * The rows of a raw `db.execute(sql…)` result. Both drivers answer `{ rows }`, but Drizzle types the result per
 * driver, so raw queries read their rows through this one typed door instead of a cast at each call.
 */
export function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * A hand-written statement run on any executor (the database or an open transaction), prepared by name: on
 * PostgreSQL each connection parses and plans it once and later calls send only the name and the values; PGlite
 * runs it as given. Nothing is built per call, so a statement on a hot path costs neither this process nor the
 * database its text again. Timestamps come back as the driver's text; the caller maps the rows.
 */
export function preparedStatement<T>(
  name: string,
  text: string,
): (ex: Executor, params: unknown[]) => Promise<T[]> {
  return async (ex, params) =>
    rows<T>(await ex._.session.prepareQuery({ sql: text, params }, undefined, name, false).execute());
}
