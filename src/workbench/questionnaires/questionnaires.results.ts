import type { Question, QuestionnaireDefinition } from '../../exchange/contracts/index.ts';
import { isChoice } from '../../shared/questionnaires/questionnaire.rules.ts';
import type { QuestionnaireResponseRow } from './questionnaires.tables.ts';

// The results of one version of a questionnaire, worked out from its responses: for a choice question the
// count and share of those who answered it per option, for a scale the count per point and the average, for a
// free-text question the answers themselves. A question hidden by its condition counts only where shown.

export interface OptionResult {
  id: string;
  label: { zh: string; en: string };
  count: number;
  /** Share of the people who answered the question, 0–100, one decimal; null when nobody did. */
  percent: number | null;
}

export interface QuestionResult {
  question: Question;
  answered: number;
  options: OptionResult[];
  average: number | null;
  texts: string[];
}

const share = (count: number, of: number) => (of === 0 ? null : Math.round((count * 1000) / of) / 10);

export function resultsOf(
  def: QuestionnaireDefinition,
  responses: readonly QuestionnaireResponseRow[],
): QuestionResult[] {
  return def.questions.map((question) => {
    const given = responses.flatMap((r) => r.answers.filter((a) => a.question === question.id));
    const answered = given.length;
    if (isChoice(question)) {
      const options = question.options.map((o) => {
        const count = given.filter((a) => a.choices.includes(o.id)).length;
        return { id: o.id, label: o.label, count, percent: share(count, answered) };
      });
      return { question, answered, options, average: null, texts: [] };
    }
    if (question.kind === 'scale') {
      const points = given.map((a) => a.scale).filter((s): s is number => s !== null);
      const options = [1, 2, 3, 4, 5].map((p) => {
        const count = points.filter((s) => s === p).length;
        return {
          id: String(p),
          label: { zh: `${String(p)} 分`, en: String(p) },
          count,
          percent: share(count, answered),
        };
      });
      const average = points.length
        ? Math.round((points.reduce((a, b) => a + b, 0) * 100) / points.length) / 100
        : null;
      return { question, answered, options, average, texts: [] };
    }
    const texts = given.map((a) => a.text).filter((t): t is string => t !== null);
    return { question, answered, options: [], average: null, texts };
  });
}

/** One response as a spreadsheet row: each question's answer in words (options by their Chinese label). */
export function responseCells(def: QuestionnaireDefinition, response: QuestionnaireResponseRow): string[] {
  return def.questions.map((q) => {
    const a = response.answers.find((x) => x.question === q.id);
    if (!a) return '';
    if (isChoice(q)) return a.choices.map((c) => q.options.find((o) => o.id === c)?.label.zh ?? c).join('; ');
    if (q.kind === 'scale') return a.scale === null ? '' : String(a.scale);
    return a.text ?? '';
  });
}
