import Type from 'typebox';
import { columns } from '../../shared/content/content.columns.ts';
import { LIMITS } from './content.check.ts';

// What the content routes accept. Fields whose absence the service explains better are optional here.

const csrf = Type.Optional(Type.String({ maxLength: 128 }));
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const strict = { additionalProperties: false } as const;

/** An article id as it may appear in an address; anything else names no article (404). */
export const ArticleParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,8}$', maxLength: 9 }) },
  strict,
);
export const VersionParams = Type.Object(
  {
    id: Type.String({ pattern: '^[1-9][0-9]{0,8}$', maxLength: 9 }),
    version: Type.String({ pattern: '^[1-9][0-9]{0,5}$', maxLength: 6 }),
  },
  strict,
);

/** The editor page's address after a picture was placed without scripts: the unsaved form it shows. */
export const ArticleQuery = Type.Object({
  draft: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
});

export const ListQuery = Type.Object({ status: text(16), page: text(12) }, strict);

/** Every column's own fields, by name; a field another column does not have is ignored by the service. */
const columnFields: Record<string, ReturnType<typeof text>> = Object.fromEntries(
  columns
    .flatMap((c) => c.fields)
    .flatMap((f) => [
      [f.name, text(f.maxLength)] as const,
      // A picture field's typed address, beside its choice of uploaded pictures.
      ...(f.type === 'image' ? [[`${f.name}Address`, text(f.maxLength)] as const] : []),
    ]),
);

const articleFields = {
  title: text(LIMITS.title),
  summary: text(LIMITS.summary),
  body: text(LIMITS.body),
  titleEn: text(LIMITS.titleEn),
  summaryEn: text(LIMITS.summaryEn),
  bodyEn: text(LIMITS.body),
  withdrawAt: text(16),
  ...columnFields,
};

export const NewArticleBody = Type.Object(
  { _csrf: csrf, column: text(40), unitCode: text(32), ...articleFields },
  strict,
);

/** An uploaded picture's name, as its address ends. */
export const IMAGE_NAME = '^[0-9a-f]{32}\\.(?:png|jpg)$';

/**
 * The editor's form. The picture controls sit in it, so that an upload or an insert (their own submit buttons)
 * brings back everything typed; a save posts them too (the file input as its name) and they are ignored.
 */
export const SaveBody = Type.Object(
  {
    _csrf: csrf,
    baseVersion: Type.String({ pattern: '^[0-9]{1,6}$', maxLength: 6 }),
    action: text(10),
    hitsForApprover: text(3),
    ...articleFields,
    uploadAlt: text(400),
    upload: text(400),
    // The insert button of one uploaded picture: the form is kept with its line placed (a redirect shows it),
    // nothing saved to the article.
    insert: Type.Optional(Type.String({ pattern: IMAGE_NAME, maxLength: 40 })),
  },
  strict,
);

/** The same form posted as multipart by its upload button; the alternative text is checked by the service. */
export const UploadBody = Type.Object(
  {
    ...SaveBody.properties,
    baseVersion: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$', maxLength: 6 })),
  },
  strict,
);

export const ApproveBody = Type.Object(
  { _csrf: csrf, version: Type.String({ pattern: '^[0-9]{1,6}$', maxLength: 6 }), publishAt: text(16) },
  {
    additionalProperties: false,
    patternProperties: { '^reason_[0-9a-f]{16}$': Type.String({ maxLength: LIMITS.reason }) },
  },
);

export const ReturnBody = Type.Object(
  {
    _csrf: csrf,
    version: Type.String({ pattern: '^[0-9]{1,6}$', maxLength: 6 }),
    comment: text(LIMITS.comment),
  },
  strict,
);

export const WithdrawBody = Type.Object({ _csrf: csrf, reason: text(LIMITS.reason) }, strict);

/** The column's fields as posted, by name; a picture field's typed address wins over its chosen picture. */
export function postedFields(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of columns.flatMap((c) => c.fields)) {
    const v = body[f.name];
    if (typeof v === 'string') out[f.name] = v;
    const typed = f.type === 'image' ? body[`${f.name}Address`] : undefined;
    if (typeof typed === 'string' && typed.trim()) out[f.name] = typed.trim();
  }
  return out;
}
