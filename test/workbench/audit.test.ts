import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../src/shared/db/database.ts';
import { GENESIS_HASH, recordAudit } from '../../src/workbench/audit/audit.ts';
import { verifyAuditChain, type ChainReport } from '../../src/workbench/audit/audit.verify.ts';
import { auditLog } from '../../src/workbench/db/schema.ts';
import {
  browser,
  logIn,
  makeOfficer,
  PASSWORD,
  startWorkbench,
  type Officer,
  type Workbench,
} from './support.ts';

let zone: Workbench;
let auditor: Officer;
before(async () => {
  zone = await startWorkbench();
  auditor = await makeOfficer(zone, { unitCode: 'SF-DC', role: 'auditor', scope: 'all', enrolled: true });
  // Some history: logins, a failure, a view of personal data.
  const admin = await makeOfficer(zone, {
    unitCode: 'SF-0000',
    role: 'administrator',
    scope: 'all',
    enrolled: true,
  });
  const client = await logIn(zone, admin);
  await client.get(`/staff/${auditor.id}`);
  await browser(zone.app).post('/staff/login', { badgeNo: admin.badgeNo, password: 'Wrong@2026' });
  await logIn(zone, auditor);
});
after(async () => zone.close());

const rows = () => zone.services.db.select().from(auditLog).orderBy(asc(auditLog.seq));

class Rollback extends Error {}

