import Type, { type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import assert from 'node:assert/strict';

// The GeoReport v2 answers as JSON Schemas, written from the spec (open311.github.io GeoReport/v2 and
// Service_Discovery, and open311/schema-validation's georeport-v2 schemas): every field the spec names, nothing
// else, so an extra field fails as surely as a missing one.

const zoned = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})$',
});
const closed = { additionalProperties: false } as const;

export const Discovery = Type.Object(
  {
    changeset: zoned,
    contact: Type.String({ minLength: 1 }),
    key_service: Type.String({ minLength: 1 }),
    endpoints: Type.Array(
      Type.Object(
        {
          specification: Type.String({ pattern: '^https?://' }),
          url: Type.String({ pattern: '^https?://' }),
          changeset: zoned,
          type: Type.Union([Type.Literal('production'), Type.Literal('test')]),
          formats: Type.Array(Type.Union([Type.Literal('text/xml'), Type.Literal('application/json')]), {
            minItems: 1,
          }),
        },
        closed,
      ),
      { minItems: 1 },
    ),
  },
  closed,
);

export const Services = Type.Array(
  Type.Object(
    {
      service_code: Type.String({ minLength: 1 }),
      service_name: Type.String({ minLength: 1 }),
      description: Type.Optional(Type.String()),
      metadata: Type.Boolean(),
      type: Type.Union([Type.Literal('realtime'), Type.Literal('batch'), Type.Literal('blackbox')]),
      keywords: Type.Optional(Type.String()),
      group: Type.Optional(Type.String()),
    },
    closed,
  ),
);

const datatypes = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;

export const ServiceDefinition = Type.Object(
  {
    service_code: Type.String({ minLength: 1 }),
    attributes: Type.Array(
      Type.Object(
        {
          variable: Type.Boolean(),
          code: Type.String({ minLength: 1 }),
          datatype: Type.Union(datatypes.map((d) => Type.Literal(d))),
          required: Type.Boolean(),
          datatype_description: Type.Optional(Type.String()),
          order: Type.Integer({ minimum: 1 }),
          description: Type.String({ minLength: 1 }),
          values: Type.Optional(
            Type.Array(Type.Object({ key: Type.String({ minLength: 1 }), name: Type.String() }, closed), {
              minItems: 1,
            }),
          ),
        },
        closed,
      ),
    ),
  },
  closed,
);

export const ServiceRequests = Type.Array(
  Type.Object(
    {
      service_request_id: Type.String({ minLength: 1 }),
      status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
      status_notes: Type.Optional(Type.String()),
      service_name: Type.Optional(Type.String()),
      service_code: Type.String({ minLength: 1 }),
      description: Type.Optional(Type.String()),
      agency_responsible: Type.Optional(Type.String()),
      service_notice: Type.Optional(Type.String()),
      requested_datetime: zoned,
      updated_datetime: Type.Optional(zoned),
      expected_datetime: Type.Optional(zoned),
      address: Type.Optional(Type.String()),
      address_id: Type.Optional(Type.String()),
      zipcode: Type.Optional(Type.String()),
      lat: Type.Optional(Type.Number()),
      long: Type.Optional(Type.Number()),
      media_url: Type.Optional(Type.String()),
    },
    closed,
  ),
);

/** A POST's answer: either the request id or a token, never both. */
export const PostAnswer = Type.Array(
  Type.Union([
    Type.Object(
      {
        service_request_id: Type.String({ minLength: 1 }),
        service_notice: Type.Optional(Type.String()),
        account_id: Type.Optional(Type.String()),
      },
      closed,
    ),
    Type.Object(
      {
        token: Type.String({ minLength: 1 }),
        service_notice: Type.Optional(Type.String()),
        account_id: Type.Optional(Type.String()),
      },
      closed,
    ),
  ]),
  { minItems: 1, maxItems: 1 },
);

export const TokenAnswer = Type.Array(
  Type.Object(
    {
      token: Type.String({ minLength: 1 }),
      service_request_id: Type.Optional(Type.String({ minLength: 1 })),
    },
    closed,
  ),
  { minItems: 1, maxItems: 1 },
);

/**
 * GET servicerequestupdates, the mySociety extension (fixmystreet.com open311-openapi, CC BY 3.0): the fields
 * its request_update names. Its status is open or closed here (the extended statuses are optional there).
 */
export const ServiceRequestUpdates = Type.Array(
  Type.Object(
    {
      update_id: Type.String({ minLength: 1 }),
      service_request_id: Type.String({ minLength: 1 }),
      status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
      updated_datetime: zoned,
      description: Type.String(),
      media_url: Type.Optional(Type.String()),
      external_status_code: Type.Optional(Type.String()),
    },
    closed,
  ),
);

export const Errors = Type.Array(
  Type.Object(
    { code: Type.Integer({ minimum: 400, maximum: 599 }), description: Type.String({ minLength: 1 }) },
    closed,
  ),
  { minItems: 1 },
);

export function assertValid(schema: TSchema, value: unknown, label = ''): void {
  const errors = [...Value.Errors(schema, value)].slice(0, 5);
  assert.deepEqual(errors, [], `${label} ${JSON.stringify(value).slice(0, 400)}`);
}
