import Type, { type TSchema } from 'typebox';
import { fieldMaxLength, formFields, listFields, MAX_LIST_ENTRIES } from './catalog-authoring.fields.ts';
import { MAX_NAME, MAX_TITLE } from './catalog-authoring.documents.ts';
import { GROUP_FIELD_MAX, GROUP_FIELD_NAME } from './catalog-authoring.groups.ts';
import { MAX_COMMENT, MAX_REASON } from './catalog-authoring.review.ts';

// What the catalogue's routes accept, declared for the route kernel. Fields a form always posts but whose
// absence the service explains better (an empty id, a missing comment) are optional here: the service's own
// words say what to fill in. Unknown fields are dropped, not refused.

/** The form token; checked by the CSRF hook after validation, so a missing one answers 403, not 422. */
const csrf = Type.Optional(Type.String({ maxLength: 128 }));
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const strict = { additionalProperties: false } as const;

/** An item id as it may appear in an address; its form is checked by the service, which answers 404. */
export const ItemParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, strict);

export const VersionParams = Type.Object(
  { id: Type.String({ maxLength: 64 }), version: Type.String({ maxLength: 6 }) },
  strict,
);

export const ListQuery = Type.Object(
  {
    // The search is cut to 50 characters; a longer paste searches for its beginning rather than failing.
    q: text(100),
    // An unknown area or state is ignored, as the list's own form also sends an empty one for "all".
    area: text(32),
    status: text(16),
    page: text(12),
  },
  strict,
);

export const NewItemBody = Type.Object(
  {
    _csrf: csrf,
    id: text(64),
    nameZh: text(fieldMaxLength.nameZh),
    nameEn: text(fieldMaxLength.nameEn),
    area: text(fieldMaxLength.area),
    unitCode: text(fieldMaxLength.unitCode),
  },
  strict,
);

const editorFields: Record<string, TSchema> = {};
for (const field of formFields) {
  const limit = Type.String({ maxLength: fieldMaxLength[field] });
  // A checkbox group posts its field once per ticked box; one tick arrives as a single value.
  editorFields[field] = Type.Optional(
    listFields.includes(field) ? Type.Array(limit, { maxItems: MAX_LIST_ENTRIES }) : limit,
  );
}

/**
 * The editor's form: every field of catalog-authoring.fields.ts with its limit, the version it was opened on
 * and which button was pressed. The live check posts the same fields.
 */
export const EditorBody = Type.Object(
  {
    ...editorFields,
    _csrf: csrf,
    baseVersion: text(8),
    action: Type.Optional(Type.Enum(['save', 'submit'])),
    // The repeatable parts' field groups (catalog-authoring.groups.ts): the marker, a list button, the fields.
    groups: Type.Optional(Type.Literal('1')),
    groupOp: text(80),
  },
  {
    ...strict,
    patternProperties: { [GROUP_FIELD_NAME]: Type.String({ maxLength: GROUP_FIELD_MAX }) },
  },
);

/** The version a decision is about, as the item page's hidden field posts it. */
const decidedVersion = Type.String({ pattern: '^[0-9]{1,6}$' });

export const PublishBody = Type.Object({ _csrf: csrf, version: decidedVersion }, strict);

export const ReturnBody = Type.Object(
  { _csrf: csrf, version: decidedVersion, comment: text(MAX_COMMENT) },
  strict,
);

export const WithdrawBody = Type.Object({ _csrf: csrf, reason: text(MAX_REASON) }, strict);

export const DocumentParams = Type.Object(
  { folder: Type.String({ maxLength: 16 }), name: Type.String({ maxLength: 110 }) },
  strict,
);

/**
 * The text fields of an upload. Multipart fields are read by the handler, not by the route's validation, so
 * the handler holds them to this schema itself (see shared/http/multipart-fields.ts).
 */
export const UploadFields = Type.Object(
  {
    _csrf: csrf,
    folder: text(16),
    name: text(MAX_NAME),
    title: text(MAX_TITLE),
  },
  strict,
);
