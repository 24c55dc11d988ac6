import pino, { type Logger } from 'pino';
import { loggerOptions } from './logger.ts';

export type LogFormat = 'json' | 'pretty';

// Where the logs go is a property of the process (its stdout), not of a zone: the CLI chooses once at start-up.
let processFormat: LogFormat = 'json';

/** `auto` is short readable lines for a person at a terminal and JSON lines for anything that collects them. */
export function resolveLogFormat(setting: 'auto' | LogFormat, stdoutIsTerminal: boolean): LogFormat {
  if (setting !== 'auto') return setting;
  return stdoutIsTerminal ? 'pretty' : 'json';
}

export function useLogFormat(format: LogFormat): void {
  processFormat = format;
}

/** A logger with the redactions and serializers of `loggerOptions`, writing in the process's format. */
export function createLogger(level: string): Logger {
  const options = loggerOptions(level);
  return processFormat === 'pretty' ? pino(options, prettyStream(process.stdout)) : pino(options);
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

// Said in the line's own words, or noise at a terminal; any other plain field is shown as key=value.
const SHOWN = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'zone',
  'req',
  'res',
  'responseTime',
  'err',
  'reqId',
]);

interface Line {
  level?: number;
  time?: number;
  msg?: string;
  zone?: string;
  req?: { method?: string; path?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; stack?: string };
  [key: string]: unknown;
}

// Requests logged as started and not yet completed, for at most this many at once (a request that never completes
// must not make the map grow for ever).
const OPEN_REQUESTS = 10_000;

/**
 * One short line per event: `19:40:02 INFO  portal GET /catalog 200 12 ms`. Fastify logs the method and path when
 * a request comes in and the status when it completes, both with its id; the incoming line is held back and its
 * words joined to the completed one, so the start banner is not buried under two lines per request. The JSON has
 * already passed the redactions, so nothing here can show what the JSON would not.
 */
export function lineFormatter(): (json: string) => string | null {
  const open = new Map<string, string>();
  return (json) => {
    let line: Line;
    try {
      line = JSON.parse(json) as Line;
    } catch {
      return json.trimEnd();
    }
    const id = typeof line.reqId === 'string' ? line.reqId : undefined;
    if (line.msg === 'incoming request') {
      if (open.size >= OPEN_REQUESTS) open.clear();
      if (id) open.set(id, `${line.req?.method ?? ''} ${line.req?.path ?? ''}`);
      return null;
    }
    const time = new Date(line.time ?? 0).toTimeString().slice(0, 8);
    const head = `${time} ${LEVELS[line.level ?? 30] ?? 'INFO '} ${line.zone ?? ''}`.trimEnd();
    let text = line.msg ?? '';
    if (line.msg === 'request completed') {
      const request = (id && open.get(id)) ?? `${line.req?.method ?? '?'} ${line.req?.path ?? '?'}`;
      if (id) open.delete(id);
      text = `${request} ${line.res?.statusCode ?? ''} ${Math.round(line.responseTime ?? 0)} ms`;
    }
    const extra = Object.entries(line)
      .filter(([key, value]) => !SHOWN.has(key) && value !== null && typeof value !== 'object')
      .map(([key, value]) => `${key}=${String(value)}`);
    if (extra.length > 0) text += ` (${extra.join(' ')})`;
    if (line.err) {
      const frames = (line.err.stack ?? '').split('\n').slice(1, 4).join('\n');
      text += ` — ${line.err.type ?? 'Error'}: ${line.err.message ?? ''}${frames ? '\n' + frames : ''}`;
    }
    return `${head} ${text}`;
  };
}

function prettyStream(out: NodeJS.WritableStream): { write(chunk: string): void } {
  const format = lineFormatter();
  return {
    write(chunk: string) {
      const formatted = format(chunk);
      if (formatted !== null) out.write(formatted + '\n');
    },
  };
}
