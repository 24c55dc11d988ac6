import type { Child } from 'hono/jsx';
import { areaCodes, areaLabel, type Area } from '../../shared/catalog/index.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime, type Lang } from '../../shared/i18n/index.ts';
import { Select } from '../../shared/ui/choices.tsx';
import { BackLink, Pagination, Table, Tag } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { Problem } from './catalog-authoring.fields.ts';
import type { ItemListRow } from './catalog-authoring.repository.ts';
import { versionStates, type VersionState } from './catalog-authoring.tables.ts';
import { labelText, stateLabel, langText } from './catalog-authoring.words.ts';

export function StateTag({ state, lang, version }: { state: VersionState; lang: Lang; version?: number }) {
  const s = stateLabel[state];
  return (
    <Tag tone={s.tone}>
      {version === undefined ? s[lang] : `${s[lang]} ${langText(lang, `第${version}版`, `v${version}`)}`}
    </Tag>
  );
}

/** Where an item stands: the version live on the portal, and the newer version being worked on, if any. */
export function ItemTags({
  lang,
  row,
}: {
  lang: Lang;
  row: Pick<ItemListRow, 'status' | 'currentVersion' | 'publishedVersion'>;
}) {
  const tags: Child[] = [];
  if (row.publishedVersion !== null)
    tags.push(<StateTag state="published" lang={lang} version={row.publishedVersion} />);
  if (row.publishedVersion !== row.currentVersion)
    tags.push(<StateTag state={row.status} lang={lang} version={row.currentVersion} />);
  return <span class="catalog-tags">{tags.flatMap((t, i) => (i === 0 ? [t] : [' ', t]))}</span>;
}

export function Flash({ text }: { text?: string | undefined }) {
  return text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;
}

/** The problems of a guide as a list of links to the fields to fix. */
export function ProblemList({ lang, problems }: { lang: Lang; problems: readonly Problem[] }) {
  return (
    <ul class="error-summary-list">
      {problems.map((p) => (
        <li>
          <a href={`#field-${p.field}`}>{labelText(lang, p.message)}</a>
        </li>
      ))}
    </ul>
  );
}

export const problemErrors = (lang: Lang, problems: readonly Problem[]): FieldError[] =>
  problems.map((p) => ({ field: p.field, message: labelText(lang, p.message) }));

const areaOptions = (lang: Lang, all?: string) => [
  ...(all ? [{ value: '', label: all }] : []),
  ...areaCodes.map((a) => ({ value: a, label: areaLabel[a][lang] })),
];

// ------------------------------------------------------------------------------------------------- the list

export interface ListQuery {
  area: string;
  q: string;
  status: string;
}

export function catalogListPage(p: {
  ctx: PageContext;
  rows: ItemListRow[];
  total: number;
  page: number;
  pageCount: number;
  query: ListQuery;
  canCreate: boolean;
  reviewCount: number | undefined;
  flash?: string | undefined;
}): string {
  const { ctx, query } = p;
  const lang = ctx.lang;
  const title = langText(lang, '办事指南管理', 'Service guides');
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '') as [string, string][]);
  const href = (page: number) => {
    const q = new URLSearchParams(params);
    q.set('page', String(page));
    return `/catalog?${q.toString()}`;
  };
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Flash text={p.flash} />
      <h1>{title}</h1>
      <p>
        {langText(
          lang,
          '编辑办事指南，提交审核，经审批后通过边界平台发布到互联网门户。',
          'Write service guides, submit them for review, and publish them to the portal through the exchange once approved.',
        )}
      </p>
      <div class="button-group">
        {p.canCreate ? <Button href="/catalog/new">{langText(lang, '新建事项', 'New item')}</Button> : null}
        {p.reviewCount !== undefined ? (
          <Button href="/catalog/review" variant="secondary">
            {langText(lang, `待审核（${p.reviewCount}）`, `Waiting for review (${p.reviewCount})`)}
          </Button>
        ) : null}
        <Button href="/catalog/documents" variant="secondary">
          {langText(lang, '空白表格和样本', 'Blank forms and samples')}
        </Button>
      </div>

      <h2>{langText(lang, '查找', 'Find')}</h2>
      <Form action="/catalog" method="get">
        <TextField
          name="q"
          type="search"
          label={langText(lang, '事项名称或编号', 'Name or id')}
          value={query.q}
          width={30}
          spellcheck={false}
        />
        <Select
          name="area"
          label={langText(lang, '业务类别', 'Business area')}
          value={query.area}
          options={areaOptions(lang, langText(lang, '全部类别', 'All areas'))}
        />
        <Select
          name="status"
          label={langText(lang, '当前版本状态', 'State of the current version')}
          value={query.status}
          options={[
            { value: '', label: langText(lang, '全部状态', 'All states') },
            ...versionStates
              .filter((s) => s !== 'superseded')
              .map((s) => ({ value: s, label: stateLabel[s][lang] })),
          ]}
        />
        <Button variant="secondary">{langText(lang, '查找', 'Find')}</Button>
      </Form>

      <p role="status">{langText(lang, `共 ${p.total} 个事项。`, `${p.total} item(s).`)}</p>
      {p.rows.length > 0 ? (
        <Table
          caption={langText(lang, '办事指南', 'Service guides')}
          head={[
            langText(lang, '事项名称', 'Name'),
            langText(lang, '编号', 'Id'),
            langText(lang, '业务类别', 'Area'),
            langText(lang, '实施主体', 'Implementing unit'),
            langText(lang, '状态', 'State'),
            langText(lang, '更新时间', 'Updated'),
          ]}
          rows={p.rows.map((r) => [
            <a href={`/catalog/${r.id}`}>{lang === 'en' ? r.nameEn : r.nameZh}</a>,
            <code>{r.id}</code>,
            areaLabel[r.area]?.[lang] ?? r.area,
            r.unitName ?? r.unitCode,
            <ItemTags lang={lang} row={r} />,
            formatDateTime(lang, r.updatedAt),
          ])}
        />
      ) : (
        <p>{langText(lang, '没有符合条件的事项。', 'No items match.')}</p>
      )}
      <Pagination page={p.page} pageCount={p.pageCount} href={href} />
    </Layout>,
  );
}

