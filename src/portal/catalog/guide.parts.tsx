import type { LegalBasis, ServiceItem } from '../../shared/catalog/index.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { Tr, yuan } from './catalog.view.tsx';
import { words } from './catalog.words.ts';

// Small pieces of the 办事指南 page (guide.pages.tsx): a phone link, a law of the legal basis, the fee facts.

/** On an English page, the container of Chinese item content says so (WCAG 3.1.2). */
const zhAttr = (lang: Lang) => (lang === 'en' ? 'zh-CN' : undefined);

export function Tel({ phone }: { phone: string }) {
  return (
    <a class="nowrap" href={`tel:${phone.replace(/[^0-9+]/g, '')}`}>
      {phone}
    </a>
  );
}

/**
 * One law of the legal basis: in English its English name and articles, with the Chinese title beside them as
 * the one to cite; a law with no English name yet stays Chinese, marked as such.
 */
export function LegalBasisLine({ lang, basis }: { lang: Lang; basis: LegalBasis }) {
  if (lang !== 'en' || !basis.titleEn) {
    return (
      <span lang={zhAttr(lang)}>
        {basis.title}
        {basis.article ? ` ${basis.article}` : ''}
      </span>
    );
  }
  const article = basis.articleEn ?? basis.article;
  return (
    <>
      {basis.titleEn}
      {article ? ', ' : ''}
      {article ? <Tr lang={lang} zh={basis.article ?? ''} en={basis.articleEn} /> : ''} (
      <span lang="zh-CN">{basis.title}</span>)
    </>
  );
}

// Each amount under its fee's name: "15.00 元；30.00 元；80.00 元" alone says nothing about what costs what.
export function feeSummary(item: ServiceItem, lang: Lang) {
  if (!item.fees.charged || item.fees.items.length === 0) return words(lang, 'guide.free');
  const amount = (fen: number) => words(lang, 'guide.yuan', { amount: yuan(fen) });
  if (item.fees.items.length === 1) {
    const [fee] = item.fees.items;
    return fee ? (
      <>
        <Tr lang={lang} zh={fee.name} en={fee.nameEn} />
        {lang === 'en' ? ': ' : '：'}
        <span class="nowrap">{amount(fee.amountFen)}</span>
      </>
    ) : null;
  }
  return (
    <ul class="fee-facts">
      {item.fees.items.map((fee) => (
        <li>
          <Tr lang={lang} zh={fee.name} en={fee.nameEn} />
          {lang === 'en' ? ': ' : '：'}
          <span class="nowrap">{amount(fee.amountFen)}</span>
        </li>
      ))}
    </ul>
  );
}
