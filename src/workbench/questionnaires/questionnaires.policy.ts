import { definePolicy } from '../../shared/policy/registry.ts';
import type { CurrentStaff } from '../session.ts';
import { jurisdictional } from '../staff/staff.policy.ts';

/** A questionnaire as the rules see it: the path of the unit that owns it. One out of reach answers as missing. */
export interface QuestionnaireRecord {
  unitPath: string;
}

export const questionnairesPolicy = definePolicy<CurrentStaff>('questionnaires', {
  'questionnaires.manage': jurisdictional('questionnaires.manage'),
  'questionnaires.read': jurisdictional('questionnaires.read'),
});
