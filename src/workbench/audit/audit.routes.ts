import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { actorOf } from './audit.actor.ts';
import { isAuditAction } from './audit.actions.ts';
import * as pages from './audit.pages.tsx';
import { findAuditRow, listAudit } from './audit.repository.ts';
import { recordAudit } from './audit.ts';
import { verifyAuditChain } from './audit.verify.ts';
import { verifyText } from './audit.detail.ts';

const PAGE_SIZE = 50;
const read = { permission: 'audit.read' };

/** A calendar day as the date field sends it, or empty for none. */
const Day = Type.Optional(Type.String({ maxLength: 10, pattern: '^(?:\\d{4}-\\d{2}-\\d{2})?$' }));
/**
 * A row number, or empty for none: a positive whole number the database and JavaScript both hold exactly
 * (a too-large number used to reach the query and fail there).
 */
const RowNumber = Type.Optional(Type.String({ maxLength: 15, pattern: '^(?:[1-9]\\d{0,14})?$' }));

const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 40 })),
    // Any text up to the longest action's length; one that names no action filters nothing.
    action: Type.Optional(Type.String({ maxLength: 64 })),
    from: Day,
    to: Day,
    before: RowNumber,
    verified: RowNumber,
  },
  { additionalProperties: false },
);

/** A calendar day in China Standard Time, the zone officers read dates in. */
function dayStart(value: string, plusDays = 0): Date | undefined {
  if (!value) return undefined;
  const d = new Date(`${value}T00:00:00+08:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Date(d.getTime() + plusDays * 86_400_000);
}

/** "Verify now" posts nothing but the form's token. */
const VerifyForm = Type.Object(
  { _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

const rowNumber = (value: string | undefined) => (value ? Number(value) : undefined);

export function registerAuditRoutes(app: App, services: ZoneServices): void {
  // The list is filtered in SQL by the same reach the policy's rule checks: an auditor sees the entries of
  // officers whose units his jurisdiction reaches, and nothing tells him of the others.
  app.get(
    '/audit',
    { schema: { hide: true, querystring: AuditQuery }, config: read },
    async (request, reply) => {
      const me = staffOf(request);
      const raw = request.query;
      const query = {
        actor: raw.actor?.trim() ?? '',
        action: isAuditAction(raw.action) ? raw.action : '',
        from: raw.from ?? '',
        to: raw.to ?? '',
      };
      const before = rowNumber(raw.before);
      const reach = reachOf(me, 'audit.read');
      const { rows, more } = await listAudit(
        services.db,
        reach,
        {
          actor: query.actor || undefined,
          action: query.action || undefined,
          from: dayStart(query.from),
          until: dayStart(query.to, 1),
          before,
        },
        PAGE_SIZE,
      );
      const filters = Object.fromEntries(Object.entries(query).filter(([, v]) => v));
      const link = (extra: Record<string, string>) =>
        `/audit?${new URLSearchParams({ ...filters, ...extra })}`;

      // The result of "verify now" is itself an audit entry; show it to the officer who asked for it.
      let verify: pages.VerifyResult | undefined;
      const verified = rowNumber(raw.verified);
      if (verified !== undefined) {
        const row = await findAuditRow(services.db, verified);
        if (row && row.action === 'audit.verify' && row.actor === me.badgeNo) {
          verify = { ok: row.detail.ok === true, at: row.at, text: verifyText(row.detail, request.lang) };
        }
      }

      return reply.html(
        pages.auditPage({
          ctx: workbenchContext(request, reply),
          rows,
          query,
          olderHref: more && rows.length ? link({ before: String(rows[rows.length - 1]!.seq) }) : undefined,
          newestHref: before !== undefined ? link({}) : undefined,
          verify,
          seesAll: reach.all,
        }),
      );
    },
  );

  app.post(
    '/audit/verify',
    { schema: { hide: true, body: VerifyForm }, config: read },
    async (request, reply) => {
      const report = await verifyAuditChain(services.db);
      const seq = await services.db.transaction((tx) =>
        recordAudit(tx, {
          ...actorOf(request),
          action: 'audit.verify',
          target: 'audit_log',
          // The first lines are enough to see what is wrong; the command line tool prints everything.
          detail: {
            ok: report.ok,
            problems: report.problems.length,
            rows: report.rows,
            lastSeq: report.lastSeq,
            found: report.problems.slice(0, 20),
            text: report.text.split('\n').slice(0, 21).join('\n'),
          },
          at: services.now(),
        }),
      );
      return reply.redirect(`/audit?verified=${seq}`, 303);
    },
  );
}