// ---------------------------------------------------------------------------------------------- the queue

export function reviewQueuePage(p: {
  ctx: PageContext;
  rows: (ItemListRow & { submittedAt: Date | null; submittedBy: string | null })[];
}): string {
  const { ctx } = p;
  const lang = ctx.lang;
  const title = langText(lang, '待审核的办事指南', 'Service guides waiting for review');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/catalog">{langText(lang, '返回办事指南', 'Back to service guides')}</BackLink>
      <h1>{title}</h1>
      {p.rows.length === 0 ? (
        <p>{langText(lang, '目前没有待审核的事项。', 'Nothing is waiting for review.')}</p>
      ) : (
        <Table
          caption={langText(lang, '待审核事项（最早提交在前）', 'Items in review, oldest submission first')}
          head={[
            langText(lang, '事项名称', 'Name'),
            langText(lang, '版本', 'Version'),
            langText(lang, '实施主体', 'Implementing unit'),
            langText(lang, '提交人', 'Submitted by'),
            langText(lang, '提交时间', 'Submitted'),
          ]}
          rows={p.rows.map((r) => [
            <a href={`/catalog/${r.id}`}>{lang === 'en' ? r.nameEn : r.nameZh}</a>,
            String(r.currentVersion),
            r.unitName ?? r.unitCode,
            r.submittedBy ?? '',
            r.submittedAt ? formatDateTime(lang, r.submittedAt) : '',
          ])}
        />
      )}
    </Layout>,
  );
}

// ------------------------------------------------------------------------------------------------ new item

export function newItemPage(p: {
  ctx: PageContext;
  units: { code: string; name: string }[];
  values?: Record<string, string>;
  errors?: FieldError[];
}): string {
  const { ctx } = p;
  const lang = ctx.lang;
  const errors = p.errors ?? [];
  const v = p.values ?? {};
  const title = langText(lang, '新建办事事项', 'New service item');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/catalog">{langText(lang, '返回办事指南', 'Back to service guides')}</BackLink>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <p>
        {langText(
          lang,
          '先填写事项的编号、名称、类别和实施主体，保存后在编辑页面补全其余内容。',
          'Give the item its id, names, area and unit first; fill in the rest in the editor.',
        )}
      </p>
      <Form action="/catalog/new" csrfToken={ctx.csrfToken ?? ''}>
        <TextField
          name="id"
          label={langText(lang, '事项编号', 'Item id')}
          hint={langText(
            lang,
            '用于网址，只能使用小写字母、数字和连字符，创建后不能修改。例如 passport-renewal',
            'Used in web addresses: lower-case letters, digits and hyphens; it cannot change later. Example: passport-renewal',
          )}
          value={v.id}
          error={errorFor(errors, 'id')}
          spellcheck={false}
          width={30}
        />
        <TextField
          name="nameZh"
          label={langText(lang, '事项名称（中文）', 'Name (Chinese)')}
          value={v.nameZh}
          error={errorFor(errors, 'nameZh')}
        />
        <TextField
          name="nameEn"
          label={langText(lang, '事项名称（英文）', 'Name (English)')}
          value={v.nameEn}
          error={errorFor(errors, 'nameEn')}
        />
        <Select
          name="area"
          label={langText(lang, '业务类别', 'Business area')}
          value={v.area}
          placeholder
          options={areaOptions(lang)}
          error={errorFor(errors, 'area')}
        />
        <Select
          name="unitCode"
          label={langText(lang, '实施主体', 'Implementing unit')}
          value={v.unitCode}
          placeholder
          options={p.units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
          error={errorFor(errors, 'unitCode')}
        />
        <Button>{langText(lang, '创建草稿', 'Create the draft')}</Button>
      </Form>
    </Layout>,
  );
}

export const isArea = (v: unknown): v is Area =>
  typeof v === 'string' && (areaCodes as readonly string[]).includes(v);
