import closeWithGrace from 'close-with-grace';
import { createLogger, resolveLogFormat, useLogFormat } from './shared/http/log-format.ts';
import type { FastifyInstance } from 'fastify';
import {
  allowsDemoData,
  assertProductionReady,
  isEmbedded,
  loadConfig,
  type Config,
} from './shared/config.ts';
import { AppError } from './shared/http/errors.ts';
import { loadSecrets } from './shared/secrets.ts';
import { openZoneDatabase, type Zone, type ZoneName } from './zones.ts';
import { DEMO_RESIDENT } from './workbench/registry/registry.seed.ts';
import { DEMO_COMPANY } from './workbench/market-registry/market-registry.seed.ts';
import { DEMO_OPEN311_KEY } from './workbench/open311-keys/open311-keys.demo.ts';
import type { DemoAccount } from './shared/zone.ts';
import { startRelay } from './exchange/runtime.ts';
import { askRunningPlatform } from './local-control.ts';
import { exchangeKeyring, openZones, readOnlyCommands, seedZones, startPlatform } from './platform.ts';

const usage = `openpsb <command>

  start            migrate, seed demo data on the first run, serve portal and workbench in one process
  portal           serve the portal (internet zone) only
  workbench        serve the workbench (police network zone) only
  migrate          apply database migrations to both zones
  seed             load demo data into both zones (skips what is already there)
  exchange         run the boundary exchange relay between the two zones' databases
  exchange status  print the health of every flow; exits 1 when a flow is unhealthy
  audit verify     check the workbench audit log's hash chain; exits 1 if any row was altered, inserted or removed
  demo-codes       print the demo officers' current one-time codes (demo installs only), instead of an
                   authenticator app

  exchange status, audit verify and demo-codes also work beside a running \`openpsb start\`, which answers
  them; the other commands need the embedded databases to themselves.
`;

async function serve(names: ZoneName[], config: Config): Promise<void> {
  // With both zones in this process (the embedded default) the exchange relay runs here too.
  const withRelay = names.includes('portal') && names.includes('workbench');
  assertProductionReady(config, process.env, { zones: names, relay: withRelay });
  const platform = await startPlatform(names, config);
  printWelcome(platform.zones, platform.apps, platform.accounts, {
    payment: platform.paymentSandbox?.url,
    courier: platform.courierSandbox?.url,
  });
  closeWithGrace({ delay: 10_000 }, () => platform.stop());
}

/** Runs a read-only command: answered by the platform running on DATA_DIR if there is one, else directly. */
async function runReadOnly(name: string, config: Config): Promise<number> {
  const command = readOnlyCommands[name];
  if (!command) return 2;
  const embedded = command.zones.some((zone) => isEmbedded(config, zone));
  let answer = embedded ? await askRunningPlatform(config.DATA_DIR, name) : undefined;
  if (!answer) {
    assertProductionReady(config, process.env, { zones: command.zones, relay: false });
    const zones = await openZones(command.zones, config);
    try {
      answer = await command.run(zones);
    } finally {
      for (const zone of zones) await zone.database.close();
    }
  }
  process.stdout.write(answer.text + '\n');
  return answer.ok ? 0 : 1;
}

function printWelcome(
  zones: Zone[],
  apps: FastifyInstance[],
  accounts: DemoAccount[],
  sandboxes: { payment?: string | undefined; courier?: string | undefined } = {},
): void {
  const lines = ['', 'OpenPSB 网上公安局 is running:'];
  zones.forEach((zone, i) => {
    const address = apps[i]?.server.address();
    const port = typeof address === 'object' && address ? address.port : '?';
    const label =
      zone.name === 'portal' ? 'Portal 网上公安局 (internet zone)   ' : 'Workbench 民警工作台 (police zone)';
    lines.push(`  ${label}  http://localhost:${port}/`);
  });
  if (sandboxes.payment) lines.push(`  Payment sandbox 支付沙箱 (bank)      ${sandboxes.payment}/`);
  if (sandboxes.courier) lines.push(`  Courier sandbox 快递沙箱 (courier)   ${sandboxes.courier}/`);
  if (accounts.length > 0 && zones.some((z) => z.services.embedded)) {
    lines.push('', 'Demo accounts (fictional data; embedded demo mode):');
    for (const a of accounts)
      lines.push(`  ${a.zone.padEnd(9)} ${a.login.padEnd(14)} ${a.password.padEnd(16)} ${a.note}`);
    lines.push(
      '  SMS codes of the sandbox: http://localhost:' + portOf(zones, apps, 'portal') + '/dev/messages',
    );
    lines.push(
      `  A population-registry entry to try the real-name check with: ${DEMO_RESIDENT.name} ${DEMO_RESIDENT.idNumber}`,
    );
    lines.push(
      `  A company that person represents, to register once verified: ${DEMO_COMPANY.name} ${DEMO_COMPANY.creditCode}`,
    );
    lines.push(
      `  Open311 GeoReport v2 (tips): http://localhost:${portOf(zones, apps, 'portal')}/open311/v2/discovery.xml  api_key=${DEMO_OPEN311_KEY}`,
    );
    lines.push(
      '  Workbench accounts enrol an authenticator app at their first sign-in; without one, `npx openpsb demo-codes`',
      "  (in another terminal) prints each demo officer's current code.",
    );
  }
  lines.push('');
  process.stdout.write(lines.join('\n') + '\n');
}

