import { dueIsEstimated } from '../../shared/ui/estimated-due.tsx';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchPolicy } from '../policy.ts';
import { workbenchContext } from '../page.ts';
import { staffOf, type CurrentStaff } from '../session.ts';
import { allows, reachOf, type Permission } from '../staff/staff.policy.ts';
import { registerUrgingRoutes } from './urgings.routes.ts';
import { inReadersLanguage, supervisionMessages } from './supervision.messages.ts';
import { listPage, listHref, unitFigures, unitPage } from './supervision.pages.tsx';
import { presentItem } from './supervision.presenter.ts';
import {
  subtreeOf,
  topUnitCode,
  unitInfo,
  unitWithSubtree,
  type UnitInfo,
} from './supervision.repository.ts';
import { figureCache, keptHtml, unitsKey } from './supervision.cache.ts';
import { ListQuery, RootQuery, UnitParams, UrgeBody } from './supervision.schema.ts';
import { urge, MAX_URGED_AT_ONCE } from './supervision.service.ts';
import { listAll, type ListFilter } from './supervision.sources.ts';
import { tallyRows, tallyVersion } from './supervision.tallies.ts';
import { unitView, type UnitView } from './supervision.view.ts';

// One-click supervision (一键督办): the figures of a unit and the units below it that the officer reaches, every
// number a link to its list, every list row a link to the case; urging from the list. A unit out of reach
// answers 404, as a unit that does not exist.

const PAGE_SIZE = 50;
// A view per unit and reach of the current tallies: a city has about a hundred units.
const keptViews = figureCache<UnitView>(200);

/** The unit, if the officer's duty reaches it; 404 otherwise. */
async function reachableUnit(
  services: ZoneServices,
  me: CurrentStaff,
  code: string,
  permission: Permission,
): Promise<UnitInfo> {
  const unit = await unitInfo(services.db, code);
  if (!unit) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, permission, { unitPath: unit.path });
  return unit;
}

/** The unit and those below it whose figures the officer may read (a unit-only duty reads just the one). */
async function unitsInReach(services: ZoneServices, me: CurrentStaff, unit: UnitInfo): Promise<UnitInfo[]> {
  return (await subtreeOf(services.db, unit.path)).filter((u) => allows(me, 'supervision.read', u.path));
}

interface Query {
  tone?: string | undefined;
  service?: string | undefined;
  step?: string | undefined;
  officer?: string | undefined;
  page?: string | undefined;
}

function filterOf(query: Query): Omit<ListFilter, 'units'> {
  return {
    tone: query.tone === 'amber' || query.tone === 'red' ? query.tone : undefined,
    service: query.service || undefined,
    step: query.step || undefined,
    officer: query.officer === '-' ? '' : query.officer || undefined,
  };
}

