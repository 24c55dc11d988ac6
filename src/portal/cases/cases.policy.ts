import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

/** A case as the rules see it: who applied, for which company, and who represents that company now. */
export interface CaseRecord {
  citizenId: string;
  companyId: string | null;
  /** The company's active legal representatives (empty for a person's own case). */
  representatives: readonly string[];
}

const asCase = (record: unknown) => record as CaseRecord;

/**
 * The applicant sees and acts on his case; a company's legal representative on every case of the company
 * (an agent's only through being its applicant). Anyone else's case is as if it did not exist.
 */
function ownsOrRepresents(citizen: CurrentCitizen, record: unknown): boolean {
  if (record === undefined) return true;
  const seen = asCase(record);
  if (seen.citizenId === citizen.id) return true;
  return seen.companyId !== null && seen.representatives.includes(citizen.id);
}

export const casePolicy = definePolicy<CurrentCitizen>('cases', {
  // "我的办件", a case's page, its documents and the in-site messages.
  'cases.view': ownsOrRepresents,
  // Withdrawing before a decision, and answering a notice of missing materials: the same people.
  'cases.withdraw': ownsOrRepresents,
  'cases.supplement': ownsOrRepresents,
});
