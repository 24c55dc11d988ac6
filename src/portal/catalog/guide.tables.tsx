import { AsWritten } from '../../shared/ui/as-written.tsx';
import {
  materialFormLabel,
  materialSourceLabel,
  materialTypeLabel,
  necessityLabel,
  type ServiceItem,
  type Situation,
} from '../../shared/catalog/index.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { Table } from '../../shared/ui/components.tsx';
import type { DocumentInfo } from './catalog.documents.ts';
import { documentHref, label, Tr, yuan } from './catalog.view.tsx';
import { words, type WordKey } from './catalog.words.ts';

// The guide page's tables: materials per situation, with their blank forms and samples, and the fees.

/**
 * A link to a blank form or sample the portal holds, saying what it is and how big, as people on slow or paid
 * connections want to know before they tap. The title is in the link for screen readers, where a table full
 * of "download the blank form" links would otherwise sound alike.
 */
export function DocumentLink({
  doc,
  text,
  lang,
}: {
  doc: DocumentInfo | undefined;
  text: string;
  lang: Lang;
}) {
  if (!doc) return null;
  const size = Math.max(1, Math.round(doc.bytes / 1024));
  return (
    <a href={documentHref(doc.path)} download="" class="catalog-file">
      {text}
      {/* The forms are Chinese documents: their titles stay Chinese, marked so, on the English page. */}
      <span class="visually-hidden">
        {lang === 'en' ? ': ' : '：'}
        <AsWritten lang={lang} text={doc.title} />
      </span>
      <span class="catalog-file-meta">{lang === 'en' ? ` (PDF, ${size} KB)` : `（PDF，${size} KB）`}</span>
    </a>
  );
}

export function MaterialsTable({
  situation,
  lang,
  only,
  documents,
}: {
  situation: Situation;
  lang: Lang;
  only: boolean;
  documents: Map<string, DocumentInfo>;
}) {
  const word = (key: WordKey) => words(lang, key);
  return (
    <Table
      caption={
        only
          ? word('guide.materials')
          : words(lang, 'guide.situation', {
              name: lang === 'en' && situation.nameEn ? situation.nameEn : situation.name,
            })
      }
      head={[
        word('guide.m.name'),
        word('guide.m.type'),
        word('guide.m.form'),
        word('guide.m.copies'),
        word('guide.m.necessity'),
        word('guide.m.source'),
        word('guide.m.note'),
      ]}
      numeric={[3]}
      rowHeaders
      stackOnNarrow
      rows={situation.materials.map((m) => {
        const form = m.blankForm ? documents.get(m.blankForm) : undefined;
        const sample = m.sample ? documents.get(m.sample) : undefined;
        return [
          <>
            <Tr lang={lang} zh={m.name} en={m.nameEn} />
            {form ? (
              <>
                <br />
                <DocumentLink doc={form} text={word('guide.m.blankForm')} lang={lang} />
              </>
            ) : null}
            {sample ? (
              <>
                <br />
                <DocumentLink doc={sample} text={word('guide.m.sample')} lang={lang} />
              </>
            ) : null}
          </>,
          label(lang, materialTypeLabel[m.type]),
          label(lang, materialFormLabel[m.form]),
          m.policeCanFetch ? '—' : String(m.copies),
          label(lang, necessityLabel[m.necessity]),
          label(lang, materialSourceLabel[m.source]),
          <>
            {m.policeCanFetch ? <strong class="catalog-fetched">{word('guide.m.fetched')}</strong> : null}
            {m.policeCanFetch && m.note ? <br /> : null}
            {m.note ? <Tr lang={lang} zh={m.note} en={m.noteEn} /> : null}
          </>,
        ];
      })}
    />
  );
}

export function FeeTable({ item, lang }: { item: ServiceItem; lang: Lang }) {
  const word = (key: WordKey) => words(lang, key);
  // A notes column that is empty in every row only adds width on a phone.
  const notes = item.fees.items.some((f) => f.note);
  return (
    <Table
      caption={word('guide.feeTable')}
      head={[
        word('guide.f.item'),
        word('guide.f.amount'),
        word('guide.f.basis'),
        ...(notes ? [word('guide.f.note')] : []),
      ]}
      numeric={[1]}
      rowHeaders
      rows={item.fees.items.map((f) => [
        <Tr lang={lang} zh={f.name} en={f.nameEn} />,
        <span class="nowrap">{words(lang, 'guide.yuan', { amount: yuan(f.amountFen) })}</span>,
        <Tr lang={lang} zh={f.basis} en={f.basisEn} />,
        ...(notes ? [f.note ? <Tr lang={lang} zh={f.note} en={f.noteEn} /> : ''] : []),
      ])}
    />
  );
}
