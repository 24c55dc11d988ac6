import path from 'node:path';
import pg from 'pg';
import * as OTPAuth from 'otpauth';
import { hashPassword } from '../../src/shared/auth/password.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { openDatabase } from '../../src/shared/db/database.ts';
import { units } from '../../src/workbench/db/schema.ts';
import { demoCityUnits } from '../../src/workbench/org/demo-city.ts';
import { workflowForItem } from '../../src/workbench/cases/cases.item-workflows.ts';
import { caseWorkflows } from '../../src/workbench/cases/cases.workflows.ts';
import { idCheckChar } from '../../src/shared/validators/id-number.ts';
import { root } from './harness.ts';
import type { ZoneKeys } from './cases-zones.ts';

// The workbench's database as a busy city would have it after some years: a million cases over the demo city's
// units, most closed, the open ones spread over the workflow's states with due dates around today and half of
// them claimed (none past its acceptance limit: deemed acceptance would have moved those long ago); a thousand
// officers with their roles. Set-based SQL (generate_series) does the bulk; only what must be sealed or hashed
// with the zone's keys is computed here, once per distinct applicant.

export const STAFF_PASSWORD = 'Bench-Officer-2026!';
/** One TOTP secret for every seeded officer: the benchmark plays the authenticator app. */
export const STAFF_TOTP_SECRET = new OTPAuth.Secret({ size: 20 }).base32;
export const OFFICERS = 1_000;

export function badgeOf(i: number): string {
  return `BN${String(i).padStart(4, '0')}`;
}

export function totpCode(badgeNo: string, at = Date.now(), secret = STAFF_TOTP_SECRET): string {
  return new OTPAuth.TOTP({
    issuer: '示范市公安局',
    label: badgeNo,
    secret: OTPAuth.Secret.fromBase32(secret),
  }).generate({ timestamp: at });
}

