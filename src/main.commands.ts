// The commands that open the zones themselves, loaded only when one of them runs (see main.ts).
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { assertProductionReady, isEmbedded, type Config } from './shared/config.ts';
import type { Zone, ZoneName } from './zones.ts';
import { mapTilesFrom } from './shared/map/tiles.ts';
import { DEMO_RESIDENT } from './workbench/registry/registry.seed.ts';
import { DEMO_COMPANY } from './workbench/market-registry/market-registry.seed.ts';
import { DEMO_OPEN311_KEY } from './workbench/open311-keys/open311-keys.demo.ts';
import type { DemoAccount } from './shared/zone.ts';
import { askRunningPlatform } from './local-control.ts';
import { openZones, readOnlyCommands, startPlatform } from './platform.ts';

export async function serve(names: ZoneName[], config: Config): Promise<void> {
  // With both zones in this process (the embedded default) the exchange relay runs here too.
  const withRelay = names.includes('portal') && names.includes('workbench');
  assertProductionReady(config, process.env, { zones: names, relay: withRelay });
  // A malformed tile template is refused before any database is opened.
  for (const name of names) mapTilesFrom(config, name);
  const platform = await startPlatform(names, config);
  printWelcome(platform.zones, platform.apps, platform.accounts, {
    payment: platform.paymentSandbox?.url,
    courier: platform.courierSandbox?.url,
  });
  closeWithGrace({ delay: 10_000 }, () => platform.stop());
}

/** Runs a read-only command: answered by the platform running on DATA_DIR if there is one, else directly. */
export async function runReadOnly(name: string, config: Config): Promise<number> {
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
