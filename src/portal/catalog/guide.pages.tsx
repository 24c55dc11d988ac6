import { bookingService } from '../../shared/appointments/booking-services.ts';
import { reportItemForms } from '../letters/letters.kinds.ts';
import {
  areaLabel,
  audienceLabel,
  caseKindLabel,
  channelLabel,
  itemTypeLabel,
  onlineDepthLabel,
  resultTypeLabel,
  unitLevelLabel,
} from '../../shared/catalog/index.ts';
import { formatDate } from '../../shared/i18n/index.ts';
import type { PageContext } from '../../shared/ui/context.ts';
import { BackLink, SummaryList, Tag } from '../../shared/ui/components.tsx';
import { Button } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { applicationWords } from '../applications/applications.messages.ts';
import { renderPage } from '../../shared/ui/render.ts';
import type { PublishedItem } from './catalog.service.ts';
import { ItemTags, label, limitText, Stylesheet, Tr, visitsText } from './catalog.view.tsx';
import { words, type WordKey } from './catalog.words.ts';
import { DocumentLink, FeeTable, MaterialsTable } from './guide.tables.tsx';
import { feeSummary, LegalBasisLine, Tel } from './guide.parts.tsx';

// The 办事指南 page: every national guide field of one item, in the order a citizen asks about them — can I
// apply, what do I bring, how long, how much, how, where, and what if something goes wrong.

const sections: [string, WordKey][] = [
  ['basic', 'guide.basic'],
  ['conditions', 'guide.conditions'],
  ['materials', 'guide.materials'],
  ['limits', 'guide.limits'],
  ['fees', 'guide.fees'],
  ['steps', 'guide.steps'],
  ['how', 'guide.howTo'],
  ['places', 'guide.places'],
  ['contact', 'guide.contact'],
  ['remedies', 'guide.remedies'],
  ['result', 'guide.result'],
  ['faq', 'guide.faq'],
];

