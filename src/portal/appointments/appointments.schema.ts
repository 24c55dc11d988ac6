import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

/** A catalogue item's slug, as the guide's address has it. */
export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });

/** A booking code: eight characters; anything else names no booking (404). */
export const CodeParams = Type.Object({ bookingCode: Type.String({ maxLength: 8 }) });

/** The day whose slots the page lists (a plain link, so the page works without JavaScript). */
export const DayQuery = Type.Object({
  date: Type.Optional(Type.String({ maxLength: 10 })),
  // The pre-application a booking ends, carried from the case page to the booking.
  caseNumber: Type.Optional(Type.String({ maxLength: 40 })),
});

export const BookBody = FormBody({
  slot: Type.Optional(Type.String({ maxLength: 160 })),
  detaineeName: Type.Optional(Type.String({ maxLength: 60 })),
  relationship: Type.Optional(Type.String({ maxLength: 20 })),
  licenceNumber: Type.Optional(Type.String({ maxLength: 20 })),
  visitors: Type.Optional(Type.String({ maxLength: 3 })),
  caseNumber: Type.Optional(Type.String({ maxLength: 40 })),
});

export const RescheduleBody = FormBody({ slot: Type.Optional(Type.String({ maxLength: 160 })) });

export const ButtonBody = FormBody({});
