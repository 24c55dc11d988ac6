import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoCityUnits } from '../org/demo-city.ts';
import { routeLetter, unitNamedIn, type RoutableLetter } from './letters.routing.ts';

const tree = demoCityUnits();
const byCode = new Map(tree.map((u) => [u.code, u]));
const unitOf = (code: string) => byCode.get(code);
const route = (letter: Partial<RoutableLetter>, accusedName?: string) =>
  routeLetter(
    { kind: 'complaint', topic: 'public-order', place: null, ...letter },
    accusedName ? unitNamedIn(accusedName, tree) : undefined,
    unitOf,
  );

describe('routing rules', () => {
  test('route by kind, topic and place, first match first', () => {
    assert.deepEqual(route({ kind: 'director', topic: 'traffic' }), {
      unitCode: 'SF-0000',
      rule: 'director',
    });
    assert.equal(route({ kind: 'consultation', topic: 'traffic' }).unitCode, 'SF-JJ');
    assert.equal(route({ kind: 'consultation', topic: 'household', place: '明湖区' }).unitCode, 'SF-HZ');
    assert.equal(route({ kind: 'help', topic: 'household', place: '清江区柳堤路8号' }).unitCode, 'SF-D02');
    assert.equal(route({ kind: 'tip', topic: 'fire', place: '明湖区' }).unitCode, 'SF-XF');
    assert.equal(route({ kind: 'suggestion', topic: 'other' }).unitCode, 'SF-ZA');
    assert.equal(route({ topic: 'police-conduct' }).unitCode, 'SF-DC');
  });

  test('the unit a writer names is matched by its name, the longest name winning', () => {
    assert.equal(unitNamedIn('湖滨派出所的民警态度很差', tree)?.code, 'SF-D01-P01');
    assert.equal(unitNamedIn('示范市公安局明湖分局', tree)?.code, 'SF-D01');
    assert.equal(unitNamedIn('不知道是哪个单位', tree), undefined);
    assert.equal(unitNamedIn(null, tree), undefined);
  });
});

describe('a letter about a unit never goes to that unit or below it', () => {
  test('a rule naming the accused unit is passed over for the unit above it', () => {
    // About the inspection division itself: not to it, but to the bureau that supervises it.
    assert.deepEqual(route({ topic: 'police-conduct' }, '督察支队'), {
      unitCode: 'SF-0000',
      rule: 'above-accused',
    });
    // About a sub-bureau, in its own district: not to the sub-bureau (nor its stations).
    assert.deepEqual(route({ place: '明湖区湖滨路' }, '明湖分局'), {
      unitCode: 'SF-0000',
      rule: 'above-accused',
    });
  });

  test('a rule naming a unit outside the accused one still applies', () => {
    // About a station, in its district: the sub-bureau above the station handles it.
    assert.equal(route({ place: '明湖区湖滨路' }, '湖滨派出所').unitCode, 'SF-D01');
    assert.equal(route({ topic: 'police-conduct' }, '湖滨派出所').unitCode, 'SF-DC');
  });

  test('whatever the rules say, the answer is never within the accused unit', () => {
    const kinds = ['director', 'complaint', 'tip'] as const;
    const topics = ['traffic', 'household', 'police-conduct', 'other', 'fire'] as const;
    const places = [null, '明湖区', '清江区', '高新区'];
    for (const accused of ['SF-0000', 'SF-D01', 'SF-D01-P01', 'SF-JJ', 'SF-DC', 'SF-HZ', 'SF-XF']) {
      const unit = unitOf(accused)!;
      for (const kind of kinds)
        for (const topic of topics)
          for (const place of places) {
            const got = routeLetter({ kind, topic, place }, unit, unitOf);
            const path = got.unitCode ? unitOf(got.unitCode)!.path : null;
            const label = `${accused} ${kind} ${topic} ${place}`;
            if (accused === 'SF-0000') assert.equal(got.unitCode, null, label);
            else assert.ok(path && path !== unit.path && !path.startsWith(`${unit.path}/`), label);
          }
    }
  });
});
