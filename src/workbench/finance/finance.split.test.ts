import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { feeSplitFor, isSplit, splitFen, WHOLE_BP } from './finance.split.ts';

describe('fee split in fen', () => {
  test('thirds of one yuan: 34 + 33 + 33, the extra fen to the earliest of equal remainders', () => {
    const lines = splitFen(100, [
      { unitCode: 'A', shareBp: 3334 },
      { unitCode: 'B', shareBp: 3333 },
      { unitCode: 'C', shareBp: 3333 },
    ]);
    assert.deepEqual(
      lines.map((l) => l.amountFen),
      [34, 33, 33],
    );
  });

  test('the largest remainder gets the fen left over, not the first line', () => {
    // 7 fen at 15% / 85%: 1.05 and 5.95 → 1 and 6.
    const lines = splitFen(7, [
      { unitCode: 'A', shareBp: 1500 },
      { unitCode: 'B', shareBp: 8500 },
    ]);
    assert.deepEqual(
      lines.map((l) => l.amountFen),
      [1, 6],
    );
  });

  test('no fen lost or made up, for every amount from 0 to 5,000 fen over uneven shares', () => {
    const shares = [
      { unitCode: 'A', shareBp: 1 },
      { unitCode: 'B', shareBp: 3333 },
      { unitCode: 'C', shareBp: 2917 },
      { unitCode: 'D', shareBp: 3749 },
    ];
    for (let amount = 0; amount <= 5000; amount++) {
      const lines = splitFen(amount, shares);
      assert.equal(
        lines.reduce((sum, l) => sum + l.amountFen, 0),
        amount,
        `amount ${String(amount)}`,
      );
      for (const line of lines) {
        const exact = (amount * line.shareBp) / WHOLE_BP;
        assert.ok(Math.abs(line.amountFen - exact) < 1, `${line.unitCode} of ${String(amount)}`);
      }
    }
  });

  test('refuses shares that are not a split and amounts that are not whole fen', () => {
    assert.equal(isSplit([{ unitCode: 'A', shareBp: 9999 }]), false);
    assert.equal(
      isSplit([
        { unitCode: 'A', shareBp: 5000 },
        { unitCode: 'A', shareBp: 5000 },
      ]),
      false,
    );
    assert.throws(() => splitFen(100, [{ unitCode: 'A', shareBp: 5000 }]), RangeError);
    assert.throws(() => splitFen(10.5, [{ unitCode: 'A', shareBp: WHOLE_BP }]), RangeError);
  });

  test('a catalogue fee shares with the implementing unit; an assessed one goes to the deciding unit', () => {
    assert.deepEqual(feeSplitFor({ payeeUnit: 'SF-D01-P01', catalogueUnit: 'SF-D01' }), [
      { unitCode: 'SF-D01', shareBp: 7000 },
      { unitCode: 'SF-D01-P01', shareBp: 3000 },
    ]);
    assert.deepEqual(feeSplitFor({ payeeUnit: 'SF-ZA' }), [{ unitCode: 'SF-ZA', shareBp: WHOLE_BP }]);
    assert.deepEqual(feeSplitFor({ payeeUnit: 'SF-ZA', catalogueUnit: 'SF-ZA' }), [
      { unitCode: 'SF-ZA', shareBp: WHOLE_BP },
    ]);
  });
});
