import assert from 'node:assert/strict';
import { test } from 'node:test';
import Type from 'typebox';
import { Value } from 'typebox/value';
import * as contracts from '../../src/exchange/contracts/index.ts';
import { checkSchema, inspectPayload, isClosed } from '../../src/exchange/envelope.ts';

// A contract whose every object refuses unnamed properties is sent as checked, without Value.Clean: what the
// check let through must then be exactly what the cleaner would have left.

const Closed = Type.Object(
  {
    a: Type.String(),
    b: Type.Optional(Type.Array(Type.Object({ c: Type.Integer() }, { additionalProperties: false }))),
    d: Type.Union([
      Type.Record(Type.String({ pattern: '^[a-z]+$' }), Type.String(), { additionalProperties: false }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

test('closed schemas are told from open ones, at any depth', () => {
  assert.equal(isClosed(Closed), true);
  assert.equal(isClosed(Type.Object({ a: Type.String() })), false, 'an open object');
  assert.equal(
    isClosed(Type.Object({ a: Type.Object({ b: Type.String() }) }, { additionalProperties: false })),
    false,
    'an open object inside a closed one',
  );
  assert.equal(
    isClosed(Type.Record(Type.String({ pattern: '^[a-z]+$' }), Type.String())),
    false,
    'an open record',
  );
  assert.equal(isClosed(Type.Object({}, { additionalProperties: false })), true);
});

test('what passes a closed schema is what the cleaner would keep', () => {
  const values = [
    { a: 'x', d: null },
    { a: 'x', b: [{ c: 1 }, { c: 2 }], d: { k: 'v' } },
  ];
  for (const value of values) {
    assert.ok(checkSchema(Closed, value));
    assert.deepEqual(Value.Clean(Closed, structuredClone(value)), value);
  }
  assert.equal(checkSchema(Closed, { a: 'x', d: null, extra: 1 }), false, 'an extra property is refused');
  assert.equal(
    checkSchema(Closed, { a: 'x', d: { K: 'v' } }),
    false,
    'a record key off its pattern is refused',
  );
});

test('the submissions are closed, and an answer key that is no field id is refused at send', () => {
  assert.equal(isClosed(contracts.letterSubmitted.schema), true);
  assert.equal(isClosed(contracts.applicationSubmitted.schema), true);
  assert.equal(isClosed(contracts.attachmentSubmitted.schema), true);
  assert.equal(checkSchema(contracts.CaseAnswers, { purpose: 'employment' }), true);
  assert.equal(checkSchema(contracts.CaseAnswers, { Purpose: 'employment' }), false);
  const refused = inspectPayload(contracts.letterSubmitted, {
    letterNumber: 'XJ-20261207-ABCDEFGH',
    extra: 1,
  });
  assert.equal(refused.ok, false);
});
