import closeWithGrace from 'close-with-grace';
import { createLogger, resolveLogFormat, useLogFormat } from './shared/http/log-format.ts';
import { allowsDemoData, assertProductionReady, loadConfig } from './shared/config.ts';
import { AppError } from './shared/http/errors.ts';
import { loadSecrets } from './shared/secrets.ts';
import { keyringFrom, startRelay } from './exchange/runtime.ts';
import { openZoneDatabase } from './zone-database.ts';

// Only what every command needs is loaded here: the relay, restarted often, starts without the zones' features,
// which the other commands load from main.commands.ts when they run.

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

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  const config = loadConfig();
  useLogFormat(resolveLogFormat(config.LOG_FORMAT, process.stdout.isTTY === true));
  switch (command) {
    case 'start': {
      const { serve } = await import('./main.commands.ts');
      await serve(['portal', 'workbench'], config);
      return -1;
    }
    case 'portal':
    case 'workbench': {
      const { serve } = await import('./main.commands.ts');
      await serve([command], config);
      return -1;
    }
    case 'migrate': {
      assertProductionReady(config, process.env, { zones: ['portal', 'workbench'], relay: false });
      const { openZones } = await import('./platform.ts');
      const zones = await openZones(['portal', 'workbench'], config);
      for (const zone of zones) await zone.database.close();
      process.stdout.write('migrations applied\n');
      return 0;
    }
    case 'seed': {
      if (!allowsDemoData(config))
        throw new Error('demo data is never loaded in production; set OPENPSB_DEMO=1 for a public demo');
      assertProductionReady(config, process.env, { zones: ['portal', 'workbench'], relay: false });
      const { openZones, seedZones } = await import('./platform.ts');
      const zones = await openZones(['portal', 'workbench'], config);
      await seedZones(zones);
      for (const zone of zones) await zone.database.close();
      process.stdout.write('demo data loaded\n');
      return 0;
    }
    case 'exchange': {
      if (sub === 'status')
        return (await import('./main.commands.ts')).runReadOnly('exchange status', config);
      if (sub) break;
      // The relay opens both databases but none of the zones' secrets: it needs their public keys only.
      assertProductionReady(config, process.env, { zones: [], relay: true });
      const keyring = keyringFrom(loadSecrets(process.env, config.DATA_DIR, []).exchangePublicKeys);
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
      if (sub === 'verify') return (await import('./main.commands.ts')).runReadOnly('audit verify', config);
      break;
    case 'demo-codes':
      if (sub) break;
      return (await import('./main.commands.ts')).runReadOnly('demo-codes', config);
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