/** A valid-looking resident ID number of the demo city for applicant `i` (fictional). */
export function idNumberOf(i: number): string {
  const year = 1960 + (i % 40);
  const month = String(1 + (Math.floor(i / 40) % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(i / 480) % 28)).padStart(2, '0');
  const first17 = `350404${year}${month}${day}${String(Math.floor(i / 13_440) % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export interface WorkbenchSeed {
  cases: number;
  seconds: number;
  /** Units in seeding order; officer i sits in unit i % units.length. */
  unitCodes: string[];
  /** A few open cases per unit, for lookups. */
  sampleCases: { caseNumber: string; unitCode: string; idNumberHash: string }[];
}

interface ItemRow {
  itemId: string;
  name: string;
  nameEn: string;
  workflowId: string;
  workflowVersion: number;
}

/** A hundred state slots per workflow: 80 closed (mostly completed), 20 open spread over its open states. */
function stateSlots(workflowId: string): { slot: number; state: string; pub: string; final: boolean }[] {
  const w = caseWorkflows.current(workflowId);
  const states = Object.entries(w.definition.states);
  const open = states.filter(([, s]) => !s.final).map(([n]) => n);
  const finals = new Set(states.filter(([, s]) => s.final).map(([n]) => n));
  const closedMix = ['refused', 'not-accepted', 'withdrawn'].filter((s) => finals.has(s));
  const slots: { slot: number; state: string; pub: string; final: boolean }[] = [];
  for (let slot = 0; slot < 100; slot++) {
    let state: string;
    if (slot < 80)
      state =
        slot < 80 - 3 * closedMix.length ? 'completed' : (closedMix[slot % closedMix.length] ?? 'completed');
    else state = open[slot % open.length] ?? 'submitted';
    slots.push({ slot, state, pub: w.publicStatus[state] ?? 'submitted', final: finals.has(state) });
  }
  return slots;
}

export async function seedWorkbenchCases(
  url: string,
  keys: ZoneKeys,
  options: { cases: number; applicants: number; answers: unknown },
): Promise<WorkbenchSeed> {
  const started = performance.now();
  const database = await openDatabase({ url });
  try {
    await database.migrate(path.join(root, 'migrations/workbench'));
    await database.db.insert(units).values(demoCityUnits()).onConflictDoNothing({ target: units.code });
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cityUnits = demoCityUnits();
    const unitCodes = cityUnits.map((u) => u.code);
    await client.query(`CREATE TEMP TABLE bench_units (i int PRIMARY KEY, code text, path text)`);
    await client.query(
      `INSERT INTO bench_units SELECT i - 1, code, path FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(code, path, i)`,
      [unitCodes, cityUnits.map((u) => u.path)],
    );

    // Officers: a window clerk of his unit each; every tenth also reviews, every fiftieth supervises below.
    const passwordHash = await hashPassword(STAFF_PASSWORD);
    const totpSealed = keys.sealer.seal(STAFF_TOTP_SECRET);
    await client.query(
      `INSERT INTO staff (badge_no, name, unit_code, password_hash, totp_sealed, must_enrol_totp)
       SELECT 'BN' || lpad(g::text, 4, '0'), '压测民警（演示）' || g, u.code, $1, $2, false
       FROM generate_series(0, $3 - 1) g JOIN bench_units u ON u.i = g % $4`,
      [passwordHash, totpSealed, OFFICERS, unitCodes.length],
    );
    await client.query(
      `INSERT INTO role_assignments (staff_id, role, unit_code, scope)
       SELECT id, 'window-clerk', unit_code, 'unit' FROM staff WHERE badge_no LIKE 'BN%'
       UNION ALL
       SELECT id, 'reviewer', unit_code, 'unit' FROM staff WHERE badge_no LIKE 'BN%' AND substr(badge_no, 3)::int % 10 = 0
       UNION ALL
       SELECT id, 'supervisor', unit_code, 'subtree' FROM staff WHERE badge_no LIKE 'BN%' AND substr(badge_no, 3)::int % 50 = 0`,
    );

    // The catalogue's items with their workflow, and each workflow's mix of states.
    const items: ItemRow[] = loadCatalogItems().flatMap((item) => {
      try {
        const id = workflowForItem(item);
        const w = caseWorkflows.current(id);
        return [
          {
            itemId: item.id,
            name: item.name.zh,
            nameEn: item.name.en,
            workflowId: id,
            workflowVersion: w.definition.version,
          },
        ];
      } catch {
        return [];
      }
    });
    await client.query(
      `CREATE TEMP TABLE bench_items (i int PRIMARY KEY, item_id text, name text, name_en text, workflow_id text, workflow_version int)`,
    );
    await client.query(
      `INSERT INTO bench_items SELECT i - 1, item_id, name, name_en, wid, wv
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) WITH ORDINALITY AS t(item_id, name, name_en, wid, wv, i)`,
      [
        items.map((i) => i.itemId),
        items.map((i) => i.name),
        items.map((i) => i.nameEn),
        items.map((i) => i.workflowId),
        items.map((i) => i.workflowVersion),
      ],
    );
    const slots = [...new Set(items.map((i) => i.workflowId))].flatMap((id) =>
      stateSlots(id).map((s) => ({ ...s, workflowId: id })),
    );
    await client.query(
      `CREATE TEMP TABLE bench_states (workflow_id text, slot int, state text, pub text, final boolean, PRIMARY KEY (workflow_id, slot))`,
    );
    await client.query(
      `INSERT INTO bench_states SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::boolean[])`,
      [
        slots.map((s) => s.workflowId),
        slots.map((s) => s.slot),
        slots.map((s) => s.state),
        slots.map((s) => s.pub),
        slots.map((s) => s.final),
      ],
    );

    // Applicants: sealed and hashed with the zone's key, as intake would have stored them.
    const hashes: string[] = [];
    const sealed: string[] = [];
    for (let a = 0; a < options.applicants; a++) {
      const idNumber = idNumberOf(a);
      hashes.push(keys.sealer.lookupHash(idNumber));
      sealed.push(
        keys.sealer.seal(JSON.stringify({ name: `压测${a}`, idNumber, mobile: String(13700000000 + a) })),
      );
    }
    await client.query(`CREATE TEMP TABLE bench_applicants (i int PRIMARY KEY, hash text, sealed text)`);
    for (let from = 0; from < options.applicants; from += 20_000) {
      await client.query(
        `INSERT INTO bench_applicants SELECT $3 + i - 1, h, s FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(h, s, i)`,
        [hashes.slice(from, from + 20_000), sealed.slice(from, from + 20_000), from],
      );
    }

    // Cases in batches of 100,000, submitted over the last three years, newest last. Case g sits in unit
    // g % units, is about item g % items, and belongs to applicant g % applicants; its state slot is spread
    // by a multiplier so that units and states do not line up.
    const batch = 100_000;
    for (let from = 1; from <= options.cases; from += batch) {
      await client.query(
        `INSERT INTO cases (case_number, application_id, item_id, item_version, item_name, item_name_en, form_id,
           form_version, form_hash, unit_code, unit_path, citizen_ref, applicant_masked, id_number_masked,
           id_number_hash, applicant_sealed, answers, workflow_id, workflow_version, state, public_status,
           state_due_on, state_since, promised_value, promised_unit, due_on, closed, claimed_by, claimed_at,
           handled_by, public_seq, action_seq, submitted_at, updated_at)
         SELECT u.code || '-' || to_char(c.sub, 'YYYYMMDD') || '-' || lpad((g % 1000000)::text, 6, '0'),
           gen_random_uuid(), it.item_id, 1, it.name, it.name_en, it.item_id, 1, 'seed', u.code, u.path,
           ('00000000-0000-4000-8000-' || lpad(to_hex(c.a), 12, '0'))::uuid, '压*', '350***********' || lpad((c.a % 1000)::text, 3, '0') || 'X',
           ap.hash, ap.sealed, $3::jsonb, it.workflow_id, it.workflow_version, s.state, s.pub,
           CASE WHEN s.final THEN NULL WHEN s.state = 'submitted' THEN current_date + (g % 6)
             ELSE current_date + ((g * 7) % 24 - 8) END,
           CASE WHEN s.final THEN c.sub::date + 20 ELSE current_date - (g % 9) END,
           20, 'working-days', c.sub::date + 30, s.final,
           CASE WHEN NOT s.final AND g % 2 = 0 AND u.i + $4 * ((g / 2) % ($5 / $4)) < $5
             THEN 'BN' || lpad((u.i + $4 * ((g / 2) % ($5 / $4)))::text, 4, '0') END,
           CASE WHEN NOT s.final AND g % 2 = 0 THEN c.sub + interval '1 day' END,
           '{}'::text[], CASE WHEN s.final THEN 3 ELSE 1 END, CASE WHEN s.final THEN 3 ELSE 1 END, c.sub, c.sub
         FROM generate_series($1::int, $2::int) g
         CROSS JOIN LATERAL (SELECT
           CASE WHEN (g * 37) % 100 >= 80 THEN now() - ((g % 20) || ' days')::interval
                ELSE now() - ((1095.0 * (1.0 - g::float8 / $6)) || ' days')::interval - interval '21 days' END AS sub,
           g % $7 AS a) c
         JOIN bench_units u ON u.i = g % $4
         JOIN bench_items it ON it.i = g % $8
         JOIN bench_states s ON s.workflow_id = it.workflow_id AND s.slot = (g * 37) % 100
         JOIN bench_applicants ap ON ap.i = c.a`,
        [
          from,
          Math.min(options.cases, from + batch - 1),
          JSON.stringify(options.answers),
          unitCodes.length,
          OFFICERS,
          options.cases,
          options.applicants,
          items.length,
        ],
      );
    }
    // A table of this age has been vacuumed: the visibility map lets the queue's counts read the index alone.
    await client.query('VACUUM ANALYZE cases');
    await client.query('ANALYZE');
    // The bulk load's dirty pages are written now, not by the requests measured next (steady state, as live).
    await client.query('CHECKPOINT');
    const sample = await client.query<{ case_number: string; unit_code: string; id_number_hash: string }>(
      `SELECT case_number, unit_code, id_number_hash FROM cases TABLESAMPLE SYSTEM (1) WHERE NOT closed LIMIT 400`,
    );
    return {
      cases: options.cases,
      seconds: (performance.now() - started) / 1000,
      unitCodes,
      sampleCases: sample.rows.map((r) => ({
        caseNumber: r.case_number,
        unitCode: r.unit_code,
        idNumberHash: r.id_number_hash,
      })),
    };
  } finally {
    await client.end();
  }
}
