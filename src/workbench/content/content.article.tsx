import { raw } from 'hono/html';
import { findColumn } from '../../shared/content/content.columns.ts';
import { renderMarkup } from '../../shared/content/content.markup.ts';
import { categoryNames, type Hit } from '../../shared/content/publication-check.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime, type Lang } from '../../shared/i18n/index.ts';
import { Checkboxes } from '../../shared/ui/choices.tsx';
import { BackLink, Notice, SummaryList, Table } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { ArticleInput, Evaluation } from './content.check.ts';
import { ArticleFields, columnName, Flash, StateTag } from './content.pages.tsx';
import type { ArticleRecord } from './content.repository.ts';
import type { ArticleVersionRow } from './content.tables.ts';
import { langText } from './content.words.ts';
import { PicturePanel } from './content.image-form.tsx';
import type { ImageSummary } from './content.images.ts';
import { langOf } from '../../shared/ui/as-written.tsx';

function fieldLabel(lang: Lang, column: string, field: string): string {
  const named: Record<string, [string, string]> = {
    title: ['标题', 'Title'],
    summary: ['摘要', 'Summary'],
    body: ['正文', 'Body'],
    titleEn: ['英文标题', 'English title'],
    summaryEn: ['英文摘要', 'English summary'],
    bodyEn: ['英文正文', 'English body'],
  };
  const own = named[field];
  if (own) return langText(lang, own[0], own[1]);
  return findColumn(column)?.fields.find((f) => f.name === field)?.label[lang] ?? field;
}

