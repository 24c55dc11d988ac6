import Type, { type TProperties } from 'typebox';

// Schemas every zone's routes share: the body of a plain HTML form, and the API's one error shape.

/** The CSRF token every form posts; the kernel's CSRF check reads it after validation, so it must survive it. */
const Csrf = Type.Optional(Type.String({ maxLength: 200 }));

/**
 * The body of a plain HTML form: the fields it posts (optional where the form may leave them out) and the CSRF
 * token. Nothing else gets through: Ajv drops fields the form does not have before the handler sees the body.
 */
export function FormBody<Fields extends TProperties>(fields: Fields) {
  return Type.Object({ ...fields, _csrf: Csrf }, { additionalProperties: false });
}

/** How the API answers every refusal (the one error handler's JSON shape). */
export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(
      Type.Object({
        field: Type.String({ description: 'The refused property, by its name in the request' }),
        message: Type.String({ description: 'What is wrong with it, in the reader’s language' }),
      }),
    ),
    requestId: Type.String(),
  }),
});
