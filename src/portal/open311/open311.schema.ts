import Type from 'typebox';

// The inputs of the Open311 routes. Every parameter is an optional bounded string: what is missing or wrong is
// said in the spec's error format by the handler, and unknown parameters are dropped, as the spec allows.

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

export const FormatParams = Type.Object({ format: Type.String({ maxLength: 4 }) });
export const ServiceParams = Type.Object({
  code: Type.String({ maxLength: 64 }),
  format: Type.String({ maxLength: 4 }),
});
export const RequestParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  format: Type.String({ maxLength: 4 }),
});
export const TokenParams = Type.Object({
  token: Type.String({ maxLength: 64 }),
  format: Type.String({ maxLength: 4 }),
});

export const JurisdictionQuery = Type.Object({ jurisdiction_id: text(200) });

export const RequestsQuery = Type.Object({
  jurisdiction_id: text(200),
  service_request_id: text(2400),
  service_code: text(1000),
  start_date: text(40),
  end_date: text(40),
  status: text(20),
});

// The api_key FixMyStreet sends with its updates GET is accepted and not needed: updates are public fields.
export const UpdatesQuery = Type.Object({
  jurisdiction_id: text(200),
  api_key: text(200),
  start_date: text(40),
  end_date: text(40),
});

export const PostQuery = Type.Object({ jurisdiction_id: text(200), api_key: text(200) });

const attributeValue = Type.Union([
  Type.String({ maxLength: 1000 }),
  Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
]);

/**
 * A POST's form. The contact fields are accepted so clients that send them are not refused, and then ignored:
 * a tip through the API is anonymous. attribute[CODE] and attribute[CODE][] arrive as names of their own.
 */
export const PostBody = Type.Object(
  {
    api_key: text(200),
    jurisdiction_id: text(200),
    service_code: text(64),
    lat: text(40),
    long: text(40),
    address_string: text(400),
    address_id: text(200),
    description: text(4400),
    media_url: text(2000),
    email: text(200),
    device_id: text(200),
    account_id: text(200),
    first_name: text(200),
    last_name: text(200),
    phone: text(200),
  },
  { additionalProperties: attributeValue, maxProperties: 60 },
);
