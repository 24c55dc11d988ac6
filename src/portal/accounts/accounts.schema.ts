import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the account forms and the account API take. The limits are the fields' own, with room for the spaces
// people type into a mobile or ID number; within them the service says in its own words what is wrong.

/** 11 digits, typed as "138 0000 0001" or with +86 in front. */
export const Mobile = Type.String({ maxLength: 20 });
/** Long enough for any passphrase; the strength check reads the first 100 characters anyway. */
export const Password = Type.String({ maxLength: 200 });
const Optional = Type.Optional;

/** Where to go after signing in (a hostile one is replaced by a safe one, not refused). */
export const LoginQuery = Type.Object({
  next: Optional(Type.String({ maxLength: 2000 })),
  expired: Optional(Type.String({ maxLength: 8 })),
  /** Set by the redirect after a password reset, so the page confirms it. */
  reset: Optional(Type.String({ maxLength: 8 })),
});

export const LoginBody = FormBody({ mobile: Optional(Mobile), password: Optional(Password) });

export const MobileBody = FormBody({ mobile: Optional(Mobile) });

/** The code step: the code and the new password, and on registration the display name as well. */
export const CodeBody = FormBody({
  code: Optional(Type.String({ maxLength: 10 })),
  displayName: Optional(Type.String({ maxLength: 20 })),
  password: Optional(Password),
  confirm: Optional(Password),
});

/** The profile, and the name and ID number the real-name check needs. */
export const ProfileBody = FormBody({
  displayName: Optional(Type.String({ maxLength: 20 })),
  realName: Optional(Type.String({ maxLength: 30 })),
  idNumber: Optional(Type.String({ maxLength: 20 })),
  email: Optional(Type.String({ maxLength: 254 })),
  address: Optional(Type.String({ maxLength: 200 })),
});

export const LogoutBody = FormBody({});

export const SmsCodeRequest = Type.Object({
  mobile: Mobile,
  purpose: Type.Union([Type.Literal('register'), Type.Literal('reset-password')]),
});

export const LoginRequest = Type.Object({ mobile: Mobile, password: Password });
