import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/shared/config.ts';
import { verifyAuditChain } from '../../src/workbench/audit/audit.verify.ts';
import { askRunningPlatform } from '../../src/local-control.ts';
import { startPlatform, type Platform } from '../../src/platform.ts';
import { engine } from '../helpers/zones.ts';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs `openpsb <args>` as a user would, in its own process, on the given data directory. */
async function cli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.PORTAL_DATABASE_URL;
  delete env.WORKBENCH_DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/openpsb.mjs', ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// The embedded platform only: with PostgreSQL there is no lock and the CLI opens the databases itself.
describe(
  'the CLI beside a running embedded platform',
  { skip: engine === 'postgres' && 'embedded only' },
  () => {
    let dataDir: string;
    let platform: Platform | undefined;

    before(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'openpsb-cli-'));
      const config = loadConfig({
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORTAL_PORT: '0',
        WORKBENCH_PORT: '0',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      });
      platform = await startPlatform(['portal', 'workbench'], config);
    });
    after(async () => {
      await platform?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('exchange status and audit verify are answered by the running platform', async () => {
      const socket = path.join(dataDir, 'openpsb.sock');
      assert.equal(statSync(socket).mode & 0o777, 0o600, 'only the owner may talk to the platform');
      assert.equal(statSync(path.join(dataDir, 'openpsb.control-token')).mode & 0o777, 0o600);
      const workbench = platform!.zones.find((zone) => zone.name === 'workbench')!;
      const [status, audit] = await Promise.all([
        cli(dataDir, 'exchange', 'status'),
        cli(dataDir, 'audit', 'verify'),
      ]);
      assert.equal(audit.code, 0, audit.stderr);
      assert.equal(audit.stdout.trim(), (await verifyAuditChain(workbench.database.db)).text);
      assert.match(audit.stdout, /^audit log: [1-9]\d* rows?, hash chain intact/);
      // Healthy or not (the demo catalogue may still be crossing), it is the live platform's own state: the
      // guides it has just published are on their way to the portal.
      assert.ok(status.code === 0 || status.code === 1, status.stderr);
      assert.equal(status.stderr, '');
      assert.match(status.stdout, /^exchange status at /);
      assert.match(status.stdout, /workbench-to-portal[^\n]*\n[^]*catalog\.item\.published/);
    });

    test('a command that needs the databases to itself says why it cannot run', async () => {
      const migrate = await cli(dataDir, 'migrate');
      assert.equal(migrate.code, 1);
      assert.match(
        migrate.stderr,
        /openpsb migrate cannot run while OpenPSB is running[^]*stop the running platform/,
      );
    });

    test('once the platform stops, nothing answers and the CLI opens the databases itself', async () => {
      await platform!.stop();
      platform = undefined;
      assert.equal(existsSync(path.join(dataDir, 'openpsb.sock')), false);
      assert.equal(await askRunningPlatform(dataDir, 'audit verify'), undefined);
    });
  },
);
