import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { allowsDemoData, assertProductionReady, loadConfig, type Config } from './shared/config.ts';
import { loadSecrets } from './shared/secrets.ts';
import type { Worker } from './shared/jobs/queue.ts';
import { buildZoneApp, openZone, startZoneWorker, type Zone, type ZoneName } from './zones.ts';
import { seedPortal } from './portal/seed.ts';
import { seedWorkbench } from './workbench/seed.ts';
import { DEMO_RESIDENT, seedRegistry } from './workbench/registry/registry.seed.ts';
import { seedCatalog } from './workbench/catalog-authoring/catalog-authoring.seed.ts';
import { DEMO_COMPANY, seedMarketRegistry } from './workbench/market-registry/market-registry.seed.ts';
import type { DemoAccount } from './shared/zone.ts';
import { verifyAuditChain } from './workbench/audit/audit.verify.ts';
import { keyringFrom, startRelay } from './exchange/runtime.ts';
import { exchangeStatus } from './exchange/monitor.ts';
import type { Secrets } from './shared/secrets.ts';

function exchangeKeyring(secrets: Secrets) {
  return keyringFrom({ portal: secrets.exchangePortalKey, workbench: secrets.exchangeWorkbenchKey });
}

const usage = `openpsb <command>

  start            migrate, seed demo data on the first run, serve portal and workbench in one process
  portal           serve the portal (internet zone) only
  workbench        serve the workbench (police network zone) only
  migrate          apply database migrations to both zones
  seed             load demo data into both zones (skips what is already there)
  exchange         run the boundary exchange relay between the two zones' databases
  exchange status  print the health of every flow; exits 1 when a flow is unhealthy
  audit verify     check the workbench audit log's hash chain; exits 1 if any row was altered, inserted or removed
`;

async function open(names: ZoneName[], config: Config, relay = false): Promise<Zone[]> {
  assertProductionReady(config, process.env, { zones: names, relay });
  const secrets = loadSecrets(process.env, config.DATA_DIR);
  const zones: Zone[] = [];
  for (const name of names) zones.push(await openZone(name, { config, secrets }));
  return zones;
}

async function seed(zones: Zone[]): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const zone of zones) {
    if (zone.name === 'portal') accounts.push(...(await seedPortal(zone.services)));
    else {
      accounts.push(...(await seedWorkbench(zone.services)));
      await seedRegistry(zone.services);
      await seedMarketRegistry(zone.services);
      await seedCatalog(zone.services);
    }
  }
  return accounts;
}

async function serve(names: ZoneName[], config: Config): Promise<void> {
  // With both zones in this process (the embedded default) the exchange relay runs here too.
  const withRelay = names.includes('portal') && names.includes('workbench');
  assertProductionReady(config, process.env, { zones: names, relay: withRelay });
  const secrets = loadSecrets(process.env, config.DATA_DIR);
  const zones = await open(names, config, withRelay);
  const accounts = allowsDemoData(config) ? await seed(zones) : [];
  const apps: FastifyInstance[] = [];
  const workers: Worker[] = [];
  for (const zone of zones) {
    const app = await buildZoneApp(zone, { config, secrets });
    const port = zone.name === 'portal' ? config.PORTAL_PORT : config.WORKBENCH_PORT;
    await app.listen({ host: config.HOST, port });
    apps.push(app);
    workers.push(startZoneWorker(zone));
  }
  const portal = zones.find((z) => z.name === 'portal');
  const workbench = zones.find((z) => z.name === 'workbench');
  const relay =
    portal && workbench
      ? startRelay(
          portal.database.db,
          workbench.database.db,
          exchangeKeyring(secrets),
          workbench.services.log,
        )
      : undefined;
  printWelcome(zones, apps, accounts);
  closeWithGrace({ delay: 10_000 }, async () => {
    await relay?.stop();
    for (const worker of workers) await worker.stop();
    for (const app of apps) await app.close();
    for (const zone of zones) await zone.database.close();
  });
}

function printWelcome(zones: Zone[], apps: FastifyInstance[], accounts: DemoAccount[]): void {
  const lines = ['', 'OpenPSB 网上公安局 is running:'];
  zones.forEach((zone, i) => {
    const address = apps[i]?.server.address();
    const port = typeof address === 'object' && address ? address.port : '?';
    const label =
      zone.name === 'portal' ? 'Portal 网上公安局 (internet zone)   ' : 'Workbench 民警工作台 (police zone)';
    lines.push(`  ${label}  http://localhost:${port}/`);
  });
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
  switch (command) {
    case 'start':
      await serve(['portal', 'workbench'], config);
      return -1;
    case 'portal':
    case 'workbench':
      await serve([command], config);
      return -1;
    case 'migrate': {
      const zones = await open(['portal', 'workbench'], config);
      for (const zone of zones) await zone.database.close();
      process.stdout.write('migrations applied\n');
      return 0;
    }
    case 'seed': {
      if (!allowsDemoData(config))
        throw new Error('demo data is never loaded in production; set OPENPSB_DEMO=1 for a public demo');
      const zones = await open(['portal', 'workbench'], config);
      await seed(zones);
      for (const zone of zones) await zone.database.close();
      process.stdout.write('demo data loaded\n');
      return 0;
    }
    case 'exchange': {
      const zones = await open(['portal', 'workbench'], config, sub !== 'status');
      const [portal, workbench] = zones as [Zone, Zone];
      if (sub === 'status') {
        const status = await exchangeStatus(portal.database.db, workbench.database.db, new Date());
        for (const zone of zones) await zone.database.close();
        process.stdout.write(status.text + '\n');
        return status.ok ? 0 : 1;
      }
      if (sub) break;
      const keyring = exchangeKeyring(loadSecrets(process.env, config.DATA_DIR));
      const relay = startRelay(portal.database.db, workbench.database.db, keyring, workbench.services.log);
      process.stdout.write('exchange relay running between the portal and workbench databases\n');
      closeWithGrace({ delay: 10_000 }, async () => {
        await relay.stop();
        for (const zone of zones) await zone.database.close();
      });
      return -1;
    }
    case 'audit': {
      if (sub !== 'verify') break;
      const [zone] = await open(['workbench'], config);
      if (!zone) return 1;
      const report = await verifyAuditChain(zone.database.db);
      await zone.database.close();
      process.stdout.write(report.text + '\n');
      return report.ok ? 0 : 1;
    }
    default:
      break;
  }
  process.stderr.write(usage);
  return command ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`openpsb: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
