import { definePolicy } from '../../shared/policy/registry.ts';
import { roleIn, type CompanyRecord } from '../companies/companies.policy.ts';
import type { CurrentCitizen } from '../session.ts';

/**
 * An application as the rules see it: who made it and, for a company's application, the company with the
 * people who act for it now.
 */
export interface ApplicationRecord {
  citizenId: string;
  company?: CompanyRecord | undefined;
}

const application = (record: unknown) => record as ApplicationRecord;

export const applicationPolicy = definePolicy<CurrentCitizen>('applications', {
  // Starting one: anyone signed in (the service then insists on the passed real-name check).
  'applications.apply': () => true,
  // Seeing a draft or a submitted application: the person who made it while he may still act for the company;
  // a company's legal representative also sees what its agents prepare for it.
  'applications.view': (citizen, record) => {
    if (record === undefined) return true;
    const seen = application(record);
    if (!seen.company) return seen.citizenId === citizen.id;
    const role = roleIn(seen.company, citizen.id);
    if (role === 'legal-representative') return true;
    return role !== undefined && seen.citizenId === citizen.id;
  },
  // Answering, uploading and submitting: only the person who made it, and for a company only while he still
  // acts for it; the answers and the applicant named in them are his.
  'applications.edit': (citizen, record) => {
    if (record === undefined) return true;
    const seen = application(record);
    if (seen.citizenId !== citizen.id) return false;
    return !seen.company || roleIn(seen.company, citizen.id) !== undefined;
  },
});
