import type { ServiceItem } from '../catalog/item.schema.ts';
import { resolveDateBound } from './form.dates.ts';
import {
  profileKeys,
  type Condition,
  type FieldType,
  type FormDefinition,
  type FormField,
  type ProfileKey,
  type Question,
} from './form.schema.ts';
import { schemaProblems } from './form.schema-problems.ts';

// A form definition is checked whole when it is loaded, and refused with every problem at once, each at its
// JSON pointer: a reviewer fixes a definition in one pass only if told about all of it.

/** How often the item's situations leave a material to the police to look up. */
export type PoliceFetch = 'always' | 'sometimes' | 'never';
export interface ItemMaterial {
  name: string;
  policeFetch: PoliceFetch;
}
/** The item's materials by code (Material.code); what a form's uploads and checkedByPolice may name. */
export type ItemMaterials = ReadonlyMap<string, ItemMaterial>;

export function itemMaterials(item: ServiceItem): ItemMaterials {
  const found = new Map<string, { name: string; fetched: number; asked: number }>();
  for (const situation of item.situations) {
    for (const material of situation.materials) {
      if (material.code === undefined) continue;
      const entry = found.get(material.code) ?? { name: material.name, fetched: 0, asked: 0 };
      if (material.policeCanFetch) entry.fetched++;
      else entry.asked++;
      found.set(material.code, entry);
    }
  }
  const out = new Map<string, ItemMaterial>();
  for (const [code, { name, fetched, asked }] of found) {
    out.set(code, { name, policeFetch: asked === 0 ? 'always' : fetched === 0 ? 'never' : 'sometimes' });
  }
  return out;
}

/** Which questions each profile key may fill, and for choices the values it fills in. */
export const prefillTargets: Record<
  ProfileKey,
  { types: readonly FieldType[]; values?: readonly string[]; company?: boolean }
> = {
  name: { types: ['text'] },
  idNumber: { types: ['id-number'] },
  sex: { types: ['choice'], values: ['male', 'female'] },
  birthDate: { types: ['date'] },
  mobile: { types: ['mobile'] },
  email: { types: ['text'] },
  address: { types: ['text', 'division-and-address'] },
  companyName: { types: ['text'], company: true },
  companyCreditCode: { types: ['credit-code'], company: true },
  companyRole: { types: ['choice'], values: ['legal-representative', 'agent'], company: true },
};

export class FormDefinitionError extends Error {
  override readonly name = 'FormDefinitionError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
  }
}

/** The definition, checked; throws FormDefinitionError naming `source` and every problem. */
export function loadFormDefinition(
  data: unknown,
  materials: ItemMaterials,
  source = 'form definition',
): FormDefinition {
  const problems = formProblems(data, materials);
  if (problems.length > 0) throw new FormDefinitionError(source, problems);
  return data as FormDefinition;
}

