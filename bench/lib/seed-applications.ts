import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { hashPassword } from '../../src/shared/auth/password.ts';
import { DEFAULT_LEVEL, RATING_PERIOD_DAYS } from '../../src/shared/ratings/ratings.scale.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { openDatabase } from '../../src/shared/db/database.ts';
import { root } from './harness.ts';
import type { ZoneKeys } from './cases-zones.ts';
import { idNumberOf } from './seed-cases.ts';

// The portal's database for the case benchmarks: verified citizens (sealed with the zone's key), the one whose
// 我的办件 holds about fifty cases with their timelines, a few thousand others with cases of their own, and
// later (once one real draft has been walked through the pages) a pool of drafts completed to the check page.

export const CITIZEN_PASSWORD = 'Bench-Citizen-2026';
export const HEAVY_CASES = 50;
const BACKGROUND_CASES_EACH = 2;

export function mobileOf(i: number): string {
  return String(13600000000 + i);
}

/** Citizens 0..count-1, every one verified; citizen 0 is the one who walks the pages and has many cases. */
export async function seedPortalCitizens(url: string, keys: ZoneKeys, count: number): Promise<void> {
  const database = await openDatabase({ url });
  try {
    await database.migrate(path.join(root, 'migrations/portal'));
    await publishCatalogDirectly(database.db, loadCatalogItems());
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const passwordHash = await hashPassword(CITIZEN_PASSWORD);
    // Portal citizens use ID numbers apart from the workbench's seeded applicants (offset), all fictional.
    const ids = Array.from({ length: count }, (_, i) => idNumberOf(500_000 + i));
    await client.query(
      `INSERT INTO citizens (mobile, password_hash, display_name, real_name, id_number_sealed, id_number_hash,
         id_number_masked, real_name_status)
       SELECT (13600000000 + i - 1)::text, $1, '压测' || i, '林示范', s, h, '350***', 'verified'
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(s, h, i)`,
      [passwordHash, ids.map((n) => keys.sealer.seal(n)), ids.map((n) => keys.sealer.lookupHash(n))],
    );
  } finally {
    await client.end();
  }
}

/**
 * Submitted applications with their timelines: HEAVY_CASES for citizen 0 (the 我的办件 figure), a couple for
 * each other citizen. All closed long ago except a few of citizen 0's, so no service is held in flight for
 * the drafts of the submission pool.
 */
export async function seedPortalCases(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const items = loadCatalogItems()
      .filter((i) => i.id !== 'no-criminal-record-certificate')
      .map((i) => i.id);
    await client.query(`CREATE SEQUENCE IF NOT EXISTS bench_case_seq`);
    await insertSubmitted(client, items);
    await client.query(`DROP SEQUENCE bench_case_seq`);
    // Three steps each: submitted, accepted, and completed for those closed.
    await client.query(
      `INSERT INTO case_events (application_id, case_number, seq, status, step, at, unit_code, unit_name,
         message, due_on, received_at)
       SELECT a.id, a.case_number, s.seq, s.status, s.step, a.submitted_at + (s.seq || ' days')::interval,
         'SF-ZA', '示范市公安局治安管理支队', CASE WHEN s.seq = 3 THEN '已办结，请在“我的办件”下载结果。' END,
         a.due_on, a.submitted_at + (s.seq || ' days')::interval
       FROM applications a
       CROSS JOIN (VALUES (1, 'submitted', 'submitted'), (2, 'accepted', 'accepted'), (3, 'completed', 'completed'))
         AS s(seq, status, step)
       WHERE a.case_number IS NOT NULL AND (s.seq < 3 OR a.status = 'completed')`,
    );
    // A live portal recorded the default rating of each of these a week after it was completed. Left unrated,
    // the first hour's sweep would default thousands of them, signing a crossing for each, while the figures
    // are measured: work the bench put there, not work a portal of this age does.
    await client.query(
      `INSERT INTO ratings (id, subject_kind, subject_number, citizen_id, level, reasons, defaulted, channel, rated_at)
       SELECT gen_random_uuid(), 'case', a.case_number, a.citizen_id, $1, '{}', true, 'web',
         e.at + make_interval(days => $2)
       FROM applications a JOIN case_events e ON e.application_id = a.id AND e.status = 'completed'
       WHERE a.status = 'completed' AND e.at + make_interval(days => $2) <= now()`,
      [DEFAULT_LEVEL, RATING_PERIOD_DAYS],
    );
  } finally {
    await client.end();
  }
}

