import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Radios } from '../../shared/ui/choices.tsx';
import { BackLink, Table, Tag } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, FileField, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { listDocuments } from './catalog-authoring.documents.ts';
import { Flash } from './catalog-authoring.pages.tsx';
import { langText } from './catalog-authoring.words.ts';

// The document library: the blank forms and samples guides link to, and the form to add or replace one.

type DocumentRow = Awaited<ReturnType<typeof listDocuments>>[number];

export function documentsPage(p: {
  ctx: PageContext;
  rows: DocumentRow[];
  canUpload: boolean;
  flash?: string | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
}): string {
  const { ctx } = p;
  const lang = ctx.lang;
  const title = langText(lang, '空白表格和样本', 'Blank forms and samples');
  const errors = p.errors ?? [];
  const values = p.values ?? {};
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/catalog">{langText(lang, '办事指南管理', 'Service guides')}</BackLink>
      <Flash text={p.flash} />
      <ErrorSummary errors={errors} lang={lang} />
      <h1>{title}</h1>
      <p>
        {langText(
          lang,
          '办事指南按文件名引用这里的文件。文件随引用它的办事指南审核发布时一并送往互联网门户，未经审批不会上网。',
          'Guides name these files by path. A file goes to the portal with the approved publication of a guide that names it, never without a review.',
        )}
      </p>
      <Table
        caption={langText(lang, `共 ${p.rows.length} 个文件`, `${p.rows.length} files`)}
        head={[
          langText(lang, '文件', 'File'),
          langText(lang, '类别', 'Kind'),
          langText(lang, '大小', 'Size'),
          langText(lang, '版本', 'Version'),
          langText(lang, '最后更新', 'Last updated'),
          langText(lang, '门户', 'Portal'),
        ]}
        numeric={[2, 3]}
        rowHeaders
        rows={p.rows.map((d) => [
          <>
            <a href={`/catalog/documents/${d.path}`}>{d.title}</a>
            <br />
            <code>{d.path}</code>
          </>,
          d.kind === 'form' ? langText(lang, '空白表格', 'Blank form') : langText(lang, '样本', 'Sample'),
          `${Math.max(1, Math.round(d.bytes / 1024))} KB`,
          String(d.version),
          `${formatDateTime(lang, d.updatedAt)} · ${d.updatedBy}`,
          d.sentSha256 === d.sha256 ? (
            <Tag tone="green">{langText(lang, '已送达', 'Sent')}</Tag>
          ) : (
            <Tag tone="amber">{langText(lang, '待随指南发布', 'Waits for a publication')}</Tag>
          ),
        ])}
      />

      {p.canUpload ? (
        <>
          <h2 id="upload">{langText(lang, '上传或替换文件', 'Add or replace a file')}</h2>
          <Form action="/catalog/documents" csrfToken={ctx.csrfToken ?? ''} enctype="multipart/form-data">
            <Radios
              name="folder"
              legend={langText(lang, '类别', 'Kind')}
              value={values.folder ?? ''}
              error={errorFor(errors, 'folder')}
              items={[
                { value: 'forms', label: langText(lang, '空白表格（forms/）', 'Blank form (forms/)') },
                { value: 'samples', label: langText(lang, '样本（samples/）', 'Sample (samples/)') },
              ]}
            />
            <TextField
              name="name"
              label={langText(lang, '文件名', 'File name')}
              hint={langText(
                lang,
                '小写英文字母、数字和连字符，例如 crj-application-form。与已有文件同名即替换该文件，版本号加一。',
                'Lower-case letters, digits and hyphens, e.g. crj-application-form. The same name as an existing file replaces it as its next version.',
              )}
              value={values.name ?? ''}
              error={errorFor(errors, 'name')}
              width={30}
              spellcheck={false}
            />
            <TextField
              name="title"
              label={langText(lang, '文件标题', 'Title')}
              hint={langText(lang, '门户上下载链接所用的名称', 'The name the portal gives the download')}
              value={values.title ?? ''}
              error={errorFor(errors, 'title')}
              width={30}
            />
            <FileField
              name="file"
              label={langText(lang, 'PDF 文件', 'PDF file')}
              hint={langText(
                lang,
                '不超过 2 MB。提交未成功时请重新选择文件，其他已填内容会保留。',
                'At most 2 MB. If the form comes back with a problem, choose the file again; everything else is kept.',
              )}
              accept="application/pdf,.pdf"
              error={errorFor(errors, 'file')}
            />
            <Button>{langText(lang, '上传', 'Upload')}</Button>
          </Form>
        </>
      ) : null}
    </Layout>,
  );
}
