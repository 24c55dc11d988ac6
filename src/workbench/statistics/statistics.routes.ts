import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { attachment, toCsv } from '../../shared/export/csv.ts';
import { toXlsx } from '../../shared/export/xlsx.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchPolicy } from '../policy.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { allows, reachOf } from '../staff/staff.policy.ts';
import { keptHtml } from '../supervision/supervision.cache.ts';
import { topUnitCode, unitInfo, unitWithSubtree } from '../supervision/supervision.repository.ts';
import { downloadName, figureTables } from './statistics.export.ts';
import { statisticsFigures, statisticsHref, statisticsPage } from './statistics.pages.tsx';
import { word } from './statistics.messages.ts';
import { presentStatistics } from './statistics.presenter.ts';
import { StatisticsParams, StatisticsQuery, StatisticsRootQuery } from './statistics.schema.ts';
import { keptStatistics, refreshSnapshot } from './statistics.snapshot.ts';

// Statistics down the tree: a unit the officer's statistics.read reaches, with the units below it that it
// also reaches (others are left out of the figures); a unit out of reach answers 404, as one that does not
// exist. Every table downloads as CSV, all of them together as an Excel workbook. The figures come from the
// precomputed snapshot (statistics.snapshot.ts), which an officer may also have taken again now.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerStatisticsRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/statistics',
    { schema: { querystring: StatisticsRootQuery }, config: { permission: 'statistics.read' } },
    async (request, reply) => {
      const code = await topUnitCode(services.db, reachOf(staffOf(request), 'statistics.read'));
      if (!code) throw new AppError('NOT_FOUND');
      // A language asked for in the address (not only by the switch's cookie) is kept on the way to the unit.
      const english = request.query.lang === 'en';
      return reply.redirect(statisticsHref(code, english ? 'lang=en' : ''), 303);
    },
  );

  app.get(
    '/statistics/units/:code',
    {
      schema: { hide: true, params: StatisticsParams, querystring: StatisticsQuery },
      config: { permission: 'statistics.read' },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const found = await unitWithSubtree(services.db, request.params.code);
      if (!found) throw new AppError('NOT_FOUND');
      const { unit } = found;
      mustAllow(workbenchPolicy, me, 'statistics.read', { unitPath: unit.path });
      const counted = found.subtree.filter((u) => allows(me, 'statistics.read', u.path));
      const kept = await keptStatistics(services, unit, counted);
      const view = kept.value;
      const format = request.query.format ?? 'html';
      if (format === 'csv') {
        const table = figureTables(view, request.lang).find(
          (t) => t.id === (request.query.table ?? 'months'),
        )!;
        const name = downloadName(view, table, 'csv');
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', attachment(name.utf8, name.ascii))
          .send(toCsv(table.head, table.rows));
      }
      if (format === 'xlsx') {
        const tables = figureTables(view, request.lang);
        const name = downloadName(view, { id: 'all', title: request.lang === 'en' ? 'all' : '全部' }, 'xlsx');
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(name.utf8, name.ascii))
          .send(toXlsx(tables.map((t) => ({ name: t.title, head: t.head, rows: t.rows }))));
      }
      if (wantsJson(request)) return reply.send(presentStatistics(view));
      const parentPath = unit.path.slice(0, unit.path.lastIndexOf('/'));
      const parent = unit.parentCode && allows(me, 'statistics.read', parentPath) ? unit.parentCode : null;
      const ctx = workbenchContext(request, reply);
      const figures = keptHtml(kept, `${ctx.lang}:${ctx.elder ? 1 : 0}`, (v) =>
        statisticsFigures({ ctx, view: v }),
      );
      return reply.html(statisticsPage({ ctx, view, parent, flash: takeFlash(request), figures }));
    },
  );

  // On demand: the figures computed again now, rather than at the next nightly run.
  app.post(
    '/statistics/units/:code/refresh',
    { schema: { hide: true, params: StatisticsParams }, config: { permission: 'statistics.read' } },
    async (request, reply) => {
      const unit = await unitInfo(services.db, request.params.code);
      if (!unit) throw new AppError('NOT_FOUND');
      mustAllow(workbenchPolicy, staffOf(request), 'statistics.read', { unitPath: unit.path });
      const fresh = await refreshSnapshot(services);
      setFlash(request, word(request.lang, fresh ? 'refreshed' : 'refreshedRecently'));
      return reply.redirect(statisticsHref(unit.code), 303);
    },
  );
}
