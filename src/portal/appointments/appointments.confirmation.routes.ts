import Type from 'typebox';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { App } from '../../shared/http/app.ts';
import { VERIFICATION_CODE } from '../../shared/pdf/verified-slip.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import {
  BOOKING_VERIFY_PATH,
  bookingByVerificationCode,
  renderConfirmation,
  verificationCodeOf,
} from './appointments.confirmation.ts';
import { bookingVerifyPage } from './appointments.confirmation.pages.tsx';
import { CodeParams } from './appointments.schema.ts';
import * as service from './appointments.service.ts';

const VerifyParams = Type.Object({ code: Type.String({ maxLength: 26 }) }, { additionalProperties: false });

/** 预约凭证: the booker's PDF of his booking, and the public page its QR code leads to. */
export function registerBookingConfirmationRoutes(
  app: App,
  services: ZoneServices,
  portalBaseUrl: string,
): void {
  app.get(
    '/my/appointments/:bookingCode/confirmation.pdf',
    { schema: { hide: true, params: CodeParams }, config: { permission: 'appointments.view' } },
    async (request, reply) => {
      const booking = await service.bookingFor(services, citizenOf(request), request.params.bookingCode);
      const verificationCode = await verificationCodeOf(services.db, booking.id);
      const pdf = await renderConfirmation(
        { ...booking, details: service.detailsOf(services, booking), verificationCode },
        portalBaseUrl,
        request.lang,
      );
      return fileHeaders(reply, {
        type: 'application/pdf',
        name: request.lang === 'en' ? `booking-${booking.code}.pdf` : `预约凭证-${booking.code}.pdf`,
        asciiName: `booking-${booking.code}.pdf`,
      })
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  // Public, for the window or anyone shown the paper; limited per address so the codes cannot be walked.
  app.get(
    `${BOOKING_VERIFY_PATH}/:code`,
    {
      schema: { hide: true, params: VerifyParams },
      config: { permission: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { code } = request.params;
      const found = VERIFICATION_CODE.test(code)
        ? await bookingByVerificationCode(services.db, code)
        : undefined;
      return reply
        .header('cache-control', 'no-store')
        .html(bookingVerifyPage({ ctx: portalContext(request, reply), code, found }), found ? 200 : 404);
    },
  );
}
