import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the company forms post. Limits are the fields' own, with room for a space pasted around a code; the
// service then says in its own words what is wrong with a value of the right length.

/** A company, claim or invitation id (a UUID). */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });

export const ClaimBody = FormBody({
  creditCode: Type.Optional(Type.String({ maxLength: 20 })),
  name: Type.Optional(Type.String({ maxLength: 100 })),
});

export const InviteBody = FormBody({ mobile: Type.Optional(Type.String({ maxLength: 20 })) });

export const RemoveBody = FormBody({ member: Type.Optional(Type.String({ maxLength: 36 })) });

/** A form that posts nothing but its button (leave, accept, decline). */
export const ButtonBody = FormBody({});