/** Every problem of a definition; an empty list means it may be used. */
export function formProblems(data: unknown, materials: ItemMaterials): string[] {
  const schema = schemaProblems(data);
  if (schema.length > 0) return schema;
  const form = data as FormDefinition;
  const problems: string[] = [];
  const report = (path: string, message: string): void => void problems.push(`${path}: ${message}`);

  // Where each question is, for conditions: top-level questions only, since a group's inner questions repeat.
  const located = new Map<string, { page: number; index: number; path: string; field: FormField }>();
  const inGroups = new Map<string, string>();
  const pageIds = new Map<string, string>();
  const asked = new Map<string, string>();

  form.pages.forEach((page, p) =>
    page.fields.forEach((field, f) => {
      const path = `/pages/${p}/fields/${f}`;
      const earlier = located.get(field.id);
      if (earlier) report(`${path}/id`, `"${field.id}" is also the id of ${earlier.path}`);
      else located.set(field.id, { page: p, index: f, path, field });
      if (field.type === 'group') for (const member of field.fields) inGroups.set(member.id, field.id);
    }),
  );

  form.pages.forEach((page, p) => {
    const pagePath = `/pages/${p}`;
    const earlierPage = pageIds.get(page.id);
    if (earlierPage) report(`${pagePath}/id`, `page "${page.id}" is also ${earlierPage}`);
    pageIds.set(page.id, pagePath);
    if (page.fields.length === 0) report(`${pagePath}/fields`, `page "${page.id}" asks no question`);
    if (page.showIf) checkCondition(page.showIf, `${pagePath}/showIf`, { page: p, index: -1 });

    page.fields.forEach((field, f) => {
      const path = `${pagePath}/fields/${f}`;
      if (field.showIf) checkCondition(field.showIf, `${path}/showIf`, { page: p, index: f });
      checkQuestion(field, path);
      if (field.prefill !== undefined) checkPrefill(field, field.prefill, `${path}/prefill`);
      if (field.type === 'group') {
        if (field.minItems > field.maxItems) {
          report(`${path}/minItems`, `minItems ${field.minItems} is more than maxItems ${field.maxItems}`);
        }
        const memberIds = new Set<string>();
        field.fields.forEach((member, m) => {
          const memberPath = `${path}/fields/${m}`;
          if (memberIds.has(member.id)) report(`${memberPath}/id`, `"${member.id}" is twice in this group`);
          memberIds.add(member.id);
          checkQuestion(member, memberPath);
        });
      }
      if (field.type === 'upload') checkUpload(field.material, `${path}/material`);
    });
  });

  form.checkedByPolice.forEach((code, c) => {
    const path = `/checkedByPolice/${c}`;
    const material = materials.get(code);
    if (!material) report(path, `"${code}" is not a material of the item (${known(materials.keys())})`);
    else if (material.policeFetch === 'never') {
      report(path, `the item never lets the police look up "${code}" (${material.name}) themselves`);
    }
    const upload = asked.get(code);
    if (upload) report(path, `"${code}" is asked for by ${upload} and marked checked by the police`);
  });

  function checkUpload(code: string, path: string): void {
    const material = materials.get(code);
    if (!material) {
      report(path, `"${code}" is not a material of the item (${known(materials.keys())})`);
    } else if (material.policeFetch === 'always') {
      report(
        path,
        `the item says the police look up "${code}" (${material.name}) themselves; it must not be asked for (国务院令716号 Art. 7)`,
      );
    }
    asked.set(code, path.replace(/\/material$/, ''));
  }

  function checkQuestion(field: Question, path: string): void {
    switch (field.type) {
      case 'text':
        if (field.minLength !== undefined && field.minLength > field.maxLength) {
          report(
            `${path}/minLength`,
            `minLength ${field.minLength} is more than maxLength ${field.maxLength}`,
          );
        }
        if (field.pattern !== undefined) {
          try {
            new RegExp(field.pattern, 'u');
          } catch (err) {
            report(`${path}/pattern`, `not a regular expression (${(err as Error).message})`);
          }
          if (!field.patternError) report(path, 'a pattern needs its patternError words');
        } else if (field.patternError) report(`${path}/patternError`, 'patternError without a pattern');
        return;
      case 'choice': {
        const values = new Set<string>();
        field.options.forEach((option, o) => {
          if (values.has(option.value)) report(`${path}/options/${o}/value`, `"${option.value}" is twice`);
          values.add(option.value);
        });
        return;
      }
      case 'date':
        checkDateBounds(field.min, field.max, path);
        return;
      default:
        return;
    }
  }

  function checkDateBounds(min: string | undefined, max: string | undefined, path: string): void {
    for (const [name, bound] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (bound !== undefined && !resolveDateBound(bound, '2000-01-01')) {
        report(`${path}/${name}`, `"${bound}" is not a real date`);
      }
    }
    // Fixed against relative depends on the day; two of a kind compare the same on every day.
    if (min === undefined || max === undefined || min.startsWith('today') !== max.startsWith('today')) return;
    const reference = '2000-03-31';
    const [from, to] = [resolveDateBound(min, reference), resolveDateBound(max, reference)];
    if (from && to && from > to) report(`${path}/min`, `min "${min}" is after max "${max}"`);
  }

  function checkPrefill(field: FormField, key: string, path: string): void {
    const target = prefillTargets[key as ProfileKey];
    if (!(profileKeys as readonly string[]).includes(key) || !target) {
      report(path, `unknown profile key "${key}" (${profileKeys.join(', ')})`);
      return;
    }
    if (!target.types.includes(field.type)) {
      report(path, `"${key}" cannot fill a ${field.type} question (it fills ${target.types.join(', ')})`);
    } else if (target.values && field.type === 'choice') {
      const options = new Set(field.options.map((o) => o.value));
      const missing = target.values.filter((v) => !options.has(v));
      if (missing.length > 0)
        report(path, `"${key}" fills ${missing.join(', ')}, which are not options here`);
    }
    if (target.company && form.applicant !== 'company') {
      report(path, `"${key}" is known only when a company applies (applicant is "${form.applicant}")`);
    }
  }

  function checkCondition(condition: Condition, path: string, at: { page: number; index: number }): void {
    const kinds = (['equals', 'oneOf', 'answered'] as const).filter((k) => condition[k] !== undefined);
    if (kinds.length !== 1) {
      report(path, `give exactly one of equals, oneOf, answered (found ${kinds.join(', ') || 'none'})`);
    }
    const target = located.get(condition.field);
    const fieldPath = `${path}/field`;
    if (!target) {
      const group = inGroups.get(condition.field);
      report(
        fieldPath,
        group
          ? `"${condition.field}" is inside the group "${group}", which a condition cannot look into`
          : `no question "${condition.field}" in this form`,
      );
      return;
    }
    const later = `"${condition.field}" is asked later (${target.path}); a condition looks back only`;
    if (target.page > at.page) return report(fieldPath, later);
    if (target.page === at.page) {
      if (at.index === -1) {
        return report(
          fieldPath,
          `"${condition.field}" is on this page; a page's condition looks at earlier pages`,
        );
      }
      if (target.index === at.index) return report(fieldPath, 'a question cannot depend on itself');
      if (target.index > at.index) return report(fieldPath, later);
    }
    if (condition.equals === undefined && condition.oneOf === undefined) return;
    const field = target.field;
    if (field.type !== 'choice') {
      report(
        path,
        `"${field.id}" is a ${field.type} question; equals and oneOf compare choices (use answered)`,
      );
      return;
    }
    const options = field.options.map((o) => o.value);
    const values = condition.oneOf ?? [condition.equals as string];
    for (const value of values) {
      if (!options.includes(value)) {
        report(path, `"${value}" is not an option of "${field.id}" (${options.join(', ')})`);
      }
    }
  }

  return problems;
}

function known(codes: Iterable<string>): string {
  const list = [...codes];
  return list.length > 0 ? `it lists ${list.join(', ')}` : 'it gives its materials no codes';
}
