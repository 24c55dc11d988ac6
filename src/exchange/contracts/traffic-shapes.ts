import Type from 'typebox';

// Shapes shared by the traffic contracts: a plate as issued in the demo city (province character, issuing
// letter, five or six characters), an offence as the enforcement record names it, a violation as the owner
// may see it.

export const Plate = Type.String({ pattern: '^[\\u4e00-\\u9fa5][A-Z][A-HJ-NP-Z0-9]{5,6}$', maxLength: 16 });

export const violationStates = ['unhandled', 'decision-accepted', 'paid'] as const;
export type ViolationState = (typeof violationStates)[number];

export const TrafficWords = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);

export const TrafficViolation = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    plate: Plate,
    occurredAt: Type.String({ format: 'date-time' }),
    place: Type.String({ minLength: 1, maxLength: 200 }),
    offenceCode: Type.String({ pattern: '^[0-9]{4,5}$', maxLength: 5 }),
    offence: TrafficWords,
    points: Type.Integer({ minimum: 0, maximum: 12 }),
    fineFen: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    state: Type.Enum(violationStates),
    decisionNo: Type.Union([Type.String({ pattern: '^[A-Z0-9-]{8,40}$', maxLength: 40 }), Type.Null()]),
    // When the decision was made (the period to pay and the late-payment surcharge run from it); optional so
    // answers from before it was sent still read.
    decidedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    // The traffic police unit that recorded it: the fine is booked to it.
    unitCode: Type.String({ pattern: '^[A-Z]{2}(?:-[A-Z0-9]+)*$', maxLength: 32 }),
    // The file in the message's `photos` carrying the camera's picture, by name.
    photo: Type.String({ pattern: '^[0-9a-f-]{36}\\.png$', maxLength: 40 }),
  },
  { additionalProperties: false },
);

export const TrafficVehicle = Type.Object(
  {
    plate: Plate,
    kind: TrafficWords,
    brand: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);

/** The owner's driving licence as far as the points go: deducted in the current 12-point cycle. */
export const TrafficLicence = Type.Object(
  {
    licenceClass: Type.String({ pattern: '^[A-D][1-3]?$', maxLength: 2 }),
    pointsDeducted: Type.Integer({ minimum: 0, maximum: 99 }),
    cycleStart: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
    cycleEnd: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  },
  { additionalProperties: false },
);
