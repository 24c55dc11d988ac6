import { columns, findColumn, sectionNames, type ColumnField } from '../../shared/content/content.columns.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime, type Lang } from '../../shared/i18n/index.ts';
import { Radios, Select } from '../../shared/ui/choices.tsx';
import { Pagination, Table, Tag } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { ArticleInput } from './content.check.ts';
import type { ImageSummary } from './content.images.ts';
import type { ArticleListRow } from './content.repository.ts';
import type { ArticleState } from './content.tables.ts';
import { articleStateLabel, langText } from './content.words.ts';
import { langOf } from '../../shared/ui/as-written.tsx';

export function StateTag({ state, lang, version }: { state: ArticleState; lang: Lang; version?: number }) {
  const s = articleStateLabel[state];
  const v = version === undefined ? '' : ` ${langText(lang, `第${version}版`, `v${version}`)}`;
  return <Tag tone={s.tone}>{`${s[lang]}${v}`}</Tag>;
}

export function Flash({ text }: { text?: string | undefined }) {
  return text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;
}

export function columnName(lang: Lang, slug: string): string {
  const c = findColumn(slug);
  return c ? `${sectionNames[c.section][lang]} · ${c.name[lang]}` : slug;
}

export function contentListPage(p: {
  ctx: PageContext;
  rows: ArticleListRow[];
  page: number;
  pageCount: number;
  status: string;
  canCreate: boolean;
  flash?: string | undefined;
}): string {
  const lang = p.ctx.lang;
  const title = langText(lang, '信息发布与警务公开', 'Articles and disclosure');
  const statusOptions = [
    { value: '', label: langText(lang, '全部状态', 'Any state') },
    ...Object.entries(articleStateLabel).map(([value, l]) => ({ value, label: l[lang] })),
  ];
  return renderPage(
    <Layout ctx={p.ctx} title={title}>
      <Flash text={p.flash} />
      <h1>{title}</h1>
      <p>
        {langText(
          lang,
          '撰写新闻、通知、防范提示和公开信息，经发布检查和另一人审核后，通过边界平台发布到互联网门户。',
          'Write news, notices, warnings and disclosure; after the publication check and a second person’s review they reach the portal through the exchange.',
        )}
      </p>
      {p.canCreate ? (
        <p>
          <Button href="/content/new">{langText(lang, '撰写新稿件', 'Write an article')}</Button>
        </p>
      ) : null}
      <Form method="get" action="/content">
        <Select
          name="status"
          label={langText(lang, '状态', 'State')}
          options={statusOptions}
          value={p.status}
        />
        <Button variant="secondary">{langText(lang, '筛选', 'Filter')}</Button>
      </Form>
      {p.rows.length === 0 ? (
        <p>{langText(lang, '没有稿件。', 'No articles.')}</p>
      ) : (
        <Table
          caption={title}
          head={[
            langText(lang, '标题', 'Title'),
            langText(lang, '栏目', 'Column'),
            langText(lang, '发布单位', 'Unit'),
            langText(lang, '状态', 'State'),
            langText(lang, '更新时间', 'Updated'),
          ]}
          rows={p.rows.map((r) => [
            <a href={`/content/${r.id}`} lang={langOf(lang, r.title)}>
              {r.title}
            </a>,
            columnName(lang, r.column),
            r.unitName ?? '',
            <span>
              {r.publishedVersion !== null && r.publishedVersion !== r.currentVersion ? (
                <>
                  <StateTag state="published" lang={lang} version={r.publishedVersion} />{' '}
                </>
              ) : null}
              <StateTag state={r.status} lang={lang} version={r.currentVersion} />
            </span>,
            formatDateTime(lang, r.updatedAt),
          ])}
        />
      )}
      <Pagination
        page={p.page}
        pageCount={p.pageCount}
        href={(n) => `/content?${new URLSearchParams({ status: p.status, page: String(n) }).toString()}`}
      />
    </Layout>,
  );
}

/**
 * The English version beside the Chinese: optional, but a title and a body together when any is given. The
 * portal shows it to visitors reading in English and says plainly when an article has none.
 */