export function guidePage(ctx: PageContext, published: PublishedItem): string {
  const { item } = published;
  const { lang } = ctx;
  const word = (key: WordKey, params?: Record<string, string | number>) => words(lang, key, params);
  const remedies = item.reviewAndLitigation;
  const resultSample = item.result.sample ? published.documents.get(item.result.sample) : undefined;
  const visits = word('guide.visitsCount', {
    n: item.visits.count,
    text: visitsText(lang, item.visits.count),
  });
  return renderPage(
    <Layout ctx={ctx} title={item.name[lang]}>
      <Stylesheet />
      <BackLink href={`/services/areas/${item.area}`}>{label(lang, areaLabel[item.area])}</BackLink>
      <span class="caption">
        {label(lang, areaLabel[item.area])} · {label(lang, itemTypeLabel[item.itemType])}
      </span>
      <h1>{item.name[lang]}</h1>
      {lang === 'en' ? (
        <p class="catalog-zh-name" lang="zh-CN">
          {item.name.zh}
        </p>
      ) : null}
      <p class="lead">{item.summary[lang]}</p>
      <ItemTags item={item} lang={lang} />
      {reportItemForms[item.id] ? (
        <p>
          <Button href={reportItemForms[item.id]}>{applicationWords(lang, 'startButton')}</Button>
        </p>
      ) : item.onlineForm && item.onlineDepth.levels.includes('online-submission') ? (
        <p>
          <Button href={`/services/${item.id}/apply`}>{applicationWords(lang, 'startButton')}</Button>
        </p>
      ) : null}
      {bookingService(item.id) ? (
        <p>
          <Button href={`/services/${item.id}/book`}>{lang === 'en' ? 'Book a slot' : '预约'}</Button>
        </p>
      ) : null}

      <h2 class="visually-hidden">{word('guide.facts')}</h2>
      <SummaryList
        rows={[
          { key: word('guide.visits'), value: visits },
          { key: word('guide.promised'), value: limitText(lang, item.timeLimits.promised) },
          { key: word('guide.fees'), value: feeSummary(item, lang) },
          {
            key: word('guide.channels'),
            value: item.channels.map((c) => label(lang, channelLabel[c])).join(lang === 'en' ? ', ' : '、'),
          },
        ]}
      />

      <nav class="catalog-contents" aria-labelledby="contents-title">
        <h2 id="contents-title">{word('guide.contents')}</h2>
        <ul>
          {sections
            .filter(([id]) => id !== 'faq' || item.faq.length)
            .map(([id, key]) => (
              <li>
                <a href={`#${id}`}>{word(key)}</a>
              </li>
            ))}
        </ul>
      </nav>

      <h2 id="basic">{word('guide.basic')}</h2>
      <SummaryList
        rows={[
          { key: word('guide.codeBasic'), value: item.code.basic },
          { key: word('guide.codeImpl'), value: item.code.implementation },
          { key: word('guide.itemType'), value: label(lang, itemTypeLabel[item.itemType]) },
          {
            key: word('guide.unit'),
            value: (
              <>
                <Tr lang={lang} zh={item.implementingUnit.name} en={item.implementingUnit.nameEn} />
                {lang === 'en' ? ' (' : '（'}
                {label(lang, unitLevelLabel[item.implementingUnit.level])}
                {lang === 'en' ? ')' : '）'}
              </>
            ),
          },
          { key: word('guide.audience'), value: label(lang, audienceLabel[item.audience]) },
          {
            key: word('guide.caseKind'),
            value: label(lang, caseKindLabel[item.timeLimits.immediate ? 'immediate' : 'promised']),
          },
          {
            key: word('guide.review'),
            value: word(item.instantReview ? 'guide.reviewInstant' : 'guide.reviewLater'),
          },
          {
            key: word('guide.legalBasis'),
            value: (
              <ul class="catalog-plain">
                {item.legalBasis.map((b) => (
                  <li>
                    <LegalBasisLine lang={lang} basis={b} />
                  </li>
                ))}
              </ul>
            ),
          },
          { key: word('guide.version'), value: String(published.version) },
          { key: word('guide.publishedAt'), value: formatDate(lang, published.publishedAt) },
        ]}
      />

      <h2 id="conditions">{word('guide.conditions')}</h2>
      <ul>
        {item.acceptanceConditions.map((c, i) => (
          <li>
            <Tr lang={lang} zh={c} en={item.acceptanceConditionsEn?.[i]} />
          </li>
        ))}
      </ul>

      <h2 id="materials">{word('guide.materials')}</h2>
      {item.situations.map((s) => (
        <MaterialsTable
          situation={s}
          lang={lang}
          only={item.situations.length === 1}
          documents={published.documents}
        />
      ))}

      <h2 id="limits">{word('guide.limits')}</h2>
      <SummaryList
        rows={[
          { key: word('guide.statutory'), value: limitText(lang, item.timeLimits.statutory) },
          { key: word('guide.promised'), value: limitText(lang, item.timeLimits.promised) },
          {
            key: word('guide.caseKind'),
            value: label(lang, caseKindLabel[item.timeLimits.immediate ? 'immediate' : 'promised']),
          },
        ]}
      />
      {item.timeLimits.note ? (
        <p>
          <Tr lang={lang} zh={item.timeLimits.note} en={item.timeLimits.noteEn} />
        </p>
      ) : null}

      <h2 id="fees">{word('guide.fees')}</h2>
      {item.fees.charged && item.fees.items.length ? (
        <FeeTable item={item} lang={lang} />
      ) : (
        <p>{word('guide.free')}</p>
      )}
      {item.fees.waiver ? (
        <p>
          <strong>{word('guide.waiver')}：</strong>
          <Tr lang={lang} zh={item.fees.waiver} en={item.fees.waiverEn} />
        </p>
      ) : null}
      {item.onlinePayment ? <p>{word('guide.onlinePayment')}</p> : null}

      <h2 id="steps">{word('guide.steps')}</h2>
      <ol class="catalog-steps">
        {item.steps.map((s) => (
          <li>
            <strong class="catalog-step-name">
              <Tr lang={lang} zh={s.name} en={s.nameEn} />
            </strong>
            <p>
              <Tr lang={lang} zh={s.description} en={s.descriptionEn} />
            </p>
          </li>
        ))}
      </ol>

      <h2 id="how">{word('guide.howTo')}</h2>
      <SummaryList
        rows={[
          {
            key: word('guide.channels'),
            value: item.channels.map((c) => label(lang, channelLabel[c])).join(lang === 'en' ? ', ' : '、'),
          },
          {
            key: word('guide.depth'),
            value: (
              <p class="catalog-tags">
                {item.onlineDepth.fullyOnline ? <Tag tone="green">{word('list.fullyOnline')}</Tag> : null}
                {item.onlineDepth.levels.map((l) => (
                  <>
                    {' '}
                    <Tag tone="blue">{label(lang, onlineDepthLabel[l])}</Tag>
                  </>
                ))}
              </p>
            ),
          },
          {
            key: word('guide.visits'),
            value: (
              <>
                {visits}
                {item.visits.reason ? (
                  <>
                    <br />
                    {word('guide.visitReason')}
                    <Tr lang={lang} zh={item.visits.reason} en={item.visits.reasonEn} />
                  </>
                ) : null}
              </>
            ),
          },
          { key: word('guide.booking'), value: word(item.booking ? 'guide.bookingYes' : 'guide.bookingNo') },
          {
            key: word('guide.courier'),
            value:
              item.courier.materials || item.courier.results
                ? [
                    item.courier.materials ? word('guide.courierMaterials') : '',
                    item.courier.results ? word('guide.courierResults') : '',
                  ]
                    .filter(Boolean)
                    .join(lang === 'en' ? '; ' : '；')
                : word('guide.courierNone'),
          },
        ]}
      />

      <h2 id="places">{word('guide.places')}</h2>
      {item.places.map((p) => (
        <>
          <h3>
            <Tr lang={lang} zh={p.name} en={p.nameEn} />
          </h3>
          <SummaryList
            rows={[
              { key: word('guide.address'), value: <Tr lang={lang} zh={p.address} en={p.addressEn} /> },
              { key: word('guide.hours'), value: <Tr lang={lang} zh={p.hours} en={p.hoursEn} /> },
              { key: word('guide.phone'), value: <Tel phone={p.phone} /> },
            ]}
          />
        </>
      ))}

      <h2 id="contact">{word('guide.contact')}</h2>
      <SummaryList
        rows={[
          { key: word('guide.enquiry'), value: <Tel phone={item.enquiryPhone} /> },
          { key: word('guide.complaint'), value: <Tel phone={item.complaintPhone} /> },
        ]}
      />

      <h2 id="remedies">{word('guide.remedies')}</h2>
      <SummaryList
        rows={[
          {
            key: word('guide.reviewLabel'),
            value: <Tr lang={lang} zh={remedies.review} en={remedies.reviewEn} />,
          },
          {
            key: word('guide.litigation'),
            value: <Tr lang={lang} zh={remedies.litigation} en={remedies.litigationEn} />,
          },
        ]}
      />

      <h2 id="result">{word('guide.result')}</h2>
      <SummaryList
        rows={[
          { key: word('guide.resultType'), value: label(lang, resultTypeLabel[item.result.type]) },
          ...(item.result.name
            ? [
                {
                  key: word('guide.resultName'),
                  value: <Tr lang={lang} zh={item.result.name} en={item.result.nameEn} />,
                },
              ]
            : []),
          ...(resultSample
            ? [
                {
                  key: word('guide.resultSample'),
                  value: <DocumentLink doc={resultSample} text={word('guide.resultSample')} lang={lang} />,
                },
              ]
            : []),
        ]}
      />

      {item.faq.length ? (
        <>
          <h2 id="faq">{word('guide.faq')}</h2>
          <div class="catalog-faq">
            {item.faq.map((f) => (
              <details>
                <summary>
                  <Tr lang={lang} zh={f.q} en={f.qEn} />
                </summary>
                <p>
                  <Tr lang={lang} zh={f.a} en={f.aEn} />
                </p>
              </details>
            ))}
          </div>
        </>
      ) : null}
    </Layout>,
  );
}
