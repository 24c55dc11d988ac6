import { PolicyRegistry } from '../shared/policy/registry.ts';
import { appointmentsPolicy } from './appointments/appointments.policy.ts';
import { auditPolicy } from './audit/audit.policy.ts';
import { casesPolicy } from './cases/cases.policy.ts';
import { catalogPolicy } from './catalog-authoring/catalog-authoring.policy.ts';
import { contentPolicy } from './content/content.policy.ts';
import { exchangePolicy } from './exchange-monitor/exchange-monitor.policy.ts';
import { financePolicy } from './finance/finance.policy.ts';
import { holidaysPolicy } from './holidays/holidays.policy.ts';
import { homePolicy } from './home/home.policy.ts';
import { kbPolicy } from './kb/kb.policy.ts';
import { qaPolicy } from './qa/qa.policy.ts';
import { questionnairesPolicy } from './questionnaires/questionnaires.policy.ts';
import { lettersPolicy } from './letters/letters.policy.ts';
import { open311KeysPolicy } from './open311-keys/open311-keys.policy.ts';
import { orgPolicy } from './org/org.policy.ts';
import { ratingsPolicy } from './ratings/ratings.policy.ts';
import type { CurrentStaff } from './session.ts';
import { staffPolicy } from './staff/staff.policy.ts';
import { statisticsPolicy } from './statistics/statistics.policy.ts';
import { supervisionPolicy } from './supervision/supervision.policy.ts';
import { trafficPolicy } from './traffic/traffic.policy.ts';

/** Every action an officer may be allowed, from each feature's policy. Routes and handlers ask this one. */
export const workbenchPolicy = new PolicyRegistry<CurrentStaff>([
  homePolicy,
  orgPolicy,
  staffPolicy,
  auditPolicy,
  catalogPolicy,
  exchangePolicy,
  casesPolicy,
  contentPolicy,
  appointmentsPolicy,
  supervisionPolicy,
  lettersPolicy,
  statisticsPolicy,
  ratingsPolicy,
  open311KeysPolicy,
  holidaysPolicy,
  financePolicy,
  kbPolicy,
  qaPolicy,
  trafficPolicy,
  questionnairesPolicy,
]);
