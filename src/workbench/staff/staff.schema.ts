import Type, { type TProperties } from 'typebox';

// What the staff pages and the sign-in pages accept. Each text has the longest value its field can hold; what
// a value must look like (a badge number, a role, a strong password) is the service's to say, in its own words.

/** The CSRF token every form posts: declared, or the schema would drop it before the CSRF check reads it. */
const Csrf = Type.Optional(Type.String({ maxLength: 200 }));

/** A plain HTML form: the fields it posts, optional where it may leave them out; anything else is dropped. */
export function formSchema<Fields extends TProperties>(fields: Fields) {
  return Type.Object({ ...fields, _csrf: Csrf }, { additionalProperties: false });
}

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** Staff ids are UUIDs; anything else of plausible length is looked up and not found (404). */
const Id = Type.String({ maxLength: 64 });
/** Longer than any accepted password needs to be; the strength check reads the first 100 characters. */
const PASSWORD_MAX = 256;
export const BADGE_MAX = 20;

export const StaffParams = Type.Object({ id: Id });
export const AssignmentParams = Type.Object({ id: Id, assignmentId: Id });

export const StaffListQuery = Type.Object(
  {
    q: text(50),
    totp: text(16),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const NewStaffForm = formSchema({
  badgeNo: text(BADGE_MAX),
  name: text(30),
  unitCode: text(40),
  // Typed with spaces or dashes ("138 0000 0001") and read by parseMobile.
  mobile: text(20),
  password: text(PASSWORD_MAX),
  role: text(32),
  scope: text(16),
});

export const AssignmentForm = formSchema({ role: text(32), unitCode: text(40), scope: text(16) });
export const ResetPasswordForm = formSchema({ newPassword: text(PASSWORD_MAX) });
/** A button that posts nothing but the token (disable, enable, reset the authenticator, end sessions). */
export const ButtonForm = formSchema({});

// Sign-in. `next` is where to go afterwards; the input guard lets a hostile one through to `safeNext`.
export const LoginQuery = Type.Object(
  { next: text(2000), expired: text(8) },
  { additionalProperties: false },
);
export const LoginForm = formSchema({ badgeNo: text(BADGE_MAX), password: text(PASSWORD_MAX) });
/** Six digits, typed as the authenticator shows them, perhaps with a space in the middle. */
export const CodeForm = formSchema({ code: text(16) });
