import type { Lang } from '../../shared/i18n/index.ts';
import { fieldAtPath } from './catalog-authoring.check.ts';
import { fieldLabel } from './catalog-authoring.fields.ts';
import { nestedGroups, type GroupDef } from './catalog-authoring.groups.ts';

// A place in the item (`summary.zh`, `situations[0].materials[1].copies`) in the words of the editor's form,
// for the version comparison: a reviewer reads "情形 1 · 材料 2 · 纸质份数", the labels he edits by, not paths.

const SEP = ' · ';

function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''),
  );
}

function inGroup(def: GroupDef, rest: (string | number)[], lang: Lang): string[] {
  const [index, field, ...deeper] = rest;
  if (typeof index !== 'number') return [def.title[lang]];
  const words = [`${def.entry[lang]} ${index + 1}`];
  if (typeof field !== 'string') return words;
  if (def.child && field === def.child.key) return [...words, ...inGroup(def.child, deeper, lang)];
  const known = def.fields.find((f) => f.key === field);
  return [...words, known ? known.label[lang] : field];
}

export function pathLabel(path: string, lang: Lang): string {
  const parts = segments(path);
  const group = nestedGroups.find((g) => g.key === parts[0]);
  if (group) return inGroup(group, parts.slice(1), lang).join(SEP);
  const field = fieldAtPath(path);
  if (!field) return path;
  const entry = parts.find((p): p is number => typeof p === 'number');
  const label = fieldLabel[field][lang];
  return entry === undefined
    ? label
    : `${label}${SEP}${lang === 'en' ? `entry ${entry + 1}` : `第${entry + 1}项`}`;
}
