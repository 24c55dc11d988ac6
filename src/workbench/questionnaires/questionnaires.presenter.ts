import type { QuestionResult } from './questionnaires.results.ts';
import type { QuestionnaireRow } from './questionnaires.tables.ts';

/** The results of one version as JSON: the questionnaire's public facts and each question's figures. */
export function presentResults(
  row: QuestionnaireRow,
  version: number,
  total: number,
  perDay: { day: string; count: number }[],
  results: QuestionResult[],
) {
  return {
    id: row.id,
    title: row.definition.title,
    state: row.state,
    version,
    audience: row.audience,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    responses: total,
    perDay,
    questions: results.map((r) => ({
      id: r.question.id,
      kind: r.question.kind,
      label: r.question.label,
      answered: r.answered,
      options: r.options.map((o) => ({ id: o.id, label: o.label, count: o.count, percent: o.percent })),
      average: r.average,
      texts: r.texts,
    })),
  };
}
