import Type, { type Static } from 'typebox';

/**
 * The reviewable source of a blank form or a sample (`catalog/forms/<name>.json`, `catalog/samples/<name>.json`).
 * The PDF beside it is rendered from this source (`npm run catalog:documents`), so a reviewer reads and diffs the
 * wording, and the test suite checks that every PDF was rendered from the source as it now stands.
 */
const Line = Type.String({ minLength: 1, maxLength: 400 });

export const DocumentField = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 40 }),
    // Filled in on samples; left out on blank forms, where the box stays empty for the applicant.
    value: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    // Tick boxes printed as "□ a  □ b"; on a sample the chosen one is printed "■".
    options: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { minItems: 2, maxItems: 10 }),
    ),
    // A field that takes the whole row (addresses, reasons) instead of half of it.
    wide: Type.Optional(Type.Boolean()),
    // Height of an empty box in text lines, for reasons and statements written by hand.
    lines: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  },
  { additionalProperties: false },
);

export const DocumentSection = Type.Object(
  {
    heading: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    fields: Type.Array(DocumentField, { minItems: 1, maxItems: 40 }),
  },
  { additionalProperties: false },
);

export const CatalogDocumentSource = Type.Object(
  {
    kind: Type.Union([Type.Literal('form'), Type.Literal('sample')]),
    // Printed at the top and used as the link text on the guide page.
    title: Type.String({ minLength: 2, maxLength: 60 }),
    // The unit whose form or certificate this is, printed above the title.
    issuer: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    // Paragraphs before the fields: whom the form is for, the wording of a certificate.
    intro: Type.Optional(Type.Array(Line, { maxItems: 10 })),
    sections: Type.Array(DocumentSection, { minItems: 1, maxItems: 12 }),
    // Paragraphs after the fields, before the declaration.
    body: Type.Optional(Type.Array(Line, { maxItems: 10 })),
    // What the applicant promises by signing.
    declaration: Type.Optional(Line),
    // Signature and date lines, e.g. "申请人（签名）", "日期".
    signatures: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 6 })),
    // Text around the red round seal drawn on samples, e.g. "示范市公安局出入境管理支队".
    seal: Type.Optional(Type.String({ minLength: 2, maxLength: 30 })),
    // 填表说明: how to fill the form in, printed in smaller type at the end.
    notes: Type.Optional(Type.Array(Line, { maxItems: 12 })),
  },
  { additionalProperties: false },
);
export type CatalogDocumentSource = Static<typeof CatalogDocumentSource>;
