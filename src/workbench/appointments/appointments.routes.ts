import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { appointmentMessage, appointmentWords, type AppointmentMessage } from './appointments.messages.ts';
import * as pages from './appointments.pages.tsx';
import * as repo from './appointments.repository.ts';
import {
  AttendanceBody,
  ButtonBody,
  CodeParams,
  IdParams,
  LookupQuery,
  PatternBody,
  PublishBody,
} from './appointments.schema.ts';
import * as service from './appointments.service.ts';

type Form = { values?: Record<string, string>; errors?: FieldError[] };

export function registerAppointmentRoutes(app: App, services: ZoneServices): void {
  const indexView = async (request: FastifyRequest, reply: FastifyReply, form: Form) => {
    const offices = await service.managedOffices(services, staffOf(request));
    const codes = offices.map((o) => o.code);
    return pages.indexPage({
      ctx: workbenchContext(request, reply),
      offices,
      patterns: await repo.patternsOf(services.db, codes),
      releases: await repo.lastReleases(services.db, codes),
      flash: takeFlash(request),
      ...form,
    });
  };

  app.get(
    '/appointments',
    { schema: { hide: true }, config: { permission: 'appointments.attend' } },
    async (request, reply) => reply.html(await indexView(request, reply, {})),
  );

  app.get(
    '/appointments/lookup',
    { schema: { hide: true, querystring: LookupQuery }, config: { permission: 'appointments.attend' } },
    async (request, reply) => {
      const code = (request.query.code ?? '').trim().toUpperCase();
      const values = { code: request.query.code ?? '' };
      if (!/^[0-9A-Z]{8}$/.test(code)) {
        const errors = [{ field: 'code', message: appointmentMessage(request.lang, 'codeRequired') }];
        return reply.html(await indexView(request, reply, { values, errors }), 422);
      }
      try {
        await service.visitFor(services, staffOf(request), code);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        const errors = [{ field: 'code', message: appointmentMessage(request.lang, 'codeNotFound') }];
        return reply.html(await indexView(request, reply, { values, errors }), 404);
      }
      return reply.redirect(`/appointments/bookings/${code}`, 303);
    },
  );

  /** A change to the office's slots, then back to the page with a message, or the page with the problems. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    act: () => Promise<unknown>,
    done: AppointmentMessage,
  ) {
    try {
      await act();
    } catch (error) {
      return renderFormError(
        request,
        reply,
        error,
        async (errors) => indexView(request, reply, { values: formBody(request), errors }),
        appointmentWords,
      );
    }
    setFlash(request, appointmentMessage(request.lang, done));
    return reply.redirect('/appointments', 303);
  }

  app.post(
    '/appointments/patterns',
    {
      schema: { hide: true, body: PatternBody },
      config: { permission: 'appointments.manage', formPage: (rq, rp, form) => indexView(rq, rp, form) },
    },
    async (request, reply) =>
      change(
        request,
        reply,
        () => service.addPattern(services, staffOf(request), actorOf(request), request.body),
        'patternAdded',
      ),
  );

  app.post(
    '/appointments/patterns/:id/delete',
    {
      schema: { hide: true, params: IdParams, body: ButtonBody },
      config: { permission: 'appointments.manage' },
    },
    async (request, reply) =>
      change(
        request,
        reply,
        () => service.removePattern(services, staffOf(request), actorOf(request), request.params.id),
        'patternRemoved',
      ),
  );

  app.post(
    '/appointments/publish',
    {
      schema: { hide: true, body: PublishBody },
      config: { permission: 'appointments.manage', formPage: (rq, rp, form) => indexView(rq, rp, form) },
    },
    async (request, reply) =>
      change(
        request,
        reply,
        () => service.publish(services, staffOf(request), actorOf(request), request.body),
        'published',
      ),
  );

  const visitView = async (request: FastifyRequest, reply: FastifyReply, form: Form) => {
    const { bookingCode } = request.params as { bookingCode: string };
    const visit = form.errors
      ? await service.visitFor(services, staffOf(request), bookingCode)
      : await service.viewVisit(services, staffOf(request), actorOf(request), bookingCode);
    return pages.visitPage({
      ctx: workbenchContext(request, reply),
      visit,
      flash: takeFlash(request),
      errors: form.errors,
    });
  };

  app.get(
    '/appointments/bookings/:bookingCode',
    { schema: { hide: true, params: CodeParams }, config: { permission: 'appointments.attend' } },
    async (request, reply) => reply.html(await visitView(request, reply, {})),
  );

  app.post(
    '/appointments/bookings/:bookingCode/attendance',
    {
      schema: { hide: true, params: CodeParams, body: AttendanceBody },
      config: { permission: 'appointments.attend', formPage: (rq, rp, form) => visitView(rq, rp, form) },
    },
    async (request, reply) => {
      const { bookingCode } = request.params;
      const { outcome } = request.body;
      try {
        await service.markAttendance(services, staffOf(request), actorOf(request), bookingCode, outcome);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          async (errors) => visitView(request, reply, { errors }),
          appointmentWords,
        );
      }
      setFlash(request, appointmentMessage(request.lang, outcome === 'attended' ? 'attended' : 'noShow'));
      return reply.redirect(`/appointments/bookings/${bookingCode}`, 303);
    },
  );
}