export function registerSupervisionRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/supervision',
    { schema: { querystring: RootQuery }, config: { permission: 'supervision.read' } },
    async (request, reply) => {
      const code = await topUnitCode(services.db, reachOf(staffOf(request), 'supervision.read'));
      if (!code) throw new AppError('NOT_FOUND');
      // A language asked for in the address (not only by the switch's cookie) is kept on the way to the unit.
      const lang = request.query.lang === 'en' ? '?lang=en' : '';
      return reply.redirect(`/supervision/units/${encodeURIComponent(code)}${lang}`, 303);
    },
  );

  app.get(
    '/supervision/units/:code',
    { schema: { params: UnitParams }, config: { permission: 'supervision.read' } },
    async (request, reply) => {
      const me = staffOf(request);
      const found = await unitWithSubtree(services.db, request.params.code);
      if (!found) throw new AppError('NOT_FOUND');
      const { unit } = found;
      mustAllow(workbenchPolicy, me, 'supervision.read', { unitPath: unit.path });
      const counted = found.subtree.filter((u) => allows(me, 'supervision.read', u.path));
      const version = await tallyVersion(services);
      const kept = await keptViews.get(services.db, `${version}|${unitsKey(unit, counted)}`, async () =>
        unitView(
          unit,
          counted,
          await tallyRows(
            services.db,
            counted.map((u) => u.code),
          ),
        ),
      );
      const view = kept.value;
      if (wantsJson(request)) return reply.send(view);
      const parent =
        unit.parentCode && allows(me, 'supervision.read', unit.path.slice(0, unit.path.lastIndexOf('/')))
          ? unit.parentCode
          : null;
      const ctx = workbenchContext(request, reply);
      const figures = keptHtml(kept, `${ctx.lang}:${ctx.elder ? 1 : 0}`, (v) =>
        unitFigures({ ctx, view: v }),
      );
      return reply.html(unitPage({ ctx, view, parent, figures }));
    },
  );

  app.get(
    '/supervision/units/:code/cases',
    { schema: { params: UnitParams, querystring: ListQuery }, config: { permission: 'supervision.read' } },
    async (request, reply) => {
      if (wantsJson(request)) return reply.send(await listData(services, request));
      return reply.html(await listView(services, request, reply));
    },
  );

  app.post(
    '/supervision/units/:code/urge',
    {
      schema: { params: UnitParams, body: UrgeBody },
      config: {
        permission: 'supervision.urge',
        input: { multiline: ['message'] },
        formPage: (request: FastifyRequest, reply: FastifyReply, form: { errors: FieldError[] }) =>
          listView(services, request, reply, { errors: form.errors, values: formBody(request) }),
      },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const unit = await reachableUnit(services, me, request.params.code, 'supervision.urge');
      const body = request.body;
      const filter = filterOf(body);
      try {
        let refs: string[];
        if (body.all === '1') {
          const counted = await unitsInReach(services, me, unit);
          const found = await listAll(
            services.db,
            { ...filter, units: counted.map((u) => u.code) },
            todayInShanghai(services.now()),
            { offset: 0, limit: MAX_URGED_AT_ONCE + 1 },
          );
          refs = found.map((i) => i.ref);
        } else refs = body.cases === undefined ? [] : Array.isArray(body.cases) ? body.cases : [body.cases];
        const sent = await urge(services, me, actorOf(request), {
          refs,
          message: body.message ?? '',
          replyDays: Number.parseInt(body.replyDays ?? '', 10),
        });
        if (wantsJson(request))
          return reply.send({ urged: sent.map((u) => ({ id: u.id, case: u.itemRef, state: u.state })) });
        setFlash(
          request,
          request.lang === 'en'
            ? `${sent.length} urging notice(s) sent.`
            : `已发出催办单 ${sent.length} 份。`,
        );
        return reply.redirect(listHref(unit.code, body), 303);
      } catch (error) {
        if (wantsJson(request)) throw inReadersLanguage(request, error);
        return renderFormError(
          request,
          reply,
          error,
          (errors) => listView(services, request, reply, { errors, values: formValues(request) }),
          supervisionMessages,
        );
      }
    },
  );

  registerUrgingRoutes(app, services);
}

/** What was typed, with the chosen cases joined so the list can tick them again. */
function formValues(request: FastifyRequest): Record<string, string> {
  const body = request.body as { cases?: string | string[] } & Record<string, unknown>;
  const cases = body.cases === undefined ? [] : Array.isArray(body.cases) ? body.cases : [body.cases];
  return { ...formBody(request), cases: cases.join(',') };
}

async function listData(services: ZoneServices, request: FastifyRequest) {
  const me = staffOf(request);
  const { code } = request.params as { code: string };
  const query = (request.method === 'GET' ? request.query : request.body) as Query;
  const unit = await reachableUnit(services, me, code, 'supervision.read');
  const counted = await unitsInReach(services, me, unit);
  const today = todayInShanghai(services.now());
  const page = Math.max(1, Math.min(10_000, Number.parseInt(query.page ?? '1', 10) || 1));
  const filter = filterOf(query);
  const found = await listAll(services.db, { ...filter, units: counted.map((u) => u.code) }, today, {
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE + 1,
  });
  return {
    unit,
    filter,
    page,
    items: found.slice(0, PAGE_SIZE).map((i) => presentItem(i, today)),
    hasNext: found.length > PAGE_SIZE,
    mayUrge: allows(me, 'supervision.urge', unit.path),
  };
}

async function listView(
  services: ZoneServices,
  request: FastifyRequest,
  reply: FastifyReply,
  form?: { errors: FieldError[]; values: Record<string, string> },
): Promise<string> {
  const data = await listData(services, request);
  const source = (request.method === 'GET' ? request.query : request.body) as Query;
  const query = { tone: source.tone, service: source.service, step: source.step, officer: source.officer };
  return listPage({
    ctx: workbenchContext(request, reply),
    unit: { code: data.unit.code, name: { zh: data.unit.name, en: data.unit.nameEn ?? data.unit.name } },
    query,
    filter: data.filter,
    items: data.items,
    page: data.page,
    hasNext: data.hasNext,
    mayUrge: data.mayUrge,
    estimated: (dueOn) => dueIsEstimated(services.calendar, dueOn),
    flash: takeFlash(request),
    errors: form?.errors ?? [],
    values: form?.values ?? {},
  });
}
