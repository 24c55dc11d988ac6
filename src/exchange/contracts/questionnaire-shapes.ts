// A questionnaire's shapes live with its rules in the shared kernel, which both zones and the contracts use.
export * from '../../shared/questionnaires/questionnaire.shapes.ts';
