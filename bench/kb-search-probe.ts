import { writeFileSync } from 'node:fs';
import { cpuUsage } from 'node:process';
import { eq, sql, type SQL } from 'drizzle-orm';
import { openDatabase, rows, type Db } from '../src/shared/db/database.ts';
import type { ZoneServices } from '../src/shared/zone.ts';
import { listFor } from '../src/workbench/kb/kb.service.ts';
import { loadCurrentStaff } from '../src/workbench/session.ts';
import { staff } from '../src/workbench/db/schema.ts';
import { cpuSeconds } from './lib/cases-zones.ts';
import { KB_QUERIES } from './lib/seed-kb.ts';

// A look inside the knowledge-base search on a seeded database (one the letters bench left with BENCH_KEEP=1):
//   node --import tsx bench/kb-search-probe.ts <workbench database URL> [--dump FILE] [--explain] [--runs N]
// For each of KB_QUERIES, read by the bench's officer: the statements and time one search takes in this process
// (wall and CPU, median of N runs), and with --explain the plan of each statement, EXPLAIN (ANALYZE, BUFFERS).
// --dump writes every query's results (order, ids, versions, ranks), to compare two versions of the search.

const args = process.argv.slice(2);
const url = args.find((a) => a.startsWith('postgres'));
if (!url) throw new Error('usage: kb-search-probe.ts <postgres URL> [--dump FILE] [--explain] [--runs N]');
const flag = (name: string) => args.indexOf(name);
const dumpTo = flag('--dump') >= 0 ? args[flag('--dump') + 1] : undefined;
const explain = flag('--explain') >= 0;
// --sql DIR: each query's search statement with its values written in, DIR/<n>.sql, to run again (psql, pgbench).
const sqlDir = flag('--sql') >= 0 ? args[flag('--sql') + 1] : undefined;
const runs = flag('--runs') >= 0 ? Number(args[flag('--runs') + 1]) : 50;

const database = await openDatabase({ url, poolSize: 1 });
const db = database.db;
const [officer] = await db.select({ id: staff.id }).from(staff).where(eq(staff.badgeNo, 'BN0000'));
if (!officer) throw new Error('no officer BN0000');
const me = await loadCurrentStaff(db, officer.id);
// One connection, so its backend's CPU is the database's share of each search (the server is on this machine).
const [backend] = rows<{ pid: number }>(await db.execute(sql`SELECT pg_backend_pid() AS pid`));
if (!me) throw new Error('no officer BN0000');

/** The database handle with every statement counted, and with `plans` each one explained as well. */
let bound: { sql: string; params: unknown[] }[] = [];
function watched(plans?: string[][], texts?: string[]): { db: Db; statements: () => number } {
  let count = 0;
  const wrap = (target: Db): Db =>
    new Proxy(target, {
      get(t, key, receiver) {
        const value = Reflect.get(t, key, receiver) as unknown;
        if (key === 'execute')
          return async (query: SQL) => {
            count++;
            if (texts) {
              const dialect = (
                t as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
              ).dialect;
              const { sql: text, params } = dialect.sqlToQuery(query);
              bound.push({ sql: text, params });
              texts.push(
                text.replace(/\$(\d+)/g, (_, n: string) => {
                  const value = params[Number(n) - 1];
                  return typeof value === 'number'
                    ? String(value)
                    : `'${String(value).replaceAll("'", "''")}'`;
                }),
              );
            }
            if (plans) {
              const explained = await t.execute(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
              plans.push(rows<{ 'QUERY PLAN': string }>(explained).map((r) => r['QUERY PLAN']));
            }
            return t.execute(query);
          };
        if (key === 'select')
          return (...a: unknown[]) => {
            count++;
            return (value as (...x: unknown[]) => unknown).apply(t, a);
          };
        return value;
      },
    });
  return { db: wrap(db), statements: () => count };
}

const services = (handle: Db) => ({ db: handle, now: () => new Date() }) as unknown as ZoneServices;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dump: Record<string, unknown> = {};
for (const q of KB_QUERIES) {
  for (let i = 0; i < 5; i++) await listFor(services(db), me, { q });
  const walls: number[] = [];
  const cpus: number[] = [];
  let found: Awaited<ReturnType<typeof listFor>> = [];
  const databaseBefore = cpuSeconds(backend!.pid);
  for (let i = 0; i < runs; i++) {
    const cpu = cpuUsage();
    const started = performance.now();
    found = await listFor(services(db), me, { q });
    walls.push(performance.now() - started);
    const used = cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const databaseCpu = ((cpuSeconds(backend!.pid) - databaseBefore) * 1000) / runs;
  const counted = watched();
  await listFor(services(counted.db), me, { q });
  process.stdout.write(
    `${q.padEnd(24, '　')} ${found.length} found, ${counted.statements()} statements, ` +
      `wall ${median(walls).toFixed(2)} ms (max ${Math.max(...walls).toFixed(2)}), zone CPU ${median(cpus).toFixed(2)} ms, PostgreSQL CPU ${databaseCpu.toFixed(2)} ms\n`,
  );
  if (explain) {
    const plans: string[][] = [];
    await listFor(services(watched(plans).db), me, { q });
    for (const plan of plans) process.stdout.write(`${plan.map((l) => `    ${l}`).join('\n')}\n`);
  }
  if (sqlDir) {
    const texts: string[] = [];
    bound = [];
    await listFor(services(watched(undefined, texts).db), me, { q });
    writeFileSync(`${sqlDir}/${KB_QUERIES.indexOf(q)}.sql`, `${texts.join(';\n')};\n`);
    writeFileSync(`${sqlDir}/${KB_QUERIES.indexOf(q)}.json`, JSON.stringify(bound[0]));
  }
  dump[q] = found.map((l) => [l.id, l.version, l.rank.toFixed(9), l.helpedCount, l.question, l.unitCode]);
}
if (dumpTo) writeFileSync(dumpTo, JSON.stringify(dump, null, 1));
await database.close();
