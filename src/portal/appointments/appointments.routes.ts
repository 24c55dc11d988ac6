import QRCode from 'qrcode';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../shared/http/errors.ts';
import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { bookingService } from '../../shared/appointments/booking-services.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import { appointmentMessage, appointmentWords } from './appointments.messages.ts';
import * as pages from './appointments.pages.tsx';
import * as repo from './appointments.repository.ts';
import {
  BookBody,
  ButtonBody,
  CodeParams,
  DayQuery,
  RescheduleBody,
  SlugParams,
} from './appointments.schema.ts';
import * as service from './appointments.service.ts';

/** A param of the address, read also where the schema refused the body (a form page shown again). */
function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** The day of a posted slot key (office/service/date/start), so a refused form shows the day that was chosen. */
const dayOf = (slot: string | undefined) => slot?.split('/')[2];

const serviceName = (lang: 'zh' | 'en', itemId: string) => bookingService(itemId)?.name[lang] ?? itemId;

export function registerAppointmentRoutes(app: App, services: ZoneServices): void {
  const bookForm: FormPage = async (request, reply, form) => {
    const bookable = service.serviceOf(param(request, 'slug'));
    const citizenId = citizenOf(request).id;
    const values = form.values ?? {};
    return pages.bookPage({
      ctx: portalContext(request, reply),
      ...form,
      service: bookable,
      verified: await service.isVerified(services, citizenId),
      restrictedUntil: await service.restrictedUntil(services, citizenId, services.now()),
      choice: await service.choices(services, bookable.itemId, dayOf(values.slot)),
    });
  };

  app.get(
    '/services/:slug/book',
    {
      schema: { hide: true, params: SlugParams, querystring: DayQuery },
      config: { permission: 'appointments.book' },
    },
    async (request, reply) => {
      const bookable = service.serviceOf(request.params.slug);
      const citizenId = citizenOf(request).id;
      const { caseNumber } = request.query;
      return reply.html(
        pages.bookPage({
          ctx: portalContext(request, reply),
          values: caseNumber ? { caseNumber } : {},
          service: bookable,
          verified: await service.isVerified(services, citizenId),
          restrictedUntil: await service.restrictedUntil(services, citizenId, services.now()),
          choice: await service.choices(services, bookable.itemId, request.query.date),
        }),
      );
    },
  );

  app.post(
    '/services/:slug/book',
    {
      schema: { hide: true, params: SlugParams, body: BookBody },
      config: { permission: 'appointments.book', formPage: bookForm },
    },
    async (request, reply) => {
      let code: string;
      try {
        code = await service.book(services, citizenOf(request), request.params.slug, request.body);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => bookForm(request, reply, { values: formBody(request), errors }),
          appointmentWords,
        );
      }
      setFlash(request, appointmentMessage(request.lang, 'booked'));
      return reply.redirect(`/my/appointments/${code}`, 303);
    },
  );

  app.get(
    '/my/appointments',
    { schema: { hide: true }, config: { permission: 'appointments.view' } },
    async (request, reply) => {
      const bookings = await repo.bookingsOf(services.db, citizenOf(request).id);
      return reply.html(
        pages.listPage({
          ctx: portalContext(request, reply),
          bookings,
          names: (itemId) => serviceName(request.lang, itemId),
          flash: takeFlash(request),
        }),
      );
    },
  );

  const bookingView = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { errors?: FieldError[] },
  ): Promise<string> => {
    const booking = await service.bookingFor(services, citizenOf(request), param(request, 'bookingCode'));
    const now = services.now().getTime();
    return pages.bookingPage({
      ctx: portalContext(request, reply),
      booking,
      serviceName: serviceName(request.lang, booking.itemId),
      details: service.detailsOf(services, booking),
      qrSvg: await QRCode.toString(booking.code, { type: 'svg', margin: 2, width: 200 }),
      changeable: booking.status === 'booked' && booking.startsAt.getTime() - now >= service.CUTOFF_MS,
      flash: takeFlash(request),
      errors: form.errors,
    });
  };

  app.get(
    '/my/appointments/:bookingCode',
    { schema: { hide: true, params: CodeParams }, config: { permission: 'appointments.view' } },
    async (request, reply) => reply.html(await bookingView(request, reply, {})),
  );

  app.get(
    '/my/appointments/:bookingCode/qr.png',
    { schema: { hide: true, params: CodeParams }, config: { permission: 'appointments.view' } },
    async (request, reply) => {
      const booking = await service.bookingFor(services, citizenOf(request), request.params.bookingCode);
      const png = await QRCode.toBuffer(booking.code, { type: 'png', margin: 2, width: 320 });
      return reply
        .type('image/png')
        .header('content-disposition', `attachment; filename="booking-${booking.code}.png"`)
        .send(png);
    },
  );

  app.post(
    '/my/appointments/:bookingCode/cancel',
    {
      schema: { hide: true, params: CodeParams, body: ButtonBody },
      config: { permission: 'appointments.change', formPage: bookingView },
    },
    async (request, reply) => {
      const { bookingCode } = request.params;
      try {
        await service.cancel(services, citizenOf(request), bookingCode);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => bookingView(request, reply, { errors }),
          appointmentWords,
        );
      }
      setFlash(request, appointmentMessage(request.lang, 'cancelled'));
      return reply.redirect(`/my/appointments/${bookingCode}`, 303);
    },
  );

  const rescheduleForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: FieldError[] },
  ): Promise<string> => {
    const booking = await service.bookingFor(
      services,
      citizenOf(request),
      param(request, 'bookingCode'),
      'appointments.change',
    );
    const date = dayOf(form.values?.slot) ?? (request.query as { date?: string } | undefined)?.date;
    return pages.reschedulePage({
      ctx: portalContext(request, reply),
      ...form,
      booking,
      choice: await service.choices(services, booking.itemId, date),
    });
  };

  app.get(
    '/my/appointments/:bookingCode/reschedule',
    {
      schema: { hide: true, params: CodeParams, querystring: DayQuery },
      config: { permission: 'appointments.change' },
    },
    async (request, reply) => reply.html(await rescheduleForm(request, reply, {})),
  );

  app.post(
    '/my/appointments/:bookingCode/reschedule',
    {
      schema: { hide: true, params: CodeParams, body: RescheduleBody },
      config: { permission: 'appointments.change', formPage: rescheduleForm },
    },
    async (request, reply) => {
      const { bookingCode } = request.params;
      try {
        await service.reschedule(services, citizenOf(request), bookingCode, request.body.slot);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => rescheduleForm(request, reply, { values: formBody(request), errors }),
          appointmentWords,
        );
      }
      setFlash(request, appointmentMessage(request.lang, 'rescheduled'));
      return reply.redirect(`/my/appointments/${bookingCode}`, 303);
    },
  );
}
