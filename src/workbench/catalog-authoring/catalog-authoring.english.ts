import type { Label } from '../../shared/catalog/index.ts';
import type { FormField } from './catalog-authoring.fields.ts';
import type { EditorInput } from './catalog-authoring.tables.ts';

// The guide's English texts that are form fields of their own (the repeatable parts carry theirs in their field
// groups), both ways. Each `…En` field sits beside its Chinese one; an English list (conditions, fee items) pairs
// with the Chinese list line by line.

const PART_SPLIT = /\s*[|｜]\s*/;

function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The English form fields of an item. */
export function englishToInput(item: unknown): EditorInput {
  return {
    unitNameEn: str(at(item, 'implementingUnit', 'nameEn')),
    legalBasisEn: list(at(item, 'legalBasis'))
      .map((b) => {
        const article = str(at(b, 'articleEn'));
        return article ? `${str(at(b, 'titleEn'))} | ${article}` : str(at(b, 'titleEn'));
      })
      .join('\n')
      .replace(/\n+$/, ''),
    acceptanceConditionsEn: list(at(item, 'acceptanceConditionsEn')).map(str).join('\n'),
    timeNoteEn: str(at(item, 'timeLimits', 'noteEn')),
    feeItemsEn: list(at(item, 'fees', 'items'))
      .map((f) => {
        const note = str(at(f, 'noteEn'));
        return note ? `${str(at(f, 'nameEn'))} | ${note}` : str(at(f, 'nameEn'));
      })
      .join('\n')
      // Fees with no English yet leave no trailing empty lines to trip over.
      .replace(/\n+$/, ''),
    feeBasisEn: list(at(item, 'fees', 'items'))
      .map((f) => str(at(f, 'basisEn')))
      .join('\n')
      .replace(/\n+$/, ''),
    feeWaiverEn: str(at(item, 'fees', 'waiverEn')),
    visitsReasonEn: str(at(item, 'visits', 'reasonEn')),
    reviewEn: str(at(item, 'reviewAndLitigation', 'reviewEn')),
    litigationEn: str(at(item, 'reviewAndLitigation', 'litigationEn')),
    resultNameEn: str(at(item, 'result', 'nameEn')),
  };
}

type Problem = (field: FormField, zh: string, en: string) => void;

/** Puts the English form fields into the item the Chinese fields built (undefined values are dropped later). */
export function readEnglish(input: EditorInput, item: Record<string, unknown>, problem: Problem): void {
  const text = (field: FormField): string => {
    const v = input[field];
    return typeof v === 'string' ? v.trim() : '';
  };
  const optional = (field: FormField): string | undefined => text(field) || undefined;
  const lines = (field: FormField): string[] =>
    text(field)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  // Lines that answer the Chinese lines one for one: a blank line is an item with no English yet, and only blank
  // lines at the end may go (dropping one in the middle would give every later item its neighbour's English).
  const pairedLines = (field: FormField): string[] => {
    const v = input[field];
    const all = (typeof v === 'string' ? v : '').split(/\r?\n/).map((l) => l.trim());
    while (all.length > 0 && all[all.length - 1] === '') all.pop();
    return all;
  };
  const into = (key: string, extra: Record<string, unknown>) => {
    const target = item[key];
    if (target && typeof target === 'object') Object.assign(target, extra);
  };

  into('implementingUnit', { nameEn: optional('unitNameEn') });
  const conditions = lines('acceptanceConditionsEn');
  if (conditions.length > 0) item.acceptanceConditionsEn = conditions;
  into('timeLimits', { noteEn: optional('timeNoteEn') });
  into('visits', { reasonEn: optional('visitsReasonEn') });
  into('reviewAndLitigation', { reviewEn: optional('reviewEn'), litigationEn: optional('litigationEn') });
  into('result', { nameEn: optional('resultNameEn') });

  const laws = Array.isArray(item.legalBasis) ? (item.legalBasis as Record<string, unknown>[]) : [];
  const lawLines = pairedLines('legalBasisEn');
  if (lawLines.length > laws.length) {
    const m: Label = {
      zh: `英文设定依据有${lawLines.length}行，但中文设定依据只有${laws.length}条；每行对应一条。`,
      en: `There are ${lawLines.length} English legal basis lines but ${laws.length} laws; one line per law.`,
    };
    problem('legalBasisEn', m.zh, m.en);
  }
  lawLines.slice(0, laws.length).forEach((line, i) => {
    const [title = '', ...article] = line.split(PART_SPLIT);
    const law = laws[i];
    if (!law) return;
    if (title) law.titleEn = title;
    if (article.join(' ').trim()) law.articleEn = article.join(' ').trim();
  });

  const fees = item.fees as { items?: Record<string, unknown>[]; waiverEn?: string } | undefined;
  if (!fees) return;
  fees.waiverEn = optional('feeWaiverEn');
  const feeLines = pairedLines('feeItemsEn');
  const items = fees.items ?? [];
  if (feeLines.length > items.length) {
    const m: Label = {
      zh: `英文收费项目有${feeLines.length}行，但中文收费项目只有${items.length}项；每行对应一项。`,
      en: `There are ${feeLines.length} English fee lines but ${items.length} fee items; one line per item.`,
    };
    problem('feeItemsEn', m.zh, m.en);
  }
  feeLines.slice(0, items.length).forEach((line, i) => {
    const [name = '', ...note] = line.split(PART_SPLIT);
    const fee = items[i];
    if (!fee) return;
    if (name) fee.nameEn = name;
    if (note.join(' ').trim()) fee.noteEn = note.join(' ').trim();
  });
  const basisLines = pairedLines('feeBasisEn');
  if (basisLines.length > items.length) {
    const m: Label = {
      zh: `英文收费依据有${basisLines.length}行，但中文收费项目只有${items.length}项；每行对应一项。`,
      en: `There are ${basisLines.length} English fee basis lines but ${items.length} fee items; one line per item.`,
    };
    problem('feeBasisEn', m.zh, m.en);
  }
  basisLines.slice(0, items.length).forEach((line, i) => {
    const fee = items[i];
    if (fee && line.trim()) fee.basisEn = line.trim();
  });
}