function EnglishFields(p: { lang: Lang; input: ArticleInput; errors: FieldError[] | undefined }) {
  const { lang, input, errors } = p;
  return (
    <fieldset class="fieldset">
      <legend class="legend">{langText(lang, '英文版（可选）', 'English version (optional)')}</legend>
      <p class="hint">
        {langText(
          lang,
          '填写后，英文访客看到英文版；发布检查同样检查英文内容。',
          'Visitors reading in English see it; the publication check reads it too.',
        )}
      </p>
      <TextField
        name="titleEn"
        label={langText(lang, '英文标题', 'English title')}
        value={input.titleEn}
        optional
        error={errorFor(errors, 'titleEn')}
      />
      <TextArea
        name="summaryEn"
        label={langText(lang, '英文摘要', 'English summary')}
        value={input.summaryEn}
        rows={3}
        optional
        error={errorFor(errors, 'summaryEn')}
      />
      <TextArea
        name="bodyEn"
        label={langText(lang, '英文正文', 'English body')}
        hint={langText(lang, '格式与中文正文相同。', 'The same marks as the Chinese body.')}
        value={input.bodyEn}
        rows={12}
        optional
        error={errorFor(errors, 'bodyEn')}
      />
    </fieldset>
  );
}

/**
 * A picture field (an exhibit's picture): the unit's uploaded pictures to choose from, each with its thumbnail
 * and alternative text, and an address to type instead (it wins when given). Without pictures, the address alone.
 */
function PictureField(p: {
  lang: Lang;
  field: ColumnField;
  value: string;
  pictures: readonly ImageSummary[];
  errors: FieldError[] | undefined;
}) {
  const { lang, field: f } = p;
  const pathOf = (image: ImageSummary) => `/media/content/${image.name}`;
  if (p.pictures.length === 0)
    return (
      <TextField
        name={f.name}
        label={f.label[lang]}
        hint={langText(
          lang,
          '在“图片”中上传后可在此选择；也可填写本站图片地址 /media/content/…',
          'Upload it under “Pictures” to choose it here; or give a picture address on this site, /media/content/…',
        )}
        value={p.value}
        required={f.required}
        optional={!f.required}
        width={30}
        error={errorFor(p.errors, f.name)}
      />
    );
  const chosen = p.pictures.some((image) => pathOf(image) === p.value);
  return (
    <>
      <Radios
        name={f.name}
        legend={langText(lang, '展品图片', 'Picture')}
        hint={langText(
          lang,
          '选择本单位已上传的图片（在“图片”中上传新图片）。',
          'Choose one of the unit’s uploaded pictures (upload a new one under “Pictures”).',
        )}
        required={f.required}
        value={chosen ? p.value : ''}
        error={errorFor(p.errors, f.name)}
        items={p.pictures.map((image) => ({
          value: pathOf(image),
          label: (
            <span class="picture-choice">
              {/* The alternative text is the label itself, so the thumbnail says nothing more. */}
              <img
                src={pathOf(image)}
                alt=""
                width="64"
                height={String(Math.max(1, Math.round((64 * image.height) / Math.max(1, image.width))))}
              />
              <span>{image.alt}</span>
            </span>
          ),
          hint: <code>{pathOf(image)}</code>,
        }))}
      />
      <TextField
        name={`${f.name}Address`}
        label={langText(lang, '或填写图片地址', 'Or give the picture’s address')}
        hint={langText(lang, '填写后以此地址为准。', 'When given, this address is used instead.')}
        value={chosen ? '' : p.value}
        optional
        width={30}
      />
    </>
  );
}

