import path from 'node:path';
import type { Config } from './shared/config.ts';
import { openDatabase, type Database } from './shared/db/database.ts';
import type { ZoneName } from './zones.ts';

// Apart from zones.ts so that the relay, which opens both databases and nothing else, starts without loading the
// zones' features.

const migrationsRoot = path.resolve(import.meta.dirname, '../migrations');

export interface ZoneDatabaseOptions {
  config: Config;
  /** Overrides the database choice (tests): a postgres URL, or a PGlite directory / memory://. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** An embedded database to start from instead of an empty one (tests: a dump taken after migrating). */
  initialData?: Blob | undefined;
}

export function databaseUrlOf(name: ZoneName, options: ZoneDatabaseOptions): string | undefined {
  return (
    options.databaseUrl ??
    (name === 'portal' ? options.config.PORTAL_DATABASE_URL : options.config.WORKBENCH_DATABASE_URL)
  );
}

/** A zone's database alone, migrated: what the relay opens, holding none of the zone's secrets. */
export async function openZoneDatabase(name: ZoneName, options: ZoneDatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ?? path.join(options.config.DATA_DIR, name);
  const database = await openDatabase({
    url: databaseUrlOf(name, options),
    dataDir,
    initialData: options.initialData,
  });
  await database.migrate(path.join(migrationsRoot, name));
  return database;
}
