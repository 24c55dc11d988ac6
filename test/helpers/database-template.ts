import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/shared/db/database.ts';
import type { ZoneName } from '../../src/zones.ts';

// Starting PGlite from nothing runs initdb, which takes seconds on a busy machine; loading a dump of a database
// that is already initialised and migrated takes a fraction of that. The dump is made once per migration set
// (its name carries a hash of the migrations and of the PGlite version) and shared by every test process.

const migrationsRoot = path.resolve(import.meta.dirname, '../../migrations');
const templatesDir = path.join(tmpdir(), 'openpsb-test-databases');
const pgliteVersion = (
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json'),
      'utf8',
    ),
  ) as { version: string }
).version;

function migrationsHash(zone: ZoneName): string {
  const hash = createHash('sha256').update(pgliteVersion);
  const folder = path.join(migrationsRoot, zone);
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort()) {
    hash.update(path.relative(folder, entry)).update(readFileSync(entry));
  }
  return hash.digest('hex').slice(0, 16);
}

const loaded = new Map<ZoneName, Promise<Blob>>();

async function build(zone: ZoneName, file: string): Promise<Blob> {
  try {
    return new Blob([readFileSync(file)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await database.migrate(path.join(migrationsRoot, zone));
    if (!database.dumpDataDir) throw new Error('the embedded engine cannot dump its data directory');
    const dump = await database.dumpDataDir();
    // Written aside and renamed, so a process reading it never sees half a file.
    mkdirSync(templatesDir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  } finally {
    await database.close();
  }
}

/** A migrated, empty embedded database for the zone, to start a test zone from. */
export function migratedTemplate(zone: ZoneName): Promise<Blob> {
  let template = loaded.get(zone);
  if (!template) {
    template = build(zone, path.join(templatesDir, `${zone}-${migrationsHash(zone)}.tar`));
    loaded.set(zone, template);
  }
  return template;
}
