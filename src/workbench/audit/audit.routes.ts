import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchContext } from '../page.ts';
import { requireStaff, staffOf } from '../session.ts';
import { holdsAnywhere, reachOf } from '../staff/staff.policy.ts';
import { actorOf } from './audit.actor.ts';
import { isAuditAction } from './audit.actions.ts';
import * as pages from './audit.pages.tsx';
import { findAuditRow, listAudit } from './audit.repository.ts';
import { recordAudit } from './audit.ts';
import { verifyAuditChain } from './audit.verify.ts';

const PAGE_SIZE = 50;
const guarded = { schema: { hide: true }, preHandler: requireStaff };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day in China Standard Time, the zone officers read dates in. */
function dayStart(value: string, plusDays = 0): Date | undefined {
  if (!DATE.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00+08:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Date(d.getTime() + plusDays * 86_400_000);
}

/**
 * A row number from the query: absent or empty is none; anything but a positive whole number the database can
 * hold is refused (a too-large number used to reach the query and fail there).
 */
function rowNumber(raw: Record<string, unknown>, key: string, lang: 'zh' | 'en'): number | undefined {
  const value = typeof raw[key] === 'string' ? (raw[key] as string).trim() : '';
  if (value === '') return undefined;
  const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(number) && number > 0) return number;
  const message = lang === 'en' ? `“${key}” must be a positive whole number` : `“${key}”必须是正整数`;
  throw new AppError('VALIDATION', { fields: [{ field: key, message }] });
}

function requireAuditor(request: FastifyRequest): void {
  if (!holdsAnywhere(staffOf(request), 'audit.read')) throw new AppError('FORBIDDEN');
}

export function registerAuditRoutes(app: FastifyInstance, services: ZoneServices): void {
  app.get('/audit', guarded, async (request, reply) => {
    requireAuditor(request);
    const me = staffOf(request);
    const raw = request.query as Record<string, unknown>;
    const text = (key: string, max: number) =>
      typeof raw[key] === 'string' ? (raw[key] as string).trim().slice(0, max) : '';
    const query = {
      actor: text('actor', 40),
      action: isAuditAction(raw.action) ? raw.action : '',
      from: text('from', 10),
      to: text('to', 10),
    };
    const before = rowNumber(raw, 'before', request.lang);
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
    const link = (extra: Record<string, string>) => `/audit?${new URLSearchParams({ ...filters, ...extra })}`;

    // The result of "verify now" is itself an audit entry; show it to the officer who asked for it.
    let verify: pages.VerifyResult | undefined;
    const verified = rowNumber(raw, 'verified', request.lang);
    if (verified !== undefined) {
      const row = await findAuditRow(services.db, verified);
      if (row && row.action === 'audit.verify' && row.actor === me.badgeNo) {
        verify = { ok: row.detail.ok === true, at: row.at, text: String(row.detail.text ?? '') };
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
  });

  app.post('/audit/verify', guarded, async (request, reply) => {
    requireAuditor(request);
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
          text: report.text.split('\n').slice(0, 21).join('\n'),
        },
        at: services.now(),
      }),
    );
    return reply.redirect(`/audit?verified=${seq}`, 303);
  });
}
