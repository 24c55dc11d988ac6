import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { privateKeyOf, SIGNATURE_HEADER, signPayload } from '../src/shared/crypto/payment-signature.ts';
import { publicKeyPem } from '../src/shared/secrets.ts';
import { cpuDuring, startZone, stopZone, zoneKeys } from './lib/cases-zones.ts';
import { freshDatabase, load, loadAverage, measureBaseline, report, type Figure } from './lib/harness.ts';
import { seedPortalCitizens } from './lib/seed-applications.ts';

// The gateway's signed notifications as the portal takes them (`openpsb portal`, production mode, PostgreSQL):
// each verified, its order locked, paid once with its receipt issued and the case told, and every later copy
// of it acknowledged without a second payment. The load cycles over the orders, so the first pass pays them
// and every pass after it is duplicates; afterwards every order must be paid exactly once. There are more orders
// than a run at the target rate notifies, so the figures are those of first notifications, each paying an order
// (BENCH_PAYMENT_ORDERS fewer, to include repeated ones).

const ORDERS = Number(process.env.BENCH_PAYMENT_ORDERS ?? 20_000);
const MERCHANT = 'SF-PSB';

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Citizens' fees with one pending order each, as a payer's click on 缴费 leaves them. */
async function seedOrders(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const orders = await client.query<{ order_no: string }>(
      `WITH p AS (
         INSERT INTO payables (kind, reference, citizen_id, amount_fen, description, payee_unit, created_at)
         SELECT 'case-fee', 'SF-ZA-20261206-' || lpad(i::text, 6, '0'),
                (SELECT id FROM citizens ORDER BY mobile LIMIT 1 OFFSET (i % 100)), 2000,
                '{"zh":"无犯罪记录证明工本费","en":"Certificate fee"}', 'SF-ZA', now()
         FROM generate_series(1, $1) AS i
         RETURNING id, reference)
       INSERT INTO payment_orders (order_no, payable_id, amount_fen, gateway_order_id, pay_url, expires_at, created_at)
       SELECT 'PB' || right(reference, 6), id, 2000, 'GW' || right(reference, 6), 'http://gateway/pay', now() + interval '30 minutes', now()
       FROM p
       RETURNING order_no`,
      [ORDERS],
    );
    await client.query('ANALYZE');
    return orders.rows.map((r) => r.order_no);
  } finally {
    await client.end();
  }
}

