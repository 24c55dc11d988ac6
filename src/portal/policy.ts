import { PolicyRegistry } from '../shared/policy/registry.ts';
import { accountPolicy } from './accounts/accounts.policy.ts';
import { appointmentPolicy } from './appointments/appointments.policy.ts';
import { applicationPolicy } from './applications/applications.policy.ts';
import { casePolicy } from './cases/cases.policy.ts';
import { companyPolicy } from './companies/companies.policy.ts';
import { letterPolicy } from './letters/letters.policy.ts';
import { paymentPolicy } from './payments/payments.policy.ts';
import { ratingPolicy } from './ratings/ratings.policy.ts';
import type { CurrentCitizen } from './session.ts';
import { trafficPolicy } from './traffic/traffic.policy.ts';

/** Every action a citizen may be allowed, from each feature's policy. Routes and handlers ask this one. */
export const portalPolicy = new PolicyRegistry<CurrentCitizen>([
  accountPolicy,
  companyPolicy,
  applicationPolicy,
  casePolicy,
  appointmentPolicy,
  letterPolicy,
  paymentPolicy,
  ratingPolicy,
  trafficPolicy,
]);
