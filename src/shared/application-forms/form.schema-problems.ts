import Type, { type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { FormDefinition, FormPage, fieldSchemas, fieldTypes, groupMemberSchemas } from './form.schema.ts';

// Schema errors worded for the person who edits the JSON. Checked against the whole union, a wrong field
// gets one complaint per field type ("must have required properties material", "must be equal to constant"…);
// so the form is checked as a shell first, then each field against the schema of its own `type` only.

const MAX_REPORTED = 12;

const Shell = Type.Object(
  {
    ...FormDefinition.properties,
    pages: Type.Array(
      Type.Object(
        { ...FormPage.properties, fields: Type.Array(Type.Unknown(), { maxItems: 30 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 40 },
    ),
  },
  { additionalProperties: false },
);

const GroupShell = Type.Object(
  { ...fieldSchemas.group.properties, fields: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);

const memberTypes = Object.keys(groupMemberSchemas);

/** Every schema problem of a form definition as `/json/pointer: message`; none when it fits the schema. */
export function schemaProblems(data: unknown): string[] {
  if (Value.Check(FormDefinition, data)) return [];
  const lines = errorsOf(Shell, data, '');
  const pages = (data as { pages?: unknown } | null)?.pages;
  if (Array.isArray(pages)) {
    pages.forEach((page: { fields?: unknown } | null, p) => {
      if (!Array.isArray(page?.fields)) return;
      page.fields.forEach((field, f) => lines.push(...fieldProblems(field, `/pages/${p}/fields/${f}`)));
    });
  }
  return lines.length > MAX_REPORTED
    ? [...lines.slice(0, MAX_REPORTED), `… and ${lines.length - MAX_REPORTED} more`]
    : lines;
}

function fieldProblems(field: unknown, path: string): string[] {
  const type = typeOf(field);
  if (type === undefined || !(fieldTypes as string[]).includes(type)) {
    return [`${path}/type: must be one of ${fieldTypes.join(', ')}`];
  }
  if (type !== 'group') return errorsOf(fieldSchemas[type as keyof typeof fieldSchemas], field, path);
  const lines = errorsOf(GroupShell, field, path);
  if (lines.length > 0) return lines;
  (field as { fields: unknown[] }).fields.forEach((member, m) => {
    const memberPath = `${path}/fields/${m}`;
    const memberType = typeOf(member);
    const schema = memberType === undefined ? undefined : groupMemberSchemas[memberType as 'text'];
    if (schema) lines.push(...errorsOf(schema, member, memberPath));
    else lines.push(`${memberPath}/type: a question in a group must be one of ${memberTypes.join(', ')}`);
  });
  return lines;
}

function typeOf(field: unknown): string | undefined {
  const type = (field as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

function errorsOf(schema: TSchema, data: unknown, prefix: string): string[] {
  const lines: string[] = [];
  for (const error of Value.Errors(schema, data)) {
    // An unknown property is reported twice, once as "schema is false" on the property itself; the parent's
    // report names it better.
    if (error.keyword === 'boolean') continue;
    const extra = (error.params as { additionalProperties?: string[] }).additionalProperties;
    const message = extra ? `unknown property ${extra.map((f) => `"${f}"`).join(', ')}` : error.message;
    const line = `${prefix}${error.instancePath}`.replace(/^$/, '/') + `: ${message}`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}