function portOf(zones: Zone[], apps: FastifyInstance[], name: ZoneName): string {
  const i = zones.findIndex((z) => z.name === name);
  const address = apps[i]?.server.address();
  return typeof address === 'object' && address ? String(address.port) : '?';
}

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  const config = loadConfig();
  useLogFormat(resolveLogFormat(config.LOG_FORMAT, process.stdout.isTTY === true));
  switch (command) {
    case 'start':
      await serve(['portal', 'workbench'], config);
      return -1;
    case 'portal':
    case 'workbench':
      await serve([command], config);
      return -1;
    case 'migrate': {
      assertProductionReady(config, process.env, { zones: ['portal', 'workbench'], relay: false });
      const zones = await openZones(['portal', 'workbench'], config);
      for (const zone of zones) await zone.database.close();
      process.stdout.write('migrations applied\n');
      return 0;
    }
    case 'seed': {
      if (!allowsDemoData(config))
        throw new Error('demo data is never loaded in production; set OPENPSB_DEMO=1 for a public demo');
      assertProductionReady(config, process.env, { zones: ['portal', 'workbench'], relay: false });
      const zones = await openZones(['portal', 'workbench'], config);
      await seedZones(zones);
      for (const zone of zones) await zone.database.close();
      process.stdout.write('demo data loaded\n');
      return 0;
    }
    case 'exchange': {
      if (sub === 'status') return runReadOnly('exchange status', config);
      if (sub) break;
      // The relay opens both databases but none of the zones' secrets: it needs their public keys only.
      assertProductionReady(config, process.env, { zones: [], relay: true });
      const keyring = exchangeKeyring(loadSecrets(process.env, config.DATA_DIR, []));
      const portal = await openZoneDatabase('portal', { config });
      const workbench = await openZoneDatabase('workbench', { config });
      const log = createLogger(config.LOG_LEVEL).child({ zone: 'exchange' });
      const relay = startRelay(portal.db, workbench.db, keyring, log);
      process.stdout.write('exchange relay running between the portal and workbench databases\n');
      closeWithGrace({ delay: 10_000 }, async () => {
        await relay.stop();
        await portal.close();
        await workbench.close();
      });
      return -1;
    }
    case 'audit':
      if (sub === 'verify') return runReadOnly('audit verify', config);
      break;
    case 'demo-codes':
      if (sub) break;
      return runReadOnly('demo-codes', config);
    default:
      break;
  }
  process.stderr.write(usage);
  return command ? 2 : 0;
}

/** What to tell the user when the command failed: a locked data directory names the way out. */
function failureMessage(error: unknown, argv: string[]): string {
  if (error instanceof AppError && error.code === 'DATA_DIR_LOCKED') {
    const command = argv.slice(0, 2).join(' ');
    return [
      `openpsb ${command} cannot run while OpenPSB is running on the same data directory (${error.detail}).`,
      'It needs the embedded databases to itself: stop the running platform first (Ctrl+C where it runs), then',
      'run the command again. `openpsb exchange status`, `openpsb audit verify` and `openpsb demo-codes` work',
      'beside a running `openpsb start`.',
    ].join('\n');
  }
  return `openpsb: ${error instanceof Error ? error.message : String(error)}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(failureMessage(error, process.argv.slice(2)) + '\n');
    process.exit(1);
  },
);
