import {
  defaultApplicationsDir,
  FormVersions,
  loadApplicationForms,
  summary,
  type Answers,
  type SummarySection,
} from '../../shared/application-forms/index.ts';
import { loadCatalogItems } from '../../shared/catalog/index.ts';

// The reviewed application forms this workbench holds (catalog/applications/), read once: intake checks a
// case's form hash against them, and the case page names each answer by its question.

let forms: FormVersions | undefined;

export function heldForms(): FormVersions {
  forms ??= new FormVersions(loadApplicationForms(defaultApplicationsDir, loadCatalogItems()));
  return forms;
}

/** The question of each answer key in the form version a case was made with, in both languages. */
export function questionLabels(formId: string, version: number): Record<string, { zh: string; en: string }> {
  const form = heldForms().find(formId, version);
  const labels: Record<string, { zh: string; en: string }> = {};
  for (const page of form?.pages ?? []) for (const field of page.fields) labels[field.id] = field.label;
  return labels;
}

/** The answers as the applicant's "check your answers" showed them (options in words), when the form is held. */
export function answersSummary(
  formId: string,
  version: number,
  answers: Answers,
  lang: 'zh' | 'en',
): SummarySection[] | undefined {
  try {
    const form = heldForms().find(formId, version);
    return form ? summary(form, answers, lang) : undefined;
  } catch {
    // A form the workbench no longer holds: the page falls back to the answers as they were sent.
    return undefined;
  }
}
