import type { Child } from 'hono/jsx';
import { displayDate } from '../../shared/application-forms/index.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, InsetText, SummaryList, Tag } from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, FileField, Form, TextArea } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { FormView } from '../page.ts';
import { fileField } from './cases.actions.ts';
import { documentKindWords } from './cases.messages.ts';
import type { DetailView, Verification } from './cases.service.ts';
import type { messages } from './cases.tables.ts';

// The case's two request forms, the in-site messages and the public verification page.

export function withdrawPage({ ctx, view, values = {}, errors = [] }: FormView & { view: DetailView }) {
  const title = inLang(ctx, '撤回申请', 'Withdraw the application');
  const base = `/my/cases/${view.caseNumber}`;
  return requestPage(
    { ctx, view, errors },
    title,
    <>
      <p>
        {inLang(
          ctx,
          `撤回后，“${view.service.zh}”的本次申请将终止办理；如仍需办理，需要重新申请。办理单位确认后办件状态变为“已撤回”。`,
          `Once withdrawn, this application for “${view.service.en}” ends; to go on you would need to apply again. The status becomes “Withdrawn” once the handling unit confirms.`,
        )}
      </p>
      <Form action={`${base}/withdraw`} csrfToken={ctx.csrfToken ?? ''}>
        <TextArea
          name="reason"
          label={inLang(ctx, '撤回原因（选填）', 'Why you are withdrawing (optional)')}
          rows={4}
          value={values.reason}
          error={errorFor(errors, 'reason')}
        />
        <Button variant="warning">{inLang(ctx, '确认撤回', 'Withdraw the application')}</Button>
      </Form>
    </>,
  );
}

export function supplementPage({ ctx, view, values = {}, errors = [] }: FormView & { view: DetailView }) {
  const title = inLang(ctx, '补正材料', 'Send the missing materials');
  const base = `/my/cases/${view.caseNumber}`;
  return requestPage(
    { ctx, view, errors },
    title,
    <>
      <p>
        {inLang(
          ctx,
          '办理单位一次性告知您补正以下材料。请重新上传每项材料（PDF、JPG 或 PNG），需要说明的情况请写在补充说明中。',
          'The handling unit listed everything missing or faulty, all at once. Upload each material again (PDF, JPG or PNG) and explain anything else in the note.',
        )}
      </p>
      <Form action={`${base}/supplement`} csrfToken={ctx.csrfToken ?? ''} enctype="multipart/form-data">
        <TextArea
          name="note"
          label={inLang(ctx, '补充说明（选填）', 'Note (optional)')}
          rows={4}
          value={values.note}
          error={errorFor(errors, 'note')}
        />
        {view.missing.map((m) => (
          <FileField
            name={fileField(m.code)}
            label={m.name}
            hint={`${m.problem ? `${m.problem}。` : ''}${inLang(ctx, '如页面提示错误，需要重新选择文件。', 'If the page shows an error, choose the file again.')}`}
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            error={errorFor(errors, fileField(m.code))}
          />
        ))}
        <Button>{inLang(ctx, '提交补正材料', 'Send the materials')}</Button>
      </Form>
    </>,
  );
}

/** The frame both requests on a case share: back to the case, the problems, the case number over the title. */
function requestPage(
  { ctx, view, errors }: { ctx: PageContext; view: DetailView; errors: FormView['errors'] },
  title: string,
  body: Child,
) {
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={(errors ?? []).length > 0}>
      <div class="narrow">
        <BackLink href={`/my/cases/${view.caseNumber}`} lang={ctx.lang} />
        <ErrorSummary errors={errors ?? []} lang={ctx.lang} />
        <span class="caption">{view.caseNumber}</span>
        <h1>{title}</h1>
        {body}
      </div>
    </Layout>,
  );
}

export function messagesPage({ ctx, list }: { ctx: PageContext; list: (typeof messages.$inferSelect)[] }) {
  const title = inLang(ctx, '站内消息', 'Messages');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/my/cases" lang={ctx.lang} />
      <h1>{title}</h1>
      {list.length === 0 ? (
        <p>{inLang(ctx, '暂无消息。', 'No messages yet.')}</p>
      ) : (
        <ul class="todo-list">
          {list.map((m) => (
            <li class="todo-item">
              {m.link ? (
                <a class="todo-link" href={m.link}>
                  {m.subject[ctx.lang]}
                </a>
              ) : (
                <strong>{m.subject[ctx.lang]}</strong>
              )}{' '}
              {m.readAt ? null : <Tag tone="blue">{inLang(ctx, '未读', 'Unread')}</Tag>}
              <p class="todo-meta">
                {formatDateTime(ctx.lang, m.createdAt)} · {m.body[ctx.lang]}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>,
  );
}

/** Genuine or not, and only what the document itself shows: no case, no applicant beyond the masked name. */
export function verifyPage({
  ctx,
  found,
  code,
}: {
  ctx: PageContext;
  found: Verification | undefined;
  code: string;
}) {
  const title = inLang(ctx, '电子文书核验', 'Verify a document');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {found ? (
        <>
          <div class="notification-banner" role="status">
            {found.valid
              ? inLang(
                  ctx,
                  '核验通过：该文书由公安机关出具，真实有效。',
                  'Genuine: this document was issued by the police and is valid.',
                )
              : inLang(
                  ctx,
                  '该文书由公安机关出具，但已超过有效期。',
                  'Genuine, but this document is no longer valid.',
                )}
          </div>
          <SummaryList
            lang={ctx.lang}
            rows={[
              { key: inLang(ctx, '文书种类', 'Kind'), value: documentKindWords[found.kind][ctx.lang] },
              { key: inLang(ctx, '文书编号', 'Document number'), value: found.documentNumber },
              { key: inLang(ctx, '出具单位', 'Issued by'), value: found.unitName },
              { key: inLang(ctx, '出具日期', 'Issued on'), value: formatDateTime(ctx.lang, found.issuedAt) },
              {
                key: inLang(ctx, '有效期至', 'Valid until'),
                value: found.validUntil
                  ? displayDate(found.validUntil, ctx.lang)
                  : inLang(ctx, '长期', 'No end date'),
              },
              { key: inLang(ctx, '持有人', 'Holder'), value: found.holderMasked },
              {
                key: inLang(ctx, '文件摘要（SHA-256）', 'File digest (SHA-256)'),
                value: <code class="digest">{found.sha256}</code>,
              },
              ...(found.englishSha256
                ? [
                    {
                      key: inLang(ctx, '英文参考译本摘要（SHA-256）', 'English copy’s digest (SHA-256)'),
                      value: <code class="digest">{found.englishSha256}</code>,
                    },
                  ]
                : []),
            ]}
          />
          <InsetText>
            {inLang(
              ctx,
              '请核对纸质或电子文书上的内容与以上信息一致；文件摘要可用于核对电子文件未被改动。',
              'Check that the document in front of you says the same; the digest shows whether an electronic copy was changed.',
            )}
          </InsetText>
        </>
      ) : (
        <>
          <div class="error-summary" role="alert">
            <h2 class="error-summary-title">
              {inLang(
                ctx,
                '未找到该文书：不能确认其真实性',
                'Not found: this document cannot be confirmed as genuine',
              )}
            </h2>
          </div>
          <p>
            {inLang(
              ctx,
              `核验码 ${code} 没有对应的公安机关出具文书。请核对核验码是否输入正确；如文书来源可疑，请勿采信，并可向出具单位核实。`,
              `No police document has the verification code ${code}. Check the code; if the document’s origin is doubtful, do not rely on it and ask the issuing unit.`,
            )}
          </p>
        </>
      )}
    </Layout>,
  );
}
