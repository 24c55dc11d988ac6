// The fee income split (分成): a fee names the departments that receive it and each one's share, in basis
// points (1/10,000) adding up to 10,000. Applied to an amount in fen, the lines add up to the amount exactly:
// each unit gets the floor of its share and the fen left over go, one each, to the largest remainders (ties to
// the earlier line), so no fen is lost or made up by rounding.

export interface Share {
  unitCode: string;
  shareBp: number;
}

export const WHOLE_BP = 10_000;

/** Whether the shares are a split at all: positive whole basis points, distinct units, adding up to 10,000. */
export function isSplit(shares: readonly Share[]): boolean {
  const units = new Set(shares.map((s) => s.unitCode));
  return (
    shares.length > 0 &&
    units.size === shares.length &&
    shares.every((s) => Number.isSafeInteger(s.shareBp) && s.shareBp > 0) &&
    shares.reduce((sum, s) => sum + s.shareBp, 0) === WHOLE_BP
  );
}

/** The amount in fen divided by the shares; the lines sum to `amountFen` exactly. */
export function splitFen(amountFen: number, shares: readonly Share[]): (Share & { amountFen: number })[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError('amount must be whole fen');
  if (!isSplit(shares)) throw new RangeError('shares must be distinct units adding up to 10,000 bp');
  const lines = shares.map((s, i) => {
    const exact = amountFen * s.shareBp;
    return { ...s, amountFen: Math.floor(exact / WHOLE_BP), remainder: exact % WHOLE_BP, i };
  });
  let left = amountFen - lines.reduce((sum, l) => sum + l.amountFen, 0);
  const byRemainder = [...lines].sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const line of byRemainder) {
    if (left === 0) break;
    line.amountFen++;
    left--;
  }
  return lines.map(({ unitCode, shareBp, amountFen: fen }) => ({ unitCode, shareBp, amountFen: fen }));
}

/**
 * The demo bureau's rule for who receives a fee (fictional figures, as the rest of the demo city): a fee the
 * catalogue fixes pays for a document the item's implementing unit makes, so that unit receives the production
 * share and the unit that decided the case keeps the rest; a fee the officer assessed, or one whose
 * implementing unit decided the case itself, goes wholly to the deciding unit.
 */
export const PRODUCTION_SHARE_BP = 7_000;

export function feeSplitFor(fee: {
  payeeUnit: string;
  /** The item's implementing unit, when the fee is the catalogue's fixed fee. */
  catalogueUnit?: string | undefined;
}): Share[] {
  if (!fee.catalogueUnit || fee.catalogueUnit === fee.payeeUnit)
    return [{ unitCode: fee.payeeUnit, shareBp: WHOLE_BP }];
  return [
    { unitCode: fee.catalogueUnit, shareBp: PRODUCTION_SHARE_BP },
    { unitCode: fee.payeeUnit, shareBp: WHOLE_BP - PRODUCTION_SHARE_BP },
  ];
}
