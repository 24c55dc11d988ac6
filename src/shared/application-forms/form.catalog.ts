import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceItem } from '../catalog/item.schema.ts';
import { FormDefinitionError, formProblems, itemMaterials } from './form.load.ts';
import type { FormDefinition } from './form.schema.ts';

// The reviewed form files, one per catalogue item: catalog/applications/<item-slug>.json. Anchored to this
// file rather than the working directory, like the catalogue's own loader.
export const defaultApplicationsDir = fileURLToPath(
  new URL('../../../catalog/applications/', import.meta.url),
);

/**
 * Reads every form file in `dir` and checks it against its catalogue item: the file is named after the item,
 * the item names the form (`onlineForm`) and takes applications online, the applicant is of the item's
 * audience, and uploads and checkedByPolice name the item's materials. Throws on the first bad file with all
 * of its problems; returns the forms by id.
 */
export function loadApplicationForms(
  dir: string = defaultApplicationsDir,
  items: readonly ServiceItem[],
): FormDefinition[] {
  const root = resolve(dir);
  const byId = new Map(items.map((item) => [item.id, item]));
  const forms: FormDefinition[] = [];

  const files = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(root, e.name))
    .sort();
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new FormDefinitionError(shown, [`not valid JSON (${(err as Error).message})`]);
    }
    const slug = basename(file, '.json');
    const item = byId.get(slug);
    if (!item) throw new FormDefinitionError(shown, [`no catalogue item "${slug}" for this form`]);
    const problems = formProblems(data, itemMaterials(item));
    if (problems.length === 0) {
      const form = data as FormDefinition;
      if (form.id !== slug) problems.push(`/id: "${form.id}" does not match the file name`);
      if (item.onlineForm !== slug) {
        problems.push(
          `the item "${slug}" does not name this form (onlineForm is ${item.onlineForm ?? 'not set'})`,
        );
      }
      if (!item.onlineDepth.levels.includes('online-submission')) {
        problems.push(`the item "${slug}" does not take applications online (no online-submission)`);
      }
      if (item.audience !== 'both' && item.audience !== form.applicant) {
        problems.push(`/applicant: "${form.applicant}" but the item is for "${item.audience}"`);
      }
    }
    if (problems.length > 0) throw new FormDefinitionError(shown, problems);
    forms.push(data as FormDefinition);
  }

  const loaded = new Set(forms.map((f) => f.id));
  for (const item of items) {
    if (item.onlineForm !== undefined && !loaded.has(item.onlineForm)) {
      throw new FormDefinitionError(relative(process.cwd(), join(root, `${item.onlineForm}.json`)), [
        `the item "${item.id}" names this form, which does not exist`,
      ]);
    }
  }
  return forms;
}
