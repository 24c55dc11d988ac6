import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { publicKeyPem } from '../../src/shared/secrets.ts';

export const root = path.resolve(import.meta.dirname, '../..');

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the figure must reach; `higher` means value ≥ target, `lower` means value ≤ target. */
  target: number;
  better: 'higher' | 'lower';
  /** The same measure on the bare-Fastify baseline, when there is one. */
  baseline?: number;
  /** True when the target is a ratio to the baseline rather than an absolute number. */
  targetIsRatio?: boolean;
}

/** The machine's load, printed beside rates: on a busy machine a rate says as much about the neighbours. */
export const loadAverage = (): string =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts a server in its own process, so the load generator and the server each get a core. */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    // A production zone refuses to start without the public address it prints on documents; no bench follows it.
    env: { ...process.env, PUBLIC_PORTAL_URL: 'https://portal.bench.invalid', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // BENCH_START_TIMEOUT_MS: a longer wait for a machine busy with other work (startup compiles the sources).
  const deadline = Date.now() + Number(process.env.BENCH_START_TIMEOUT_MS ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(readyUrl);
      if (response.status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${output}`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export interface LoadResult {
  requestsPerSecond: number;
  p99: number;
  p50: number;
  non2xx: number;
  errors: number;
}

export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({
    connections: 10,
    duration: Number(process.env.BENCH_SECONDS ?? 8),
    // BENCH_RATE: requests per second at most, so two revisions measured on a busy machine do the same work and
    // their CPU per request compares (a process's fixed costs, its timers and compilation, are spread over
    // however many requests it served).
    ...(process.env.BENCH_RATE ? { overallRate: Number(process.env.BENCH_RATE) } : {}),
    ...options,
  });
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** A fresh database on the benchmark server for this run (a copy of `template` if named), dropped afterwards. */
export async function freshDatabase(
  label: string,
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.BENCHMARK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `openpsb_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The bare-Fastify hello world every figure is compared with, measured in the same run. */
/** Bare Fastify's hello world, or with `bytes` an HTML body of that size (a reference for large pages). */
export async function measureBaseline(bytes?: number): Promise<LoadResult> {
  const port = await freePort();
  const child = await startProcess(
    [path.join(root, 'bench/lib/baseline-server.mjs'), String(port)],
    {},
    `http://127.0.0.1:${port}/`,
  );
  try {
    return await load({ url: `http://127.0.0.1:${port}/${bytes === undefined ? '' : `bytes/${bytes}`}` });
  } finally {
    await stopProcess(child);
  }
}

export function passes(f: Figure): boolean {
  const value = f.targetIsRatio && f.baseline ? f.value / f.baseline : f.value;
  return f.better === 'higher' ? value >= f.target : value <= f.target;
}

export function report(name: string, figures: Figure[]): boolean {
  const rows = figures.map((f) => ({
    name: f.name,
    value: Math.round(f.value * 100) / 100,
    unit: f.unit,
    target: f.targetIsRatio
      ? `${f.target * 100}% of baseline`
      : `${f.better === 'higher' ? '≥' : '≤'} ${f.target} ${f.unit}`,
    baseline: f.baseline === undefined ? null : Math.round(f.baseline * 100) / 100,
    ratioToBaseline: f.baseline ? Math.round((f.value / f.baseline) * 1000) / 1000 : null,
    pass: passes(f),
  }));
  process.stdout.write(`\n== ${name}\n`);
  for (const r of rows) {
    process.stdout.write(
      `  ${r.name.padEnd(34)} ${String(r.value).padStart(10)} ${r.unit.padEnd(6)} target ${r.target.padEnd(22)} baseline ${String(r.baseline ?? '—').padStart(9)}  ratio ${String(r.ratioToBaseline ?? '—').padStart(6)}  ${r.pass ? 'PASS' : 'FAIL'}\n`,
    );
  }
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results', `${name}.json`),
    JSON.stringify({ name, at: new Date().toISOString(), figures: rows }, null, 2),
  );
  return rows.every((r) => r.pass);
}

/**
 * The real portal (`openpsb portal`) in its own process on the given database, as production runs it. The
 * per-address login limit is lifted: every request of a load test comes from one address.
 */
const privatePem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export async function startPortal(
  databaseUrl: string,
  readyPath = '/',
): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = await startProcess(
    [path.join(root, 'bin/openpsb.mjs'), 'portal'],
    {
      PORTAL_DATABASE_URL: databaseUrl,
      PORTAL_PORT: String(port),
      LOG_LEVEL: 'warn',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      FIELD_KEY: randomBytes(32).toString('base64url'),
      // Production needs the portal's signing key and the workbench's public one, even with no relay running.
      PORTAL_EXCHANGE_KEY: privatePem(),
      EXCHANGE_WORKBENCH_PUBLIC_KEYS: publicKeyPem(privatePem()),
      AUTH_RATE_LIMIT: '100000000',
      NODE_ENV: 'production',
      // The load comes through a stand-in for the TLS-terminating proxy (X-Forwarded-Proto: https).
      TRUSTED_PROXIES: '127.0.0.1',
      DATA_DIR: path.join(root, 'data/bench'),
    },
    `http://127.0.0.1:${port}${readyPath}`,
  );
  return { base: `http://127.0.0.1:${port}`, child };
}
