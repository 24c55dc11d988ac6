import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createFieldSealer, type FieldSealer } from '../../src/shared/crypto/seal.ts';
import { freePort, root, startProcess, stopProcess } from './harness.ts';

// The case benchmarks seed sealed personal data and TOTP secrets straight into the databases, so the zones run
// with secrets this process knows: each zone's field key (to seal what the zone will open) and session secret
// (to sign the session cookies of seeded citizens). Both zones run as production runs them, with exchange keys.

export interface ZoneKeys {
  sessionSecret: string;
  fieldKey: string;
  sealer: FieldSealer;
  /** Signs a session id as the zone's session plugin does, giving the cookie's value. */
  signSid: (sid: string) => string;
}

export function zoneKeys(): ZoneKeys {
  return zoneKeysFrom(randomBytes(32).toString('base64url'));
}

/** Keys around a given field key (a seeded database's rows are sealed with it), with a fresh session secret. */
export function zoneKeysFrom(fieldKey: string): ZoneKeys {
  const sessionSecret = randomBytes(32).toString('base64url');
  return {
    sessionSecret,
    fieldKey,
    sealer: createFieldSealer(Buffer.from(fieldKey, 'base64url')),
    // @fastify/cookie's signature: the value, a dot, its HMAC-SHA256 in base64 without padding.
    signSid: (sid) =>
      `${sid}.${createHmac('sha256', sessionSecret).update(sid).digest('base64').replace(/=+$/, '')}`,
  };
}

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const exchangeKeys = { PORTAL_EXCHANGE_KEY: pem(), WORKBENCH_EXCHANGE_KEY: pem() };

export interface RunningZone {
  base: string;
  child: ChildProcess;
}

/** `openpsb portal` or `openpsb workbench` in its own process, in production mode, on the given database. */
export async function startZone(
  zone: 'portal' | 'workbench',
  databaseUrl: string,
  keys: ZoneKeys,
  readyPath: string,
): Promise<RunningZone> {
  const port = await freePort();
  const prefix = zone.toUpperCase();
  // BENCH_PROFILE_DIR: each zone writes a CPU profile there when it stops, to see where a figure's time goes.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}/${zone}`]
    : [];
  const child = await startProcess(
    [...profile, path.join(root, 'bin/openpsb.mjs'), zone],
    {
      [`${prefix}_DATABASE_URL`]: databaseUrl,
      [`${prefix}_PORT`]: String(port),
      [`${prefix}_SESSION_SECRET`]: keys.sessionSecret,
      [`${prefix}_FIELD_KEY`]: keys.fieldKey,
      ...exchangeKeys,
      LOG_LEVEL: 'warn',
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

export async function stopZone(zone: RunningZone): Promise<void> {
  await stopProcess(zone.child);
}

/** Resident memory of a process in MB, read from /proc (Linux); NaN elsewhere. */
export function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) a process has used so far, read from /proc (Linux); NaN elsewhere. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU spent while `work` runs by a zone's process and by the PostgreSQL backends serving its database (the
 * server must be on this machine), so a figure can be read per request whatever else the machine is doing: on a
 * busy machine the rate falls, the work per request does not.
 */
export async function cpuDuring<T>(
  child: ChildProcess,
  databaseUrl: string,
  work: () => Promise<T>,
): Promise<{ result: T; zoneSeconds: number; databaseSeconds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const backends = async () =>
    (
      await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
    ).rows.map((r) => r.pid);
  try {
    const zoneBefore = cpuSeconds(child.pid);
    const pidsBefore = await backends();
    const databaseBefore = new Map(pidsBefore.map((pid) => [pid, cpuSeconds(pid) || 0]));
    const result = await work();
    const zoneSeconds = cpuSeconds(child.pid) - zoneBefore;
    // A backend that started during the work counts from zero; one that ended is lost (the pool keeps them).
    const pidsAfter = await backends();
    const databaseSeconds = pidsAfter.reduce(
      (total, pid) => total + (cpuSeconds(pid) || 0) - (databaseBefore.get(pid) ?? 0),
      0,
    );
    return { result, zoneSeconds, databaseSeconds };
  } finally {
    await client.end();
  }
}

/** Samples a process's resident memory while a benchmark runs; `stop` gives the peak. */
export function watchRss(child: ChildProcess): { stop: () => number } {
  let peak = rssMb(child.pid);
  const timer = setInterval(() => {
    const now = rssMb(child.pid);
    if (now > peak) peak = now;
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMb(child.pid));
    },
  };
}

/** The cookies a response sets, as `name=value` pairs ready for a Cookie header. */
export function cookiesOf(response: Response): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    const at = pair.indexOf('=');
    if (at > 0) found.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return found;
}

/** A browser's cookie jar reduced to what the benchmarks need: keep what is set, send it back. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const [k, v] of cookiesOf(response)) this.cookies.set(k, v);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const https = { 'x-forwarded-proto': 'https' };

export function csrfIn(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** GET or form POST with the jar's cookies, no redirect followed. */
export async function request(
  jar: Jar,
  url: string,
  form?: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; location: string; body: string }> {
  const response = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      ...https,
      ...headers,
      cookie: jar.header(),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  jar.take(response);
  return {
    status: response.status,
    location: response.headers.get('location') ?? '',
    body: await response.text(),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * One request at a time, so the figure is the time a person waits, not the queue behind a load test. `byUrl`: each
 * URL's own times, sorted, to find which of several requests makes the tail.
 */
export async function latencies(
  urls: string[],
  count: number,
  headers: Record<string, string>,
): Promise<{ p50: number; p95: number; failed: number; byUrl: number[][] }> {
  const times: number[] = [];
  const byUrl = urls.map((): number[] => []);
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(urls[i % urls.length] ?? '', { headers, redirect: 'manual' });
    await response.arrayBuffer();
    const took = performance.now() - started;
    times.push(took);
    byUrl[i % urls.length]?.push(took);
    if (response.status !== 200) failed++;
  }
  times.sort((a, b) => a - b);
  for (const list of byUrl) list.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), failed, byUrl };
}
