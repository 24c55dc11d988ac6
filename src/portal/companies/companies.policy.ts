import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentCitizen } from '../session.ts';

export type CompanyRole = 'legal-representative' | 'agent';

/** A company, or a claim to one, as the rules see it: its state, who claimed it, who acts for it now. */
export interface CompanyRecord {
  status: 'pending' | 'active' | 'refused';
  createdBy: string;
  /** The people whose right to act for it is in force. */
  members: readonly { citizenId: string; role: CompanyRole }[];
}

/** An invitation to act for a company, as the rules see it: it is addressed to a mobile number. */
export interface InvitationRecord {
  mobile: string;
}

/** Where a person stands in a company: only an active company gives anyone the right to act for it. */
export function roleIn(company: CompanyRecord, citizenId: string): CompanyRole | undefined {
  if (company.status !== 'active') return undefined;
  return company.members.find((member) => member.citizenId === citizenId)?.role;
}

const company = (record: unknown) => record as CompanyRecord;

export const companyPolicy = definePolicy<CurrentCitizen>('company', {
  // Claiming a company: any citizen signed in (the service then insists on his passed real-name check).
  'company.claim': () => true,
  // A company's page: the company he acts for, or his own claim while it waits or after it was refused.
  'company.view': (citizen, record) => {
    if (record === undefined) return true;
    const seen = company(record);
    if (roleIn(seen, citizen.id)) return true;
    return seen.status !== 'active' && seen.createdBy === citizen.id;
  },
  // Inviting and removing agents: the legal representative only.
  'company.manage': (citizen, record) =>
    record === undefined || roleIn(company(record), citizen.id) === 'legal-representative',
  // Leaving: anyone who acts for the company (the service explains why a legal representative cannot).
  'company.leave': (citizen, record) =>
    record === undefined || roleIn(company(record), citizen.id) !== undefined,
  // Accepting or declining an invitation: only the holder of the number it was sent to.
  'company.answerInvitation': (citizen, record) =>
    record === undefined || (record as InvitationRecord).mobile === citizen.mobile,
});
