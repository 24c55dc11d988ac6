import type { ServiceItem } from './item.schema.ts';

// The English a guide must carry before it goes live: every Chinese text the portal's guide page shows has its
// `…En` sibling (item.schema.ts). A law of the legal basis may carry its English name (`titleEn`, `articleEn`),
// shown beside the Chinese title, which stays the one courts and offices cite; without one the English page shows
// the Chinese title marked as Chinese, so it is not required here. The fee basis stays Chinese. Codes, phones and
// numbers need no translation.

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** The path of every English text the item lacks, e.g. `situations[0].materials[1].nameEn`. */
export function missingEnglish(item: ServiceItem): string[] {
  const missing: string[] = [];
  // Only where there is Chinese to translate: an absent optional note needs no English either.
  const need = (zh: string | undefined, en: string | undefined, path: string): void => {
    if (!blank(zh) && blank(en)) missing.push(path);
  };

  need(item.implementingUnit.name, item.implementingUnit.nameEn, 'implementingUnit.nameEn');
  const conditionsEn = item.acceptanceConditionsEn ?? [];
  item.acceptanceConditions.forEach((c, i) => need(c, conditionsEn[i], `acceptanceConditionsEn[${i}]`));
  // An English line with no Chinese beside it has lost its place; the lists must pair up one to one.
  if (conditionsEn.length > item.acceptanceConditions.length) missing.push('acceptanceConditionsEn');

  item.situations.forEach((s, i) => {
    need(s.name, s.nameEn, `situations[${i}].nameEn`);
    s.materials.forEach((m, j) => {
      need(m.name, m.nameEn, `situations[${i}].materials[${j}].nameEn`);
      need(m.note, m.noteEn, `situations[${i}].materials[${j}].noteEn`);
    });
  });
  item.steps.forEach((s, i) => {
    need(s.name, s.nameEn, `steps[${i}].nameEn`);
    need(s.description, s.descriptionEn, `steps[${i}].descriptionEn`);
  });
  need(item.timeLimits.note, item.timeLimits.noteEn, 'timeLimits.noteEn');
  item.fees.items.forEach((f, i) => {
    need(f.name, f.nameEn, `fees.items[${i}].nameEn`);
    need(f.note, f.noteEn, `fees.items[${i}].noteEn`);
  });
  need(item.fees.waiver, item.fees.waiverEn, 'fees.waiverEn');
  need(item.visits.reason, item.visits.reasonEn, 'visits.reasonEn');
  item.places.forEach((p, i) => {
    need(p.name, p.nameEn, `places[${i}].nameEn`);
    need(p.address, p.addressEn, `places[${i}].addressEn`);
    need(p.hours, p.hoursEn, `places[${i}].hoursEn`);
  });
  const remedies = item.reviewAndLitigation;
  need(remedies.review, remedies.reviewEn, 'reviewAndLitigation.reviewEn');
  need(remedies.litigation, remedies.litigationEn, 'reviewAndLitigation.litigationEn');
  need(item.result.name, item.result.nameEn, 'result.nameEn');
  item.faq.forEach((f, i) => {
    need(f.q, f.qEn, `faq[${i}].qEn`);
    need(f.a, f.aEn, `faq[${i}].aEn`);
  });
  return missing;
}
