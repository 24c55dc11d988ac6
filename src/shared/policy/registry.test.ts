import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definePolicy, PolicyRegistry } from './registry.ts';

interface Person {
  id: string;
  clerk: boolean;
}

const letters = definePolicy<Person>('letters', {
  'letters.read': (person, record) =>
    record === undefined ? true : (record as { writer: string }).writer === person.id || person.clerk,
  'letters.answer': (person) => person.clerk,
});

describe('policy registry', () => {
  const registry = new PolicyRegistry([letters]);
  const writer = { id: 'a', clerk: false };
  const clerk = { id: 'b', clerk: true };

  test('asks the feature’s rule, with and without a record', () => {
    assert.equal(registry.can(writer, 'letters.read'), true);
    assert.equal(registry.can(writer, 'letters.read', { writer: 'a' }), true);
    assert.equal(registry.can(writer, 'letters.read', { writer: 'c' }), false);
    assert.equal(registry.can(clerk, 'letters.read', { writer: 'c' }), true);
    assert.equal(registry.can(writer, 'letters.answer'), false);
  });

  test('nobody signed in may do nothing', () => {
    assert.equal(registry.can(undefined, 'letters.read'), false);
  });

  test('an unknown action is a programming error, not a no', () => {
    assert.throws(() => registry.can(writer, 'letters.delete'), /unknown action letters.delete/);
    assert.equal(registry.has('letters.delete'), false);
    assert.deepEqual(registry.actions(), ['letters.answer', 'letters.read']);
  });

  test('an action is defined once, under its feature’s name', () => {
    assert.throws(() => new PolicyRegistry([letters, letters]), /defined twice/);
    assert.throws(() => definePolicy<Person>('letters', { 'cases.read': () => true }), /not named letters/);
  });
});
