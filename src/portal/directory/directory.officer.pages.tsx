import type { FieldError } from '../../shared/http/errors.ts';
import { Select } from '../../shared/ui/choices.tsx';
import { InsetText, SummaryList } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { Breadcrumb } from './directory.breadcrumb.tsx';
import { UnitMap, unitName } from './directory.map.tsx';
import {
  CANDIDATES_MAX,
  describeRoad,
  type Candidate,
  type Office,
  type OfficerLookup,
} from './directory.officer.ts';

// 找片警: an address typed, or a road picked from the list and a house number, and the community police office
// and officer that cover it; or the offices to choose from, with what each covers. Plain GET forms, no script.

export interface RoadChoice {
  road: string;
  roadEn: string | null;
  district: string;
}

export interface OfficerValues {
  q: string;
  road: string;
  no: string;
}

const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;
const zhData = (ctx: PageContext, text: string) =>
  ctx.lang === 'en' ? <span lang="zh-CN">{text}</span> : text;

function OfficerForms(p: {
  ctx: PageContext;
  values: OfficerValues;
  roads: RoadChoice[];
  errors: FieldError[];
}) {
  const { ctx, values } = p;
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message;
  return (
    <div class="directory-forms">
      <form class="form" method="get" action="/directory/officer" role="search" novalidate>
        <TextField
          name="q"
          value={values.q}
          error={error('q')}
          autocomplete="street-address"
          label={inLang(ctx, '您的住址', 'Your address')}
          hint={inLang(
            ctx,
            '道路和门牌号（如 湖滨路12号），或小区名称（如 春晖小区）',
            'A road and house number (e.g. 12 Hubin Road, or 湖滨路12号), or your compound (e.g. Chunhui Gardens)',
          )}
        />
        <Button>{inLang(ctx, '查找社区民警', 'Find my officer')}</Button>
      </form>
      <form class="form" method="get" action="/directory/officer" novalidate>
        <Select
          name="road"
          value={values.road}
          error={error('road')}
          placeholder
          label={inLang(ctx, '或选择道路', 'Or choose your road')}
          options={p.roads.map((r) => ({
            value: r.road,
            label: ctx.lang === 'en' ? `${r.roadEn ?? r.road} (${r.district})` : `${r.district} · ${r.road}`,
          }))}
        />
        <TextField
          name="no"
          value={values.no}
          error={error('no')}
          inputmode="numeric"
          width={5}
          label={inLang(ctx, '门牌号', 'House number')}
        />
        <Button variant="secondary">{inLang(ctx, '查找', 'Find')}</Button>
      </form>
    </div>
  );
}

function OfficeCard({ ctx, office, matched }: { ctx: PageContext; office: Office; matched?: string }) {
  return (
    <section aria-labelledby="officer-heading" class="officer-result">
      <h2 id="officer-heading">
        {matched
          ? inLang(ctx, `“${matched}”的社区民警`, `Community officer for “${matched}”`)
          : inLang(ctx, '社区民警', 'Community officer')}
      </h2>
      <SummaryList
        lang={ctx.lang}
        rows={[
          {
            key: inLang(ctx, '社区民警', 'Officer'),
            value: office.officerName ? zhData(ctx, office.officerName) : '',
          },
          { key: inLang(ctx, '警号', 'Badge number'), value: office.officerBadge ?? '' },
          {
            key: inLang(ctx, '社区警务室', 'Community police office'),
            value: <a href={`/directory/${office.code}`}>{unitName(ctx, office)}</a>,
          },
          {
            key: inLang(ctx, '警务室电话', 'Office phone'),
            value: <a href={telHref(office.phone)}>{office.phone}</a>,
          },
          { key: inLang(ctx, '地址', 'Address'), value: zhData(ctx, office.address) },
          { key: inLang(ctx, '办公时间', 'Hours'), value: zhData(ctx, office.hours) },
          {
            key: inLang(ctx, '负责区域', 'Area covered'),
            value: (
              <ul class="plain-list">
                {office.beat.roads.map((r) => (
                  <li>{describeRoad(r, ctx.lang)}</li>
                ))}
                {office.beat.places.map((pl) => (
                  <li>{ctx.lang === 'en' ? (pl.nameEn ?? pl.name) : pl.name}</li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <UnitMap ctx={ctx} unit={office} around={[]} />
    </section>
  );
}

function Candidates({
  ctx,
  lookup,
}: {
  ctx: PageContext;
  lookup: Exclude<OfficerLookup, { kind: 'found' }>;
}) {
  if (!lookup.candidates.length) return null;
  const heading =
    lookup.kind === 'ambiguous'
      ? lookup.reason === 'no-number'
        ? inLang(
            ctx,
            '这条路由几个警务室分段负责，请选择或补充门牌号',
            'Several offices share this road: choose, or add your house number',
          )
        : inLang(ctx, '有几个警务室符合，请选择', 'Several offices match: choose yours')
      : inLang(ctx, '这条路上有以下警务室', 'The offices on this road');
  return (
    <section aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">{heading}</h2>
      <ul class="directory-list">
        {lookup.candidates.map((c: Candidate) => (
          <li>
            <a href={`/directory/officer?office=${c.office.code}`}>{unitName(ctx, c.office)}</a>
            <div class="muted">{c.covers.join(inLang(ctx, '；', '; '))}</div>
          </li>
        ))}
      </ul>
      {lookup.candidates.length >= CANDIDATES_MAX ? (
        <p class="hint">
          {inLang(
            ctx,
            `只列出前 ${CANDIDATES_MAX} 个，请输入更完整的名称。`,
            `Only the first ${CANDIDATES_MAX} are listed: type more of the name.`,
          )}
        </p>
      ) : null}
    </section>
  );
}

export function officerPage(p: {
  ctx: PageContext;
  values: OfficerValues;
  roads: RoadChoice[];
  errors: FieldError[];
  lookup?: OfficerLookup | undefined;
  chosen?: Office | undefined;
}): string {
  const { ctx, lookup } = p;
  const title = inLang(ctx, '找片警', 'Find my community officer');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={p.errors.length > 0}>
      <Breadcrumb
        ctx={ctx}
        trail={[
          { href: '/', label: inLang(ctx, '首页', 'Home') },
          { href: '/directory', label: inLang(ctx, '机构名录', 'Police directory') },
          { label: title },
        ]}
      />
      <ErrorSummary errors={p.errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          '按住址查找负责您所在社区的社区警务室和社区民警。紧急情况请拨打 110。',
          'Find the community police office and officer responsible for where you live. In an emergency call 110.',
        )}
      </p>
      <InsetText>
        {inLang(
          ctx,
          '演示数据：示范市的警务室、民警姓名、警号和电话均为虚构。',
          'Demonstration data: Shifan City’s offices, officers’ names, badge numbers and phones are all made up.',
        )}
      </InsetText>
      <OfficerForms ctx={ctx} values={p.values} roads={p.roads} errors={p.errors} />
      {p.chosen ? <OfficeCard ctx={ctx} office={p.chosen} /> : null}
      {lookup?.kind === 'found' ? (
        <OfficeCard ctx={ctx} office={lookup.office} matched={lookup.matched} />
      ) : null}
      {lookup && lookup.kind !== 'found' ? <Candidates ctx={ctx} lookup={lookup} /> : null}
    </Layout>,
  );
}
