// One process of the crash tests (crash.test.ts), started with `node --import tsx` and, at the chosen point,
// killed with SIGKILL by the test: nothing here cleans up or says goodbye. It opens the zones' own data (a
// PGlite directory or a PostgreSQL database) with the secrets the test gives it, does one thing, and tells the
// test on stdout when it has reached the point where it will be killed, then waits to be.
import { publicKeyPem, type ZoneSecrets } from '../../src/shared/secrets.ts';
import { loadConfig } from '../../src/shared/config.ts';
import { openZone, type Zone, type ZoneName } from '../../src/zones.ts';
import { processInbox } from '../../src/exchange/inbox.ts';
import { receiveBatch } from '../../src/exchange/inbox.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { keyringFrom } from '../../src/exchange/runtime.ts';
import { signOutbox } from '../../src/exchange/signer.ts';
import { submitApplication } from '../../src/portal/applications/applications.submit.ts';

export interface CrashSetup {
  storage: Record<ZoneName, { dataDir: string } | { databaseUrl: string }>;
  /** Each zone's secrets, the field key in base64. */
  secrets: Record<ZoneName, Omit<ZoneSecrets, 'fieldKey'> & { fieldKey: string }>;
  citizen: { id: string; displayName: string; mobile: string };
  applicationId: string;
  submitKey: string;
}

export type CrashPhase = 'submit-then-die' | 'deliver-then-die' | 'resume';

const setup = JSON.parse(process.env.CRASH_SETUP ?? '{}') as CrashSetup;
const phase = process.argv[2] as CrashPhase;
const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const exchangePublicKeys = {
  portal: [publicKeyPem(setup.secrets.portal.exchangeKey)],
  workbench: [publicKeyPem(setup.secrets.workbench.exchangeKey)],
};

async function open(name: ZoneName): Promise<Zone> {
  const own = setup.secrets[name];
  const storage = setup.storage[name];
  return openZone(name, {
    config,
    secrets: {
      zones: { [name]: { ...own, fieldKey: Buffer.from(own.fieldKey, 'base64') } },
      exchangePublicKeys,
    },
    ...('databaseUrl' in storage ? { databaseUrl: storage.databaseUrl } : { dataDir: storage.dataDir }),
  });
}

const say = (line: string) => new Promise<void>((done) => process.stdout.write(`${line}\n`, () => done()));
/** Waits for the SIGKILL; the timer only keeps the process alive, it never fires anything. */
const awaitDeath = () => new Promise<never>(() => setInterval(() => undefined, 60_000));
const keyring = keyringFrom(exchangePublicKeys);

if (phase === 'submit-then-die') {
  // The submission commits (application numbered, application.submitted in the outbox), then the process dies
  // before any worker signs or relays it.
  const portal = await open('portal');
  const services = { ...portal.services, forms: portal.forms! };
  const { caseNumber } = await submitApplication(
    services,
    setup.citizen,
    setup.applicationId,
    setup.submitKey,
  );
  await say(`committed ${caseNumber}`);
  await awaitDeath();
} else if (phase === 'deliver-then-die') {
  // The relay hands the batch to the workbench, which commits it to its inbox; the process dies before the
  // portal's outbox rows are marked sent, so the next relay sends them again.
  const portal = await open('portal');
  const workbench = await open('workbench');
  await signOutbox(portal.database.db, portal.exchange.signer);
  await relayOnce(
    { db: portal.database.db, zone: 'portal' },
    { db: workbench.database.db, zone: 'workbench' },
    keyring,
    {
      deliverBatch: async (items) => {
        const results = await receiveBatch(workbench.database.db, keyring, items, { zone: 'workbench' });
        await say(`delivered ${results.map((r) => r.outcome).join(',')}`);
        return awaitDeath();
      },
    },
  );
} else if (phase === 'resume') {
  // A fresh process after the crash: the workers and the relay do what was left, as they do at every start.
  const portal = await open('portal');
  const workbench = await open('workbench');
  await signOutbox(portal.database.db, portal.exchange.signer);
  const relayed = await relayOnce(
    { db: portal.database.db, zone: 'portal' },
    { db: workbench.database.db, zone: 'workbench' },
    keyring,
  );
  const processed = await processInbox(workbench.database.db, workbench.inboxHandlers, {
    keyring: workbench.exchange.keyring,
  });
  await say(`resumed ${JSON.stringify({ relayed, processed })}`);
  await Promise.all([portal.database.close(), workbench.database.close()]);
} else {
  throw new Error(`unknown phase ${phase}`);
}
