import { dueIsEstimated } from '../../shared/ui/estimated-due.tsx';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import { WorkflowConflictError } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { allows, reachOf, type Reach } from '../staff/staff.policy.ts';
import { inReadersLanguage, SupervisionRefusal, supervisionMessages } from './supervision.messages.ts';
import { presentUrging } from './supervision.presenter.ts';
import {
  escalationsOf,
  escalationsTo,
  repeatedlyUrged,
  unitsByCode,
  urgingsTo,
  type PathReach,
} from './supervision.repository.ts';
import { AnswerBody, UrgingParams } from './supervision.schema.ts';
import { answerUrging, visibleUrging } from './supervision.service.ts';
import { inspectionPage, urgingPage, urgingsPage } from './urgings.pages.tsx';
import { badReviewsFor } from '../ratings/ratings.inspection.tsx';

// The urged unit's side (the notices sent to the units it answers for, and the answer), and discipline
// inspection's read-only view of escalated and repeatedly urged work, every reading of it audited.

const LIMIT = 200;
const pathReach = (reach: Reach): PathReach =>
  reach.all ? 'all' : { exact: reach.exact, subtrees: reach.subtrees };

export function registerUrgingRoutes(app: App, services: ZoneServices): void {
  app.get('/urgings', { config: { permission: 'supervision.answer' } }, async (request, reply) => {
    const me = staffOf(request);
    const found = await urgingsTo(services.db, pathReach(reachOf(me, 'supervision.answer')), LIMIT);
    const list = found.map((u) => presentUrging(u));
    if (wantsJson(request)) return reply.send({ urgings: list });
    return reply.html(
      urgingsPage({
        ctx: workbenchContext(request, reply),
        urgings: list,
        estimated: (dueOn) => dueIsEstimated(services.calendar, dueOn),
      }),
    );
  });

  app.get(
    '/urgings/:id',
    { schema: { params: UrgingParams }, config: { permission: 'supervision.answer' } },
    async (request, reply) => {
      if (wantsJson(request)) {
        const urging = await visibleUrging(services.db, staffOf(request), request.params.id);
        return reply.send(presentUrging(urging, await escalationsOf(services.db, urging.id)));
      }
      return reply.html(await urgingView(services, request, reply, request.params.id));
    },
  );

  app.post(
    '/urgings/:id/answer',
    {
      schema: { params: UrgingParams, body: AnswerBody },
      config: {
        permission: 'supervision.answer',
        input: { multiline: ['reason'] },
        formPage: (request: FastifyRequest, reply: FastifyReply, form: { errors: FieldError[] }) =>
          urgingView(services, request, reply, (request.params as { id: string }).id, {
            errors: form.errors,
            values: formBody(request),
          }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      try {
        const answered = await answerUrging(services, staffOf(request), actorOf(request), id, {
          reason: request.body.reason ?? '',
          promisedOn: request.body.promisedOn ?? '',
        });
        if (wantsJson(request)) return reply.send(presentUrging(answered));
      } catch (thrown) {
        const error =
          thrown instanceof WorkflowConflictError
            ? new SupervisionRefusal('CONFLICT', 'reason', 'urging.answered')
            : thrown;
        if (wantsJson(request)) throw inReadersLanguage(request, error);
        return renderFormError(
          request,
          reply,
          error,
          (errors) => urgingView(services, request, reply, id, { errors, values: formBody(request) }),
          supervisionMessages,
        );
      }
      setFlash(request, request.lang === 'en' ? 'The answer has been sent.' : '答复已提交。');
      return reply.redirect(`/urgings/${id}`, 303);
    },
  );

  app.get(
    '/supervision/inspection',
    { config: { permission: 'supervision.inspect' } },
    async (request, reply) => {
      const me = staffOf(request);
      const reach = pathReach(reachOf(me, 'supervision.inspect'));
      const [escalated, repeated] = await Promise.all([
        escalationsTo(services.db, 'discipline-inspector', reach, LIMIT),
        repeatedlyUrged(services.db, reach, LIMIT),
      ]);
      const lists = {
        escalated: await Promise.all(
          escalated.map(async (e) => presentUrging(e.urging, await escalationsOf(services.db, e.urging.id))),
        ),
        repeated: repeated.map((r) => ({ ...r, lastSentAt: r.lastSentAt.toISOString() })),
        badReviews: await badReviewsFor(services, me),
      };
      // The lists name units by code; the reader sees their names.
      const codes = new Set([
        ...lists.escalated.flatMap((u) => [u.unitCode, u.fromUnitCode]),
        ...lists.repeated.map((r) => r.unitCode),
        ...lists.badReviews.flatMap((r) => (r.unitCode ? [r.unitCode] : [])),
      ]);
      const view = {
        ...lists,
        unitNames: Object.fromEntries(
          (await unitsByCode(services.db, [...codes])).map((u) => [
            u.code,
            { zh: u.name, en: u.nameEn ?? u.name },
          ]),
        ),
      };
      // Discipline inspection reads officers' conduct: every reading is itself on the record.
      await services.db.transaction((tx) =>
        recordAudit(tx, {
          ...actorOf(request),
          action: 'supervision.inspection.read',
          target: 'supervision:inspection',
          detail: {
            escalated: view.escalated.length,
            repeated: view.repeated.length,
            badReviews: view.badReviews.length,
          },
          at: services.now(),
        }),
      );
      if (wantsJson(request)) return reply.send(view);
      return reply.html(inspectionPage({ ctx: workbenchContext(request, reply), view }));
    },
  );
}

async function urgingView(
  services: ZoneServices,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  form?: { errors: FieldError[]; values: Record<string, string> },
): Promise<string> {
  const me = staffOf(request);
  const urging = await visibleUrging(services.db, me, id);
  const escalations = await escalationsOf(services.db, urging.id);
  return urgingPage({
    ctx: workbenchContext(request, reply),
    urging: presentUrging(urging, escalations),
    mayAnswer: allows(me, 'supervision.answer', urging.unitPath) && urging.sentBy !== me.badgeNo,
    estimated: (dueOn) => dueIsEstimated(services.calendar, dueOn),
    flash: takeFlash(request),
    errors: form?.errors ?? [],
    values: form?.values ?? {},
  });
}
