import { areaLabel } from '../../shared/catalog/index.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, InsetText, SummaryList, Table } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { DiffRow } from './catalog-authoring.diff.ts';
import { pathLabel } from './catalog-authoring.path-label.ts';
import { Flash, ItemTags, StateTag } from './catalog-authoring.pages.tsx';
import type { ItemRecord, VersionSummary } from './catalog-authoring.repository.ts';
import { langText } from './catalog-authoring.words.ts';

// One guide: where it stands, the decisions open to the approver, its history; and one version compared with
// the one before it.

export interface ItemPageProps {
  ctx: PageContext;
  item: ItemRecord;
  versions: VersionSummary[];
  canEdit: boolean;
  canDecide: boolean;
  /** The officer wrote part of the version in review, so the decision is someone else's. */
  ownWork: boolean;
  flash?: string | undefined;
  /** A refused decision: the comment or reason missing, or rules the version no longer passes. */
  errors?: FieldError[];
  values?: Record<string, string>;
  /** Documents the version in review names that the portal has not been sent: they go with the publication. */
  pendingDocuments?: { path: string; title: string; version: number }[];
}

export function itemPage(p: ItemPageProps): string {
  const { ctx, item } = p;
  const lang = ctx.lang;
  const errors = p.errors ?? [];
  const values = p.values ?? {};
  const name = lang === 'en' ? item.nameEn : item.nameZh;
  const current = p.versions.find((v) => v.version === item.currentVersion);
  const base = `/catalog/${item.id}`;
  const inReview = current?.state === 'in-review';
  const versionLink = (n: number) => (
    <a href={`${base}/versions/${n}`}>{langText(lang, `第${n}版`, `Version ${n}`)}</a>
  );
  return renderPage(
    <Layout ctx={ctx} title={name} hasErrors={errors.length > 0}>
      <BackLink href="/catalog">{langText(lang, '返回办事指南', 'Back to service guides')}</BackLink>
      <ErrorSummary errors={errors} />
      <Flash text={p.flash} />
      <h1>{name}</h1>
      <p>
        <ItemTags lang={lang} row={item} />
      </p>
      <SummaryList
        rows={[
          { key: langText(lang, '事项编号', 'Item id'), value: <code>{item.id}</code> },
          {
            key: langText(lang, '业务类别', 'Business area'),
            value: areaLabel[item.area]?.[lang] ?? item.area,
          },
          {
            key: langText(lang, '实施主体', 'Implementing unit'),
            value: item.unitName ? `${item.unitName}（${item.unitCode}）` : item.unitCode,
          },
          {
            key: langText(lang, '门户上的版本', 'Live on the portal'),
            value:
              item.publishedVersion !== null
                ? versionLink(item.publishedVersion)
                : langText(lang, '未发布', 'Not published'),
          },
          {
            key: langText(lang, '当前版本', 'Current version'),
            value: current ? (
              <>
                {versionLink(current.version)} <StateTag state={current.state} lang={lang} />
              </>
            ) : (
              ''
            ),
          },
          { key: langText(lang, '更新时间', 'Updated'), value: formatDateTime(lang, item.updatedAt) },
        ]}
      />

      {current?.state === 'returned' && current.reviewComment ? (
        <InsetText>
          <strong>
            {langText(
              lang,
              `退回意见（${current.reviewerBadge ?? ''}）：`,
              `Returned by ${current.reviewerBadge ?? ''}: `,
            )}
          </strong>
          {current.reviewComment}
        </InsetText>
      ) : null}

      {p.canEdit ? (
        inReview ? (
          <p>
            {langText(
              lang,
              '当前版本正在审核中，审核结束前不能修改。',
              'The current version is in review; it cannot be changed until decided.',
            )}
          </p>
        ) : (
          <div class="button-group">
            <Button href={`${base}/edit`}>{langText(lang, '编辑', 'Edit')}</Button>
          </div>
        )
      ) : null}

      {p.canDecide && inReview && current ? (
        <section aria-labelledby="review-title">
          <h2 id="review-title">
            {langText(lang, `审核第${current.version}版`, `Review version ${current.version}`)}
          </h2>
          {p.ownWork ? (
            <p>
              {langText(
                lang,
                '您参与编辑了此版本，须由其他审批人员作出决定（双人审核）。',
                'You worked on this version, so another approver must decide on it (four eyes).',
              )}
            </p>
          ) : (
            <>
              <p>
                {current.version > 1 ? (
                  <a href={`${base}/versions/${current.version}`}>
                    {langText(
                      lang,
                      `查看与第${current.version - 1}版的差异`,
                      `See what changed from version ${current.version - 1}`,
                    )}
                  </a>
                ) : (
                  <a href={`${base}/versions/${current.version}`}>
                    {langText(lang, '查看内容', 'See the content')}
                  </a>
                )}
              </p>
              <Form action={`${base}/publish`} csrfToken={ctx.csrfToken ?? ''}>
                <input type="hidden" name="version" value={String(current.version)} />
                <p>
                  {langText(
                    lang,
                    '发布前将再次检查全部发布规则；发布后通过边界平台送达门户。',
                    'All publication rules are checked again first; the guide then goes to the portal through the exchange.',
                  )}
                </p>
                {p.pendingDocuments?.length ? (
                  <>
                    <p>
                      {langText(
                        lang,
                        '以下文件是新的或已更换，将随本次发布一并送往门户，请一并审核：',
                        'These files are new or replaced and go to the portal with this publication; review them too:',
                      )}
                    </p>
                    <ul>
                      {p.pendingDocuments.map((d) => (
                        <li>
                          <a href={`/catalog/documents/${d.path}`}>{d.title}</a> <code>{d.path}</code>{' '}
                          {langText(lang, `第${d.version}版`, `version ${d.version}`)}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                <Button>{langText(lang, '审核通过并发布', 'Approve and publish')}</Button>
              </Form>
              <Form action={`${base}/return`} csrfToken={ctx.csrfToken ?? ''}>
                <input type="hidden" name="version" value={String(current.version)} />
                <TextArea
                  name="comment"
                  label={langText(lang, '退回意见', 'Comment for the editor')}
                  hint={langText(
                    lang,
                    '说明需要修改的内容，编辑人员将看到此意见。',
                    'Say what must change; the editors will see this.',
                  )}
                  value={values.comment}
                  error={errorFor(errors, 'comment')}
                  rows={4}
                />
                <Button variant="secondary">{langText(lang, '退回修改', 'Return for changes')}</Button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      <h2>{langText(lang, '版本历史', 'Version history')}</h2>
      <Table
        caption={langText(lang, '全部版本（最新在前）', 'Every version, newest first')}
        numeric={[0]}
        head={[
          langText(lang, '版本', 'Version'),
          langText(lang, '状态', 'State'),
          langText(lang, '编辑人', 'Written by'),
          langText(lang, '创建时间', 'Created'),
          langText(lang, '审核人', 'Reviewer'),
          langText(lang, '审核意见', 'Comment'),
          langText(lang, '比较', 'Compare'),
        ]}
        rows={p.versions.map((v) => [
          String(v.version),
          <StateTag state={v.state} lang={lang} />,
          [...new Set([v.authorBadge, ...v.editors])].join('、'),
          formatDateTime(lang, v.createdAt),
          v.reviewerBadge ?? '',
          v.reviewComment ??
            (v.withdrawReason
              ? langText(lang, `撤回：${v.withdrawReason}`, `Withdrawn: ${v.withdrawReason}`)
              : ''),
          <a href={`${base}/versions/${v.version}`}>
            {v.version > 1
              ? langText(
                  lang,
                  `第${v.version}版与第${v.version - 1}版比较`,
                  `Version ${v.version} against ${v.version - 1}`,
                )
              : langText(lang, '第1版内容', 'Version 1 content')}
          </a>,
        ])}
      />
      {p.canDecide && item.publishedVersion !== null ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{langText(lang, '撤回', 'Withdraw')}</h2>
          <Form action={`${base}/withdraw`} csrfToken={ctx.csrfToken ?? ''}>
            <TextField
              name="reason"
              label={langText(lang, '撤回原因', 'Reason')}
              optional
              value={values.reason}
              error={errorFor(errors, 'reason')}
            />
            <Button variant="warning">
              {langText(
                lang,
                `从门户撤回第${item.publishedVersion}版`,
                `Take version ${item.publishedVersion} off the portal`,
              )}
            </Button>
          </Form>
        </section>
      ) : null}
    </Layout>,
  );
}

// --------------------------------------------------------------------------------------------- one version

export function versionPage(p: {
  ctx: PageContext;
  item: ItemRecord;
  version: VersionSummary;
  previous: number | undefined;
  diff: DiffRow[];
}): string {
  const { ctx, item, version: v } = p;
  const lang = ctx.lang;
  const name = lang === 'en' ? item.nameEn : item.nameZh;
  const title = langText(lang, `${name} 第${v.version}版`, `${name}, version ${v.version}`);
  const base = `/catalog/${item.id}`;
  const none = <span class="muted">{langText(lang, '（无）', '(none)')}</span>;
  const changeLabel: Record<DiffRow['change'], string> = {
    added: langText(lang, '新增', 'Added'),
    removed: langText(lang, '删除', 'Removed'),
    changed: langText(lang, '修改', 'Changed'),
  };
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href={base}>{langText(lang, '返回事项', 'Back to the item')}</BackLink>
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: langText(lang, '状态', 'State'), value: <StateTag state={v.state} lang={lang} /> },
          {
            key: langText(lang, '编辑人', 'Written by'),
            value: [...new Set([v.authorBadge, ...v.editors])].join('、'),
          },
          { key: langText(lang, '创建时间', 'Created'), value: formatDateTime(lang, v.createdAt) },
          {
            key: langText(lang, '提交审核', 'Submitted'),
            value: v.submittedAt ? `${formatDateTime(lang, v.submittedAt)} ${v.submittedBy ?? ''}` : '',
          },
          { key: langText(lang, '审核人', 'Reviewer'), value: v.reviewerBadge ?? '' },
          {
            key: langText(lang, '审核时间', 'Decided'),
            value: v.decidedAt ? formatDateTime(lang, v.decidedAt) : '',
          },
          { key: langText(lang, '审核意见', 'Review comment'), value: v.reviewComment ?? '' },
          {
            key: langText(lang, '发布时间', 'Published'),
            value: v.publishedAt ? formatDateTime(lang, v.publishedAt) : '',
          },
          ...(v.withdrawnAt
            ? [
                {
                  key: langText(lang, '撤回', 'Withdrawn'),
                  value: `${formatDateTime(lang, v.withdrawnAt)} ${v.withdrawnBy ?? ''} ${v.withdrawReason ?? ''}`,
                },
              ]
            : []),
          // Steps the version has not reached are left out rather than shown as blanks.
        ].filter((row) => row.value !== '')}
      />
      <h2>
        {p.previous !== undefined
          ? langText(lang, `与第${p.previous}版相比的变化`, `Changes from version ${p.previous}`)
          : langText(lang, '第一版的全部内容', 'Everything in the first version')}
      </h2>
      {p.previous !== undefined ? (
        <p>
          <a href={`${base}/versions/${p.previous}`}>
            {langText(lang, `查看第${p.previous}版`, `See version ${p.previous}`)}
          </a>
        </p>
      ) : null}
      {p.diff.length === 0 ? (
        <p>{langText(lang, '内容没有变化。', 'Nothing changed.')}</p>
      ) : (
        <Table
          caption={
            p.previous !== undefined
              ? langText(
                  lang,
                  `第${p.previous}版 → 第${v.version}版，逐项比较`,
                  `Version ${p.previous} → ${v.version}, field by field`,
                )
              : langText(lang, `第${v.version}版，逐项内容`, `Version ${v.version}, field by field`)
          }
          head={[
            langText(lang, '字段', 'Field'),
            langText(lang, '变化', 'Change'),
            langText(lang, '修改前', 'Before'),
            langText(lang, '修改后', 'After'),
          ]}
          rows={p.diff.map((d) => [
            pathLabel(d.path, lang),
            changeLabel[d.change],
            d.before === null ? none : <span class="catalog-before">{d.before}</span>,
            d.after === null ? none : <span class="catalog-after">{d.after}</span>,
          ])}
        />
      )}
    </Layout>,
  );
}