/** The article's own fields, the column's extra fields and the body, as one form's controls. */
export function ArticleFields(p: {
  lang: Lang;
  column: string;
  input: ArticleInput;
  errors: FieldError[] | undefined;
  /** The unit's uploaded pictures, offered by a picture field. */
  pictures?: readonly ImageSummary[] | undefined;
}) {
  const { lang, input, errors } = p;
  const column = findColumn(p.column);
  return (
    <>
      <TextField
        name="title"
        label={langText(lang, '标题', 'Title')}
        value={input.title}
        error={errorFor(errors, 'title')}
        required
      />
      <TextArea
        name="summary"
        label={langText(lang, '摘要', 'Summary')}
        hint={langText(
          lang,
          '列表和订阅中显示，不超过300字。',
          'Shown in lists and feeds; up to 300 characters.',
        )}
        value={input.summary}
        rows={3}
        optional
        error={errorFor(errors, 'summary')}
      />
      {(column?.fields ?? []).map((f) =>
        f.type === 'image' ? (
          <PictureField
            lang={lang}
            field={f}
            value={input.fields[f.name] ?? ''}
            pictures={p.pictures ?? []}
            errors={errors}
          />
        ) : f.type === 'choice' ? (
          <Select
            name={f.name}
            label={f.label[lang]}
            options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] }))}
            value={input.fields[f.name] ?? ''}
            placeholder
            required={f.required}
            error={errorFor(errors, f.name)}
          />
        ) : (
          <TextField
            name={f.name}
            label={f.label[lang]}
            type={f.type === 'date' ? 'date' : 'text'}
            value={input.fields[f.name] ?? ''}
            optional={!f.required && !f.requiredWithEnglish}
            required={f.required}
            width={f.type === 'date' ? 10 : 30}
            error={errorFor(errors, f.name)}
          />
        ),
      )}
      <TextArea
        name="body"
        label={langText(lang, '正文', 'Body')}
        hint={
          <>
            {langText(
              lang,
              '格式：“## ”小标题，“- ”列表，“1. ”编号，| 表头 | 后接 | --- |，![替代文字](/media/图片.png)，**加粗**，[文字](链接)。',
              'Marks: "## " heading, "- " list, "1. " numbered, | header | then | --- |, ![alt text](/media/picture.png), **bold**, [text](link).',
            )}
          </>
        }
        value={input.body}
        rows={16}
        required
        error={errorFor(errors, 'body')}
      />
      <EnglishFields lang={lang} input={input} errors={errors} />
      <TextField
        name="withdrawAt"
        label={langText(lang, '下线时间（北京时间）', 'Take down at (Beijing time)')}
        hint={langText(
          lang,
          '到时自动从门户撤下；有有效期的栏目不填则在有效期次日零时撤下。',
          'It comes off the portal on its own then; for columns with a validity date it defaults to the day after.',
        )}
        value={input.withdrawAt}
        optional
        width={20}
        error={errorFor(errors, 'withdrawAt')}
        type="datetime-local"
      />
    </>
  );
}

export function newArticlePage(p: {
  ctx: PageContext;
  units: { code: string; name: string }[];
  values: { column: string; unitCode: string; input: ArticleInput };
  errors?: FieldError[] | undefined;
}): string {
  const lang = p.ctx.lang;
  const title = langText(lang, '撰写新稿件', 'Write an article');
  return renderPage(
    <Layout ctx={p.ctx} title={title} hasErrors={Boolean(p.errors?.length)}>
      <ErrorSummary errors={p.errors ?? []} />
      <h1>{title}</h1>
      <Form action="/content" csrfToken={p.ctx.csrfToken ?? ''}>
        <Select
          name="column"
          label={langText(lang, '栏目', 'Column')}
          placeholder
          options={columns.map((c) => ({ value: c.slug, label: columnName(lang, c.slug) }))}
          value={p.values.column}
          error={errorFor(p.errors, 'column')}
        />
        <Select
          name="unitCode"
          label={langText(lang, '发布单位', 'Publishing unit')}
          options={p.units.map((u) => ({ value: u.code, label: u.name }))}
          value={p.values.unitCode}
          error={errorFor(p.errors, 'unitCode')}
        />
        <TextField
          name="title"
          label={langText(lang, '标题', 'Title')}
          value={p.values.input.title}
          error={errorFor(p.errors, 'title')}
          required
        />
        <p class="hint">
          {langText(
            lang,
            '创建后可填写正文和栏目要求的其他信息。',
            'Once created, write the body and the fields its column asks for.',
          )}
        </p>
        <Button>{langText(lang, '创建草稿', 'Create the draft')}</Button>
      </Form>
    </Layout>,
  );
}