/** Each hit of the publication check: what, where, why; with a reason box when the approver may override. */
export function HitList(p: {
  lang: Lang;
  column: string;
  hits: readonly Hit[];
  overridable: boolean;
  values?: Record<string, string>;
}) {
  const { lang } = p;
  return (
    <ol class="check-hits">
      {p.hits.map((h) => (
        <li id={`hit-${h.fingerprint}`}>
          <p>
            <strong>{categoryNames[h.category][lang]}</strong>
            {langText(
              lang,
              `：${fieldLabel(lang, p.column, h.field)}第${h.line}行，“${h.excerpt}”。`,
              `: ${fieldLabel(lang, p.column, h.field)}, line ${h.line}, “${h.excerpt}”.`,
            )}{' '}
            {h.explanation[lang]}
          </p>
          {p.overridable ? (
            <TextField
              name={`reason_${h.fingerprint}`}
              label={langText(lang, '如属误报，请写明放行理由', 'If a false alarm, say why it may go out')}
              value={p.values?.[`reason_${h.fingerprint}`] ?? ''}
              optional
            />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export interface ArticleView {
  ctx: PageContext;
  article: ArticleRecord;
  current: ArticleVersionRow;
  history: ArticleVersionRow[];
  /** The editor's form: what was typed (or the current version), when the officer may edit now. */
  editor?: { input: ArticleInput; targetVersion: number; baseVersion: number } | undefined;
  /** The approver's panel: the check run again on the version in review. */
  review?: { evaluation: Evaluation } | undefined;
  ownWork: boolean;
  mayWithdraw: boolean;
  evaluation?: Evaluation | undefined;
  /** The pictures uploaded for the article, offered with the editor's form. */
  images?: readonly ImageSummary[] | undefined;
  /** The unit's uploaded pictures, which a picture field (an exhibit's) offers. */
  unitPictures?: readonly ImageSummary[] | undefined;
  errors?: FieldError[] | undefined;
  values?: Record<string, string> | undefined;
  flash?: string | undefined;
  /** About the unsaved form the editor shows (or no longer can). */
  notice?: string | undefined;
}

export function articlePage(v: ArticleView): string {
  const { ctx, article, current } = v;
  const lang = ctx.lang;
  const csrf = ctx.csrfToken ?? '';
  const preview = renderMarkup(current.body).html;
  const hasErrors = Boolean(v.errors?.length);
  return renderPage(
    <Layout ctx={ctx} title={current.title || article.title} hasErrors={hasErrors}>
      <BackLink href="/content">{langText(lang, '全部稿件', 'All articles')}</BackLink>
      <Flash text={v.flash} />
      {v.notice ? <Notice>{v.notice}</Notice> : null}
      <ErrorSummary errors={v.errors ?? []} />
      <h1 lang={langOf(lang, current.title || article.title)}>{current.title || article.title}</h1>
      <SummaryList
        rows={[
          { key: langText(lang, '栏目', 'Column'), value: columnName(lang, article.column) },
          { key: langText(lang, '发布单位', 'Unit'), value: article.unitName ?? article.unitCode },
          {
            key: langText(lang, '状态', 'State'),
            value: (
              <span>
                {article.publishedVersion !== null && article.publishedVersion !== current.version ? (
                  <>
                    <StateTag state="published" lang={lang} version={article.publishedVersion} />{' '}
                  </>
                ) : null}
                <StateTag state={current.state} lang={lang} version={current.version} />
              </span>
            ),
          },
          ...(current.publishAt && current.state === 'scheduled'
            ? [
                {
                  key: langText(lang, '定时发布', 'Goes live at'),
                  value: formatDateTime(lang, current.publishAt),
                },
              ]
            : []),
          ...(current.withdrawAt
            ? [
                {
                  key: langText(lang, '下线时间', 'Comes off at'),
                  value: formatDateTime(lang, current.withdrawAt),
                },
              ]
            : []),
          ...(current.reviewComment
            ? [{ key: langText(lang, '退回理由', 'Returned because'), value: current.reviewComment }]
            : []),
        ]}
      />

      {v.evaluation && (v.evaluation.hits.length > 0 || v.evaluation.problems.length > 0) ? (
        <section aria-labelledby="check-title" class="check-result">
          <h2 id="check-title">{langText(lang, '发布检查结果', 'Publication check')}</h2>
          {v.evaluation.hits.length > 0 ? (
            <HitList lang={lang} column={article.column} hits={v.evaluation.hits} overridable={false} />
          ) : null}
        </section>
      ) : null}

      {v.review ? (
        <section aria-labelledby="review-title">
          <h2 id="review-title">{langText(lang, '审核', 'Review')}</h2>
          {v.ownWork ? (
            <Notice>
              {langText(
                lang,
                '这是您撰写或提交的稿件，须由另一人审核。',
                'You wrote or submitted this; another person must review it.',
              )}
            </Notice>
          ) : (
            <>
              <Form action={`/content/${article.id}/approve`} csrfToken={csrf}>
                <input type="hidden" name="version" value={String(current.version)} />
                {v.review.evaluation.hits.length > 0 ? (
                  <>
                    <p>
                      {langText(
                        lang,
                        '发布检查发现以下内容。确属误报的，逐条写明理由后可以放行，理由记入审计日志；否则请退回修改。',
                        'The publication check found the following. Let a false alarm through with a reason for each (it is audited); otherwise return the article.',
                      )}
                    </p>
                    <HitList
                      lang={lang}
                      column={article.column}
                      hits={v.review.evaluation.hits}
                      overridable
                      values={v.values}
                    />
                  </>
                ) : (
                  <p>{langText(lang, '发布检查未发现问题。', 'The publication check found nothing.')}</p>
                )}
                <TextField
                  name="publishAt"
                  type="datetime-local"
                  label={langText(lang, '定时发布（北京时间）', 'Publish at (Beijing time)')}
                  hint={langText(lang, '不填则立即发布。', 'Leave empty to publish now.')}
                  value={v.values?.publishAt ?? ''}
                  optional
                  width={20}
                  error={errorFor(v.errors, 'publishAt')}
                />
                <Button>{langText(lang, '审核通过并发布', 'Approve and publish')}</Button>
              </Form>
              <Form action={`/content/${article.id}/return`} csrfToken={csrf}>
                <input type="hidden" name="version" value={String(current.version)} />
                <TextArea
                  name="comment"
                  label={langText(lang, '退回理由', 'Why it is returned')}
                  rows={3}
                  value={v.values?.comment ?? ''}
                  error={errorFor(v.errors, 'comment')}
                />
                <Button variant="secondary">{langText(lang, '退回修改', 'Return for changes')}</Button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      {v.mayWithdraw ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{langText(lang, '撤回', 'Withdraw')}</h2>
          <Form action={`/content/${article.id}/withdraw`} csrfToken={csrf}>
            <TextField
              name="reason"
              label={langText(lang, '撤回原因', 'Reason')}
              optional
              value={v.values?.reason ?? ''}
            />
            <Button variant="warning">{langText(lang, '从门户撤下', 'Take it off the portal')}</Button>
          </Form>
        </section>
      ) : null}

      {v.editor ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">
            {langText(
              lang,
              `编辑（第${v.editor.targetVersion}版）`,
              `Edit (version ${v.editor.targetVersion})`,
            )}
          </h2>
          <Form action={`/content/${article.id}`} csrfToken={csrf}>
            <input type="hidden" name="baseVersion" value={String(v.editor.baseVersion)} />
            <div class="content-editor">
              <div class="content-editor__main">
                <ArticleFields
                  lang={lang}
                  column={article.column}
                  input={v.editor.input}
                  errors={v.errors}
                  pictures={v.unitPictures}
                />
                <Checkboxes
                  name="hitsForApprover"
                  legend={langText(lang, '发布检查', 'Publication check')}
                  optional
                  items={[
                    {
                      value: 'yes',
                      label: langText(
                        lang,
                        '检查提示的内容属误报，请审核人判断是否放行',
                        'What the check points out is a false alarm: let the approver decide',
                      ),
                    },
                  ]}
                  values={v.values?.hitsForApprover ? ['yes'] : []}
                />
                <div class="button-group">
                  <Button name="action" value="submit">
                    {langText(lang, '提交审核', 'Submit for review')}
                  </Button>
                  <Button name="action" value="save" variant="secondary">
                    {langText(lang, '保存草稿', 'Save the draft')}
                  </Button>
                </div>
              </div>
              <PicturePanel
                lang={lang}
                articleId={article.id}
                images={v.images ?? []}
                errors={v.errors}
                values={v.values}
              />
            </div>
          </Form>
          <script src="/static/content-pictures.js" defer></script>
        </section>
      ) : null}

      <section aria-labelledby="preview-title">
        <h2 id="preview-title">
          {langText(lang, `预览（第${current.version}版）`, `Preview (version ${current.version})`)}
        </h2>
        <div class="article-body" lang="zh-CN">
          {raw(preview)}
        </div>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{langText(lang, '版本', 'Versions')}</h2>
        <Table
          caption={langText(lang, '全部版本', 'Every version')}
          head={[
            langText(lang, '版本', 'Version'),
            langText(lang, '状态', 'State'),
            langText(lang, '撰写人', 'Author'),
            langText(lang, '审核人', 'Reviewer'),
            langText(lang, '更新时间', 'Updated'),
          ]}
          rows={v.history.map((h) => [
            <a href={`/content/${article.id}/versions/${h.version}`}>
              {langText(lang, `第${h.version}版`, `Version ${h.version}`)}
            </a>,
            <StateTag state={h.state} lang={lang} />,
            h.authorBadge,
            h.reviewerBadge ?? '',
            formatDateTime(lang, h.updatedAt),
          ])}
        />
      </section>
    </Layout>,
  );
}
