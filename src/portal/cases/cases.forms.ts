import {
  FormVersions,
  loadApplicationForms,
  summary,
  type Answers,
  type FormDefinition,
  type SummarySection,
  type UploadField,
} from '../../shared/application-forms/index.ts';
import { loadCatalogItems } from '../../shared/catalog/index.ts';

// The form versions the portal's cases were made with, read once from the reviewed files. A case whose
// version is no longer among them shows no answers summary rather than one read through another version.

let loaded: FormVersions | undefined;

function forms(): FormVersions {
  loaded ??= new FormVersions(loadApplicationForms(undefined, loadCatalogItems()));
  return loaded;
}

/** The form version an application kept, when the portal still holds it. */
export function formOf(id: string, version: number): FormDefinition | undefined {
  try {
    return forms().find(id, version);
  } catch {
    // A catalogue that no longer loads is the catalogue's own failure, reported where it is loaded.
    return undefined;
  }
}

/** "Check your answers" of the version the application kept, in the reader's language. */
export function answersSummary(
  form: FormDefinition | undefined,
  answers: Answers,
  lang: 'zh' | 'en',
): SummarySection[] | undefined {
  return form ? summary(form, answers, lang) : undefined;
}

/** The upload question of the form that asks for a material, if the form asks for it at all. */
export function uploadFor(form: FormDefinition | undefined, material: string): UploadField | undefined {
  for (const page of form?.pages ?? [])
    for (const field of page.fields) if (field.type === 'upload' && field.material === material) return field;
  return undefined;
}
