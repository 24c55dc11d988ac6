import type { FastifyInstance } from 'fastify';
import { allowsDemoData, isEmbedded, type Config } from './shared/config.ts';
import type { Worker } from './shared/jobs/queue.ts';
import { loadSecrets, type Secrets } from './shared/secrets.ts';
import type { DemoAccount } from './shared/zone.ts';
import { keyringFrom, startRelay } from './exchange/runtime.ts';
import { exchangeStatus } from './exchange/monitor.ts';
import { verifyAuditChain } from './shared/audit/audit-log.ts';
import { seedPortal } from './portal/seed.ts';
import { seedWorkbench } from './workbench/seed.ts';
import { seedKnowledgeBase } from './workbench/kb/kb.seed.ts';
import { seedPublicQa } from './workbench/qa/qa.seed.ts';
import { seedOpen311Key } from './workbench/open311-keys/open311-keys.demo.ts';
import { seedFinance } from './workbench/finance/finance.seed.ts';
import { seedRegistry } from './workbench/registry/registry.seed.ts';
import { seedTraffic } from './workbench/traffic/traffic.seed.ts';
import { seedMarketRegistry } from './workbench/market-registry/market-registry.seed.ts';
import { seedCatalog } from './workbench/catalog-authoring/catalog-authoring.seed.ts';
import { seedContent } from './workbench/content/content.seed.ts';
import { seedApprovalResults } from './workbench/cases/cases.results.seed.ts';
import { seedDirectory } from './workbench/org/org.publish.ts';
import { seedQuestionnaires } from './workbench/questionnaires/questionnaires.seed.ts';
import { startLocalControl, type CommandAnswer, type LocalControl } from './local-control.ts';
import { startEmbeddedPaymentSandbox } from './sandboxes/payment-gateway/embedded.ts';
import type { PaymentSandbox } from './sandboxes/payment-gateway/index.ts';
import { demoCodes } from './workbench/staff/demo-codes.ts';
import { startEmbeddedCourierSandbox } from './sandboxes/courier/embedded.ts';
import type { CourierSandbox } from './sandboxes/courier/index.ts';
import { buildZoneApp, openZone, startZoneWorker, type Zone, type ZoneName } from './zones.ts';
import { seedDemoCases } from './demo-cases.ts';

/** The relay checks both zones' messages with their public keys and holds no private key of either. */
export function exchangeKeyring(secrets: Secrets) {
  return keyringFrom(secrets.exchangePublicKeys);
}

/** The read-only CLI commands: what each needs open, and what it answers. */
export const readOnlyCommands: Record<
  string,
  { zones: ZoneName[]; run: (zones: Zone[]) => Promise<CommandAnswer> }
> = {
  'exchange status': {
    zones: ['portal', 'workbench'],
    run: ([portal, workbench]) =>
      exchangeStatus(portal!.database.db, workbench!.database.db, workbench!.services.now()),
  },
  'audit verify': {
    zones: ['workbench'],
    run: ([workbench]) => verifyAuditChain(workbench!.database.db),
  },
  'demo-codes': {
    zones: ['workbench'],
    run: ([workbench]) => demoCodes(workbench!.services),
  },
};

export async function openZones(names: ZoneName[], config: Config): Promise<Zone[]> {
  const secrets = loadSecrets(process.env, config.DATA_DIR, names);
  const zones: Zone[] = [];
  try {
    for (const name of names) zones.push(await openZone(name, { config, secrets }));
  } catch (error) {
    for (const zone of zones) await zone.database.close();
    throw error;
  }
  return zones;
}

export async function seedZones(zones: Zone[]): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const zone of zones) {
    if (zone.name === 'portal') accounts.push(...(await seedPortal(zone.services)));
    else {
      accounts.push(...(await seedWorkbench(zone.services)));
      await seedRegistry(zone.services);
      await seedMarketRegistry(zone.services);
      await seedTraffic(zone.services);
      await seedCatalog(zone.services);
      await seedContent(zone.services);
      await seedApprovalResults(zone.services);
      await seedDirectory(zone.services);
      await seedOpen311Key(zone.services);
      await seedFinance(zone.services);
      await seedKnowledgeBase(zone.services);
      await seedPublicQa(zone.services);
      await seedQuestionnaires(zone.services);
    }
  }
  return accounts;
}

export interface Platform {
  zones: Zone[];
  apps: FastifyInstance[];
  accounts: DemoAccount[];
  /** The sandbox payment gateway, when this start runs one (outside production, with the portal). */
  paymentSandbox?: PaymentSandbox | undefined;
  /** The sandbox courier, likewise. */
  courierSandbox?: CourierSandbox | undefined;
  stop(): Promise<void>;
}

/**
 * Opens, seeds and serves the zones, with their workers, the exchange relay when both run here, and (for the
 * embedded databases, which no other process may open) the local socket that answers read-only CLI commands.
 */
export async function startPlatform(names: ZoneName[], given: Config): Promise<Platform> {
  // Outside production the portal's fees are paid at the sandbox gateway, started here on its own port.
  const withSandboxes = names.includes('portal') && allowsDemoData(given);
  const { config: paid, sandbox: paymentSandbox } = withSandboxes
    ? await startEmbeddedPaymentSandbox(given)
    : { config: given, sandbox: undefined };
  // Results go out by the sandbox courier likewise, on its own port.
  const { config, sandbox: courierSandbox } = withSandboxes
    ? await startEmbeddedCourierSandbox(paid)
    : { config: paid, sandbox: undefined };
  const secrets = loadSecrets(process.env, config.DATA_DIR, names);
  const zones = await openZones(names, config);
  // Production never loads the demo's accounts; a public demo (OPENPSB_DEMO=1) asks for them.
  const accounts = allowsDemoData(config) ? await seedZones(zones) : [];
  const portalZone = zones.find((z) => z.name === 'portal');
  const workbenchZone = zones.find((z) => z.name === 'workbench');
  // The demo's licence cases cross the boundary, so they are made only where both zones run here.
  if (allowsDemoData(config) && portalZone && workbenchZone)
    await seedDemoCases(portalZone, workbenchZone, exchangeKeyring(secrets));
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
  let control: LocalControl | undefined;
  if (names.some((name) => isEmbedded(config, name))) {
    const commands: Record<string, () => Promise<CommandAnswer>> = {};
    for (const [name, command] of Object.entries(readOnlyCommands)) {
      const needed = command.zones.map((zoneName) => zones.find((zone) => zone.name === zoneName));
      if (needed.every((zone) => zone !== undefined)) commands[name] = () => command.run(needed as Zone[]);
    }
    try {
      control = await startLocalControl(config.DATA_DIR, commands);
    } catch (error) {
      // The platform works without it; only CLI commands beside it do not.
      (workbench ?? portal)?.services.log.warn(
        { err: error },
        'read-only CLI commands cannot be answered beside this process',
      );
    }
  }
  return {
    zones,
    apps,
    accounts,
    paymentSandbox,
    courierSandbox,
    async stop() {
      await control?.close();
      await paymentSandbox?.close();
      await courierSandbox?.close();
      await relay?.stop();
      for (const worker of workers) await worker.stop();
      for (const app of apps) await app.close();
      for (const zone of zones) await zone.database.close();
    },
  };
}
