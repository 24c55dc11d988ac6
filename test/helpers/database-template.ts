import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/shared/db/database.ts';
import type { ZoneName } from '../../src/zones.ts';

// Starting PGlite from nothing runs initdb, which takes seconds on a busy machine; loading a dump of a database
// that is already initialised and migrated takes a fraction of that. The dump is made once per migration set
// (its name carries a hash of the migrations and of the PGlite version) and shared by every test process.
// On PostgreSQL the same holds for running every migration in each fresh database: a migrated database is made
// once per migration set on the server, and each test database is copied from it (CREATE DATABASE … TEMPLATE).

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

/**
 * The dump, held once per process and handed to every database started from it. PGlite reads its `loadDataDir`
 * with `arrayBuffer()` and only reads it (the files are copied out); Node 20's Blob answers that by streaming
 * and concatenating the 40 MB again each time, which made up a third of a test database's start.
 */
class DumpBlob extends Blob {
  readonly #bytes: ArrayBuffer;
  constructor(bytes: Uint8Array) {
    super([]);
    this.#bytes = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  override get size(): number {
    return this.#bytes.byteLength;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes);
  }
}

const loaded = new Map<ZoneName, Promise<Blob>>();

async function build(zone: ZoneName, file: string): Promise<Blob> {
  try {
    return new DumpBlob(readFileSync(file));
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
    return new DumpBlob(new Uint8Array(await dump.arrayBuffer()));
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

/** One template per zone, migration set and server; made by whichever test process needs it first. */
const postgresTemplates = new Map<string, Promise<string>>();

async function buildPostgresTemplate(base: string, prefix: string, zone: ZoneName): Promise<string> {
  const name = `${prefix}_template_${zone}_${migrationsHash(zone)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    // Test processes run side by side: one builds, the others wait for it here and then find it made.
    await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [name]);
    const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (found.rowCount) return name;
    // Built under another name and renamed when complete, so a run killed half-way leaves no half template.
    const building = `${name}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
    await admin.query(`CREATE DATABASE "${building}"`);
    const url = new URL(base);
    url.pathname = `/${building}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 1 });
    try {
      await database.migrate(path.join(migrationsRoot, zone));
    } finally {
      await database.close();
    }
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    return name;
  } finally {
    await admin.end();
  }
}

/**
 * The name of a migrated, empty database for the zone on the PostgreSQL server at `base`, to create a test
 * database from: `CREATE DATABASE … TEMPLATE <it>`. Nothing may stay connected to it (a copy needs it idle).
 */
export function postgresTemplate(base: string, prefix: string, zone: ZoneName): Promise<string> {
  const key = `${base} ${prefix} ${zone}`;
  let template = postgresTemplates.get(key);
  if (!template) {
    template = buildPostgresTemplate(base, prefix, zone);
    // A failure is not kept: the next test database asks again.
    template.catch(() => postgresTemplates.delete(key));
    postgresTemplates.set(key, template);
  }
  return template;
}
