import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// What the application pages and API take. A question page's fields are named by its form version, so its
// body is a bounded map of names to texts (or the ticked boxes of a multiple choice), checked by the form.

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) });
export const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
export const PageParams = Type.Object({
  id: Type.String({ maxLength: 36 }),
  pageId: Type.String({ maxLength: 48 }),
});

/** `?change=1`: the page was opened from the check page, and saving it goes back there. */
export const PageQuery = Type.Object({ change: Type.Optional(Type.String({ maxLength: 1 })) });

export const StartBody = FormBody({ company: Type.Optional(Type.String({ maxLength: 36 })) });
export const SubmitBody = FormBody({ submitKey: Type.Optional(Type.String({ maxLength: 36 })) });

const Text = Type.String({ maxLength: 2000 });
/** A question page's inputs: `purpose`, `home.division`, `seals[0].kind`, repeated names for ticked boxes. */
export const PageFields = Type.Record(
  Type.String({ maxLength: 100, pattern: '^[A-Za-z_][A-Za-z0-9_.\\[\\]-]*$' }),
  Type.Union([Text, Type.Array(Text, { maxItems: 100 })]),
  { maxProperties: 400 },
);
