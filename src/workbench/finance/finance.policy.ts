import { definePolicy } from '../../shared/policy/registry.ts';
import { CITY_CODE } from '../org/demo-city.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

/** A finance record as the rules see it: the path of the unit it belongs to. */
export interface FinanceRecord {
  unitPath: string;
}

/**
 * The merchant account is the bureau's, one for the whole force: its reconciliation belongs to the top unit, so
 * only a finance officer whose jurisdiction reaches the top unit opens a day or resolves its differences. Fee
 * income is read per receiving department, within reach.
 */
export const MERCHANT_ACCOUNT: FinanceRecord = { unitPath: CITY_CODE };

export const financePolicy = definePolicy<CurrentStaff>('finance', {
  'finance.read': jurisdictional('finance.read'),
  'finance.resolve': jurisdictional('finance.resolve'),
});
