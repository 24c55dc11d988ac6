import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { jobs } from '../../src/shared/db/tables.ts';
import { loggerOptions } from '../../src/shared/http/logger.ts';
import { enqueue, runOneJob, type JobHandler } from '../../src/shared/jobs/queue.ts';
import { engine, startTestZone, type TestZone } from '../helpers/zones.ts';

test('personal data is redacted from logged objects, at the top level and nested up to three levels', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = pino(loggerOptions('info'), sink);
  log.info(
    {
      mobile: '13800000001',
      idNumber: '11010519491231002X',
      password: 'Quiet-Harbour-42',
      body: { code: '123456', name: '王小明' },
      citizen: {
        phone: '13900000002',
        address: '示范市示范大道1号',
        identity: { idNumber: '350402198001010011' },
      },
      error: { details: { applicant: { mobile: '13700000003' } } },
      req: { method: 'GET', url: '/account?mobile=13800000001', id: 'r1' },
    },
    'something happened',
  );
  const out = lines.join('');
  for (const secret of [
    '13800000001',
    '11010519491231002X',
    'Quiet-Harbour-42',
    '123456',
    '王小明',
    '13900000002',
    '示范大道',
    '350402198001010011',
    '13700000003',
  ]) {
    assert.ok(!out.includes(secret), `${secret} leaked into the log: ${out}`);
  }
  assert.match(out, /\[redacted\]/);
  assert.match(out, /"path":"\/account"/);
});

describe('database errors are logged without the values of the query (issue 8.8)', () => {
  let zone: TestZone;
  before(async () => {
    zone = await startTestZone('portal');
  });
  after(async () => zone.close());

  const planted = ['13912345678', '王秘密', '示范市机密路88号', 'Planted@Secret9'];

  function capture() {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { log: pino(loggerOptions('info'), sink), text: () => lines.join('') };
  }

  test(`a failed query with personal data as parameters (${engine})`, async () => {
    const { log, text } = capture();
    const failures = [
      // A NUL byte in a text parameter, a value that is not a number, a duplicate key.
      sql`SELECT ${`${planted[0]}\u0000${planted[1]}`}::text, ${planted[2]}::text`,
      sql`SELECT ${planted[3]}::int`,
      sql`SELECT 1 FROM (VALUES (${planted[0]}), (${planted[0]})) AS v(m) GROUP BY m HAVING 1/0 = 1`,
    ];
    for (const failing of failures) {
      const error = await zone.services.db.execute(failing).then(
        () => assert.fail('the query should fail'),
        (e: unknown) => e,
      );
      log.error({ err: error }, 'unhandled error');
    }
    const out = text();
    for (const secret of planted) assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
    assert.match(out, /"sqlState":"22021"/, 'the kind of failure is still there');
    assert.match(out, /"sqlState":"22P02"/);
    assert.match(out, /Failed query/);
  });

  test('a failing job stores and logs its error without the values', async () => {
    const { log, text } = capture();
    await enqueue(zone.services.db, 'test.leaky', {});
    const handler: JobHandler = async (tx) => {
      await tx.execute(
        sql`INSERT INTO jobs (queue, payload) VALUES (${`${planted[1]}\u0000`}, ${'{}'}::jsonb)`,
      );
    };
    assert.equal(await runOneJob(zone.services.db, { 'test.leaky': handler }, log), true);
    const [row] = await zone.services.db.select().from(jobs).where(eq(jobs.queue, 'test.leaky'));
    assert.ok(row?.lastError?.includes('Failed query'), row?.lastError ?? '');
    for (const secret of planted) {
      assert.ok(!text().includes(secret), `${secret} leaked into the log`);
      assert.ok(!row?.lastError?.includes(secret), `${secret} kept in last_error`);
    }
  });
});
