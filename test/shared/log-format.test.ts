import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { lineFormatter, resolveLogFormat } from '../../src/shared/http/log-format.ts';
import { loggerOptions } from '../../src/shared/http/logger.ts';

/** What a logger with the platform's options writes, as JSON lines. */
function jsonLines(write: (log: pino.Logger) => void): string[] {
  const lines: string[] = [];
  write(pino(loggerOptions('info'), { write: (line: string) => void lines.push(line) }));
  return lines;
}

describe('log format', () => {
  test('auto is readable lines at a terminal and JSON anywhere else; an explicit choice wins', () => {
    assert.equal(resolveLogFormat('auto', true), 'pretty');
    assert.equal(resolveLogFormat('auto', false), 'json');
    assert.equal(resolveLogFormat('json', true), 'json');
    assert.equal(resolveLogFormat('pretty', false), 'pretty');
  });

  test('a completed request is one short line; the incoming line is left out', () => {
    const [incoming, completed] = jsonLines((log) => {
      // Fastify's request logger: a child bound to the request's id; the path comes only with the incoming line.
      const request = log.child({ zone: 'portal', reqId: 'r1' });
      request.info({ req: { method: 'GET', url: '/catalog?q=13800000001', id: 'r1' } }, 'incoming request');
      request.info({ res: { statusCode: 200 }, responseTime: 12.4 }, 'request completed');
    });
    const format = lineFormatter();
    assert.equal(format(incoming!), null);
    const line = format(completed!)!;
    assert.match(line, /^\d\d:\d\d:\d\d INFO {2}portal GET \/catalog 200 12 ms$/);
    assert.doesNotMatch(line, /13800000001/, 'the query string is never logged');
  });

  test('redacted fields stay redacted and an error keeps its type, message and first frames', () => {
    const [line] = jsonLines((log) =>
      log
        .child({ zone: 'workbench' })
        .error({ err: new TypeError('boom'), mobile: '13800000001' }, 'job failed'),
    );
    const text = lineFormatter()(line!)!;
    assert.match(text, /ERROR workbench job failed \(mobile=\[redacted\]\) — TypeError: boom\n\s+at /);
    assert.doesNotMatch(text, /13800000001/);
  });

  test('a line that is not JSON is passed on as it is', () => {
    assert.equal(lineFormatter()('plain text\n'), 'plain text');
  });
});
