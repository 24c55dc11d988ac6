import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { inLang } from '../../shared/ui/context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { holidayWords } from './holidays.messages.ts';
import * as pages from './holidays.pages.tsx';
import * as service from './holidays.service.ts';

// 节假日安排 (holidays.policy.ts: force-wide administrators). A schedule belongs to no unit; past the door there is
// only "there is no such schedule" (404), or a decision the workflow refuses (four eyes: 403; decided: 409).

const manage = { permission: 'holidays.manage' };

const EnterForm = Type.Object(
  {
    year: Type.Optional(Type.String({ maxLength: 8 })),
    source: Type.Optional(Type.String({ maxLength: 400 })),
    days: Type.Optional(Type.String({ maxLength: 8000 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const ScheduleParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
const DecisionForm = Type.Object(
  {
    decision: Type.Optional(Type.String({ maxLength: 10 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export function registerHolidayRoutes(app: App, services: ZoneServices): void {
  const page = async (
    request: Parameters<FormPage>[0],
    reply: Parameters<FormPage>[1],
    form: {
      values?: Record<string, string>;
      errors?: Parameters<typeof pages.holidaysPage>[0]['errors'];
    } = {},
  ) => {
    const me = staffOf(request);
    const { years, schedules, needed } = await service.overview(services);
    const pending = await Promise.all(
      schedules
        .filter((s) => s.state === 'pending')
        .map(async (row) => ({
          row,
          text: (await service.scheduleText(services, row.id)).text,
          own: row.enteredBy === me.badgeNo,
        })),
    );
    return pages.holidaysPage({
      ctx: workbenchContext(request, reply),
      years,
      schedules,
      pending,
      needed,
      flash: takeFlash(request),
      ...form,
    });
  };
  const formPage: FormPage = (request, reply, form) => page(request, reply, form);

  app.get('/holidays', { schema: { hide: true }, config: manage }, async (request, reply) =>
    reply.header('cache-control', 'no-store').html(await page(request, reply)),
  );

  app.post(
    '/holidays',
    {
      schema: { hide: true, body: EnterForm },
      config: { ...manage, formPage, input: { multiline: ['days'], maxLength: { days: 8000 } } },
    },
    async (request, reply) => {
      try {
        const row = await service.enterSchedule(services, staffOf(request), actorOf(request), request.body);
        setFlash(
          request,
          inLang(
            request,
            `${String(row.year)}年的安排已提交，须由另一位管理员批准后生效。`,
            `The ${String(row.year)} schedule is submitted; it takes effect when another administrator approves it.`,
          ),
        );
        return await reply.redirect('/holidays', 303);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => page(request, reply, { values: formBody(request), errors }),
          holidayWords,
        );
      }
    },
  );

  app.post(
    '/holidays/:id/decision',
    { schema: { hide: true, params: ScheduleParams, body: DecisionForm }, config: manage },
    async (request, reply) => {
      try {
        const { row, decision } = await service.decideSchedule(
          services,
          staffOf(request),
          actorOf(request),
          request.params.id,
          request.body,
        );
        setFlash(
          request,
          decision === 'approve'
            ? inLang(
                request,
                `${String(row.year)}年的安排已生效，并同步到门户。`,
                `The ${String(row.year)} schedule is in force and on its way to the portal.`,
              )
            : inLang(
                request,
                `${String(row.year)}年的安排已驳回。`,
                `The ${String(row.year)} schedule is rejected.`,
              ),
        );
        return await reply.redirect('/holidays', 303);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => page(request, reply, { errors }),
          holidayWords,
        );
      }
    },
  );
}