/** Transactions committed or rolled back in the database so far (the zone's backends report theirs as they end). */
async function transactions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function outcomes(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One statement, one snapshot: requests still in flight commit while the counts are read, and counts taken by
    // separate statements would see different numbers of them.
    const { rows } = await client.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM payment_orders WHERE status = 'paid') AS "paidOrders",
              (SELECT count(*) FROM payables WHERE status = 'paid') AS "paidPayables",
              (SELECT count(*) FROM payment_receipts) AS receipts,
              (SELECT count(*) FROM payment_refunds) AS refunds,
              (SELECT count(*) FROM payment_alarms) AS alarms`,
    );
    const n = (key: string) => Number(rows[0]?.[key] ?? 0);
    return {
      paidOrders: n('paidOrders'),
      paidPayables: n('paidPayables'),
      receipts: n('receipts'),
      refunds: n('refunds'),
      alarms: n('alarms'),
    };
  } finally {
    await client.end();
  }
}

export async function run(): Promise<boolean> {
  const baseline = await measureBaseline();
  const database = await freshDatabase('payments');
  const keys = zoneKeys();
  const gatewayKey = pem();
  const merchantKey = pem();
  await seedPortalCitizens(database.url, keys, 100);
  const orderNos = await seedOrders(database.url);
  const signer = privateKeyOf(gatewayKey);
  const paidAt = new Date().toISOString();
  // Signed once beforehand, as the gateway signs each notification: the load measures the portal only.
  const bodies = orderNos.map((orderNo, i) => {
    const payload = {
      merchantId: MERCHANT,
      orderNo,
      gatewayOrderId: `GW${orderNo.slice(2)}`,
      status: 'paid',
      amountFen: 2000,
      paidAt,
      refundedFen: 0,
    };
    return { body: JSON.stringify(payload), signature: signPayload(signer, payload), i };
  });
  const env = {
    PAYMENT_GATEWAY_URL: 'http://127.0.0.1:9/',
    PAYMENT_MERCHANT_ID: MERCHANT,
    PAYMENT_MERCHANT_KEY: merchantKey,
    PAYMENT_GATEWAY_PUBLIC_KEY: publicKeyPem(gatewayKey),
  };
  Object.assign(process.env, env);
  const portal = await startZone('portal', database.url, keys, '/');
  try {
    let next = 0;
    const answered = { ok: 0, refused: 0 };
    const transactionsBefore = await transactions(database.url);
    const measured = await cpuDuring(portal.child, database.url, () =>
      load({
        url: portal.base,
        connections: 20,
        requests: [
          {
            method: 'POST',
            path: '/payments/notify',
            setupRequest: (request) => {
              const one = bodies[next++ % bodies.length]!;
              return {
                ...request,
                headers: {
                  'content-type': 'application/json',
                  [SIGNATURE_HEADER]: one.signature,
                  'x-forwarded-proto': 'https',
                },
                body: one.body,
              };
            },
            onResponse: (status) => {
              if (status === 200) answered.ok++;
              else answered.refused++;
            },
          },
        ],
      }),
    );
    const result = measured.result;
    // Stopped first, so its backends end and report their transactions.
    await stopZone(portal);
    const transactionsDuring = (await transactions(database.url)) - transactionsBefore;
    const after = await outcomes(database.url);
    // Requests still in flight when the load stops may or may not have committed: paid orders lie between
    // the notifications acknowledged and those sent (each order counted once).
    const [low, high] = [Math.min(answered.ok, ORDERS), Math.min(next, ORDERS)];
    const outside = after.paidOrders < low ? low - after.paidOrders : Math.max(0, after.paidOrders - high);
    process.stdout.write(
      `  payments: ${String(next)} notifications sent, ${String(answered.ok)} acknowledged, over ${String(ORDERS)} orders; ` +
        `${String(after.paidOrders)} orders paid, ${String(after.receipts)} receipts, ${String(after.refunds)} refunds\n` +
        `  CPU per notification: portal ${((measured.zoneSeconds * 1000) / Math.max(1, next)).toFixed(3)} ms, ` +
        `PostgreSQL ${((measured.databaseSeconds * 1000) / Math.max(1, next)).toFixed(3)} ms; ` +
        `${(transactionsDuring / Math.max(1, next)).toFixed(3)} transactions per notification; load ${loadAverage()}\n`,
    );
    const figures: Figure[] = [
      {
        name: 'signed notifications processed/s',
        value: result.requestsPerSecond,
        unit: 'req/s',
        target: 1000,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      {
        name: 'notification p99 latency',
        value: result.p99,
        unit: 'ms',
        target: 100,
        better: 'lower',
        baseline: baseline.p99,
      },
      {
        name: 'notifications refused or failed',
        value: answered.refused + result.errors,
        unit: 'count',
        target: 0,
        better: 'lower',
      },
      // Idempotent: every order notified is paid exactly once, with one receipt; no duplicate-payment refund.
      {
        name: 'orders paid ≠ orders notified',
        value: outside + Math.abs(after.paidPayables - after.paidOrders),
        unit: 'count',
        target: 0,
        better: 'lower',
      },
      {
        name: 'receipts ≠ payments, or refunds',
        value: Math.abs(after.receipts - after.paidOrders) + after.refunds + after.alarms,
        unit: 'count',
        target: 0,
        better: 'lower',
      },
    ];
    return report('payments', figures);
  } finally {
    await stopZone(portal);
    for (const key of Object.keys(env)) delete process.env[key];
    await database.drop();
  }
}