async function insertSubmitted(client: pg.Client, items: string[]): Promise<void> {
  await client.query(
    `INSERT INTO applications (citizen_id, item_id, item_version, form_id, form_version, answers, submit_key,
       case_number, submitted_at, status, status_seq, due_on, in_flight, created_at, updated_at)
     SELECT c.id, ($1::text[])[(abs(hashtext(c.id::text)) + k) % $2 + 1], 1,
       ($1::text[])[(abs(hashtext(c.id::text)) + k) % $2 + 1], 1, '{}'::jsonb, gen_random_uuid(),
       'SF-ZA-' || to_char(now() - (k * 17 || ' days')::interval, 'YYYYMMDD') || '-'
         || lpad(nextval('bench_case_seq')::text, 6, '0'),
       now() - ((k * 17 + (hashtext(c.id::text) & 255)) || ' days')::interval,
       CASE WHEN k <= 3 AND c.mobile = $3 THEN 'accepted' ELSE 'completed' END, 3,
       current_date + 10, k <= 3 AND c.mobile = $3, now() - interval '300 days', now() - interval '280 days'
     FROM citizens c
     CROSS JOIN LATERAL generate_series(1, CASE WHEN c.mobile = $3 THEN $4::int ELSE $5::int END) k`,
    [items, items.length, mobileOf(0), HEAVY_CASES, BACKGROUND_CASES_EACH],
  );
}

/**
 * Copies the draft citizen 0 walked to the check page into one draft for each of citizens 1..count-1 (the
 * same service, the same answers), and signs each of them in: a session row as the portal writes it at
 * sign-in, its cookie signed with the zone's secret. Returns, per draft, the application id and the cookie.
 */
export async function seedDraftPool(
  url: string,
  keys: ZoneKeys,
  template: { applicationId: string; sessionSid: string },
  count: number,
): Promise<{ id: string; cookie: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const drafts = await client.query<{ id: string; citizen_id: string }>(
      `INSERT INTO applications (citizen_id, item_id, item_version, form_id, form_version, answers, last_page)
       SELECT c.id, t.item_id, t.item_version, t.form_id, t.form_version, t.answers, t.last_page
       FROM citizens c, applications t
       WHERE t.id = $1 AND c.mobile <> $2 AND c.mobile::bigint < $3
       RETURNING id, citizen_id`,
      [template.applicationId, mobileOf(0), 13600000000 + count],
    );
    const session = await client.query<{ data: Record<string, unknown>; expires_at: Date }>(
      `SELECT data, expires_at FROM sessions WHERE sid = $1`,
      [template.sessionSid],
    );
    const model = session.rows[0];
    if (!model) throw new Error('the walked session is not in the database');
    const sids = drafts.rows.map(() => randomBytes(24).toString('base64url'));
    await client.query(
      `INSERT INTO sessions (sid, data, subject, expires_at)
       SELECT sid, $1::jsonb || jsonb_build_object('subject', 'citizen:' || cid), 'citizen:' || cid, $2
       FROM unnest($3::text[], $4::text[]) AS t(sid, cid)`,
      [JSON.stringify(model.data), model.expires_at, sids, drafts.rows.map((d) => d.citizen_id)],
    );
    await client.query('ANALYZE');
    return drafts.rows.map((d, i) => ({ id: d.id, cookie: `psb_session=${keys.signSid(sids[i] ?? '')}` }));
  } finally {
    await client.end();
  }
}