/** Tampers inside a transaction that is rolled back afterwards, so each scenario starts from the intact log. */
async function whileTampered(change: (tx: Tx) => Promise<void>, batchSize?: number): Promise<ChainReport> {
  let report: ChainReport | undefined;
  await zone.services.db
    .transaction(async (tx) => {
      // What a superuser (or the owner) can do and the application cannot: switch the guard off.
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`);
      await change(tx);
      report = await verifyAuditChain(tx as unknown as Db, batchSize ? { batchSize } : {});
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  assert.ok(report);
  return report;
}

describe('audit log', () => {
  test('rows are numbered without holes and each links to the hash of the one before', async () => {
    const all = await rows();
    assert.ok(all.length >= 4);
    all.forEach((row, i) => {
      assert.equal(row.seq, i + 1);
      assert.equal(row.prevHash, i === 0 ? GENESIS_HASH : all[i - 1]!.hash);
      assert.match(row.hash, /^[0-9a-f]{64}$/);
    });
    const actions = all.map((r) => r.action);
    for (const a of ['staff.login', 'staff.view', 'staff.login.failed']) assert.ok(actions.includes(a), a);
    const report = await verifyAuditChain(zone.services.db);
    assert.equal(report.ok, true, report.text);
    assert.deepEqual(report.problems, []);
    assert.match(report.text, new RegExp(`${all.length} rows, hash chain intact`));
  });

  test('concurrent writers still form one chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        zone.services.db.transaction((tx) =>
          recordAudit(tx, {
            actor: 'test',
            actorUnit: null,
            action: 'test.concurrent',
            target: null,
            sourceIp: null,
            detail: { i },
          }),
        ),
      ),
    );
    assert.equal((await verifyAuditChain(zone.services.db)).ok, true);
  });

  test('the database refuses UPDATE, DELETE and TRUNCATE while the trigger is on', async () => {
    const refused = async (statement: ReturnType<typeof sql>) => {
      await assert.rejects(
        zone.services.db.execute(statement),
        (error: Error & { code?: string; cause?: { code?: string } }) => {
          const code = error.code ?? error.cause?.code;
          assert.equal(code, '42501', String(error));
          return true;
        },
      );
    };
    await refused(sql`UPDATE audit_log SET detail = '{"forged":true}' WHERE seq = 2`);
    await refused(sql`DELETE FROM audit_log WHERE seq = 2`);
    await refused(sql`TRUNCATE audit_log`);
    assert.equal((await verifyAuditChain(zone.services.db)).ok, true);
  });

  test('an altered row is found', async () => {
    const report = await whileTampered(async (tx) => {
      await tx.execute(sql`UPDATE audit_log SET detail = '{"reason":"nothing to see"}' WHERE seq = 3`);
    });
    assert.equal(report.ok, false);
    assert.deepEqual(report.problems, [{ seq: 3, problem: 'altered' }]);
    assert.match(report.text, /seq 3: altered/);
  });

  test('a deleted row is found as a hole in the sequence', async () => {
    const report = await whileTampered(async (tx) => {
      await tx.execute(sql`DELETE FROM audit_log WHERE seq IN (4, 5)`);
    });
    assert.deepEqual(report.problems, [
      { seq: 4, problem: 'deleted' },
      { seq: 5, problem: 'deleted' },
    ]);
  });

  test('a row rewritten with a freshly computed hash breaks the link to the next row', async () => {
    const report = await whileTampered(async (tx) => {
      const [row] = await tx
        .select()
        .from(auditLog)
        .where(sql`seq = 2`);
      assert.ok(row);
      const { hashAuditRow } = await import('../../src/workbench/audit/audit.ts');
      const detail = { forged: true };
      const hash = hashAuditRow(row.prevHash, { ...row, detail });
      await tx.execute(
        sql`UPDATE audit_log SET detail = ${JSON.stringify(detail)}::jsonb, hash = ${hash} WHERE seq = 2`,
      );
    });
    assert.deepEqual(report.problems, [{ seq: 3, problem: 'broken-link' }]);
  });

  test('a row slipped in between two others is found as inserted', async () => {
    const report = await whileTampered(async (tx) => {
      // Make room after seq 3 and put a forged row there; the rows moved up are then also altered (seq is hashed).
      await tx.execute(sql`UPDATE audit_log SET seq = seq + 100000 WHERE seq > 3`);
      await tx.execute(sql`UPDATE audit_log SET seq = seq - 99999 WHERE seq > 100000`);
      await tx.execute(
        sql`INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) VALUES (4, now(), 'forger', 'staff.login', '{}', ${'f'.repeat(64)}, ${'e'.repeat(64)})`,
      );
    });
    assert.ok(
      report.problems.some((p) => p.seq === 4 && p.problem === 'inserted'),
      report.text,
    );
    assert.ok(report.problems.some((p) => p.seq === 5 && p.problem === 'altered'));
  });

  test('the verifier gives the same answer whatever the batch size, across batch boundaries', async () => {
    for (const batchSize of [1, 2, 3, 7]) {
      assert.equal((await verifyAuditChain(zone.services.db, { batchSize })).ok, true, `batch ${batchSize}`);
    }
    const tamper = async (tx: Tx) => {
      await tx.execute(sql`UPDATE audit_log SET actor = 'someone else' WHERE seq = 6`);
      await tx.execute(sql`DELETE FROM audit_log WHERE seq = 9`);
      await tx.execute(sql`UPDATE audit_log SET prev_hash = ${'0'.repeat(64)} WHERE seq = 12`);
    };
    const expected = [
      { seq: 6, problem: 'altered' },
      { seq: 9, problem: 'deleted' },
      { seq: 12, problem: 'altered' },
      { seq: 12, problem: 'broken-link' },
    ];
    for (const batchSize of [1, 2, 3, 7, 5_000]) {
      const report = await whileTampered(tamper, batchSize);
      assert.deepEqual(report.problems, expected, `batch ${batchSize}: ${report.text}`);
    }
  });

  test('the audit page lists entries with filters, and verifies the chain on demand', async () => {
    await zone.services.db.transaction(async (tx) => {
      for (let i = 0; i < 60; i++) {
        await recordAudit(tx, {
          actor: 'bulk',
          actorUnit: null,
          action: 'test.bulk',
          target: null,
          sourceIp: null,
          detail: { i },
        });
      }
    });
    const client = await logIn(zone, auditor);
    const page = await client.get('/audit');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /审计日志/);
    const filtered = await client.get(`/audit?actor=${auditor.badgeNo}&action=staff.login`);
    assert.match(filtered.body, /登录成功/);
    assert.doesNotMatch(filtered.body, /test\.bulk/);
    const older = /href="(\/audit\?[^"]*before=\d+)"/.exec(page.body)?.[1];
    assert.ok(older, 'there is a link to older entries');
    assert.equal((await client.get(older.replaceAll('&amp;', '&'))).statusCode, 200);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    assert.match((await client.get(`/audit?from=${today}&to=${today}&action=staff.login`)).body, /登录成功/);
    assert.match((await client.get('/audit?from=2000-01-01&to=2000-01-02')).body, /没有符合条件的记录/);

    const verify = await client.post('/audit/verify', {}, { formUrl: '/audit' });
    assert.equal(verify.statusCode, 303);
    const result = await client.get(String(verify.headers.location));
    assert.match(result.body, /链完整/);
    assert.match(result.body, /哈希链完整/);
  });

  test('home shows auditors the failed logins of the last day, linked to the log', async () => {
    const client = await logIn(zone, auditor);
    const home = await client.get('/');
    assert.match(home.body, /href="\/audit\?action=staff\.login\.failed"/);
    assert.match(home.body, /近24小时登录失败<\/a><span class="todo-count">[1-9]/);
  });

  test('an auditor scoped to a sub-bureau sees only what its officers did', async () => {
    const local = await makeOfficer(zone, {
      unitCode: 'SF-D01',
      role: 'auditor',
      scope: 'subtree',
      enrolled: true,
    });
    const client = await logIn(zone, local);
    const page = await client.get('/audit');
    assert.match(page.body, new RegExp(local.badgeNo));
    assert.doesNotMatch(page.body, new RegExp(`>${auditor.badgeNo}<`));
  });

  test('after tampering that is committed, the page and the verifier both say so', async () => {
    await zone.services.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`);
      await tx.execute(sql`DELETE FROM audit_log WHERE seq = 2`);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER ALL`);
    });
    const report = await verifyAuditChain(zone.services.db);
    assert.equal(report.ok, false);
    assert.deepEqual(report.problems, [{ seq: 2, problem: 'deleted' }]);
    const client = browser(zone.app);
    zone.advance(30_000);
    await client.post('/staff/login', { badgeNo: auditor.badgeNo, password: PASSWORD });
    const { codeNow } = await import('./support.ts');
    await client.post('/staff/login/totp', { code: codeNow(zone, auditor) });
    const verify = await client.post('/audit/verify', {}, { formUrl: '/audit' });
    assert.match(
      (await client.get(String(verify.headers.location))).body,
      /发现篡改[\s\S]*序号 2：有记录被删除/,
    );
  });
});
