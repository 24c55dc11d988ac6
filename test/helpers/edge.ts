import type { FastifyInstance } from 'fastify';
import pino from 'pino';

/**
 * Sends everything the given loggers write (and every request logger made from them later) to memory, at info
 * level, so a test can read exactly what an operator's log would hold.
 */
export function captureLogs(...loggers: object[]): { text(): string } {
  const lines: string[] = [];
  const sink = {
    write(chunk: string) {
      lines.push(chunk);
    },
  };
  for (const log of loggers) {
    const writable = log as Record<symbol, unknown> & { level: string };
    writable[pino.symbols.streamSym] = sink;
    writable.level = 'info';
  }
  return { text: () => lines.join('') };
}

export interface RouteEntry {
  method: string;
  url: string;
}

/** Every route of an app with its method, read from Fastify's own route tree. */
export function routeList(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const branch = line.search(/[├└]── /);
    if (branch < 0) continue;
    const depth = branch / 4;
    const match = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(branch + 4));
    if (!match) continue;
    const url = (prefixes[depth - 1] ?? '') + match[1];
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    for (const method of (match[2] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, url });
    }
  }
  return routes;
}

/** A concrete address for a route pattern: every parameter and wildcard filled in. */
export function concrete(url: string, value = 'x1'): string {
  return url.replace(/:[A-Za-z]+/g, value).replace(/\*$/, value);
}
