import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { Table } from '../../shared/ui/components.tsx';
import { Button, FileField, Form, TextField } from '../../shared/ui/forms.tsx';
import type { ImageSummary } from './content.images.ts';
import { langText } from './content.words.ts';

// The editor's pictures: upload one with its alternative text, then copy its line into the body (or its
// address into an exhibit's picture field). Works without JavaScript: the line is plain text to copy.

export function ImageUploads(p: {
  lang: Lang;
  articleId: number;
  csrf: string;
  images: readonly ImageSummary[];
  errors: FieldError[] | undefined;
  values: Record<string, string> | undefined;
}) {
  const { lang } = p;
  return (
    <section aria-labelledby="images-title" id="images">
      <h2 id="images-title">{langText(lang, '图片', 'Pictures')}</h2>
      <Form action={`/content/${p.articleId}/images`} csrfToken={p.csrf} enctype="multipart/form-data">
        <TextField
          name="uploadAlt"
          label={langText(lang, '替代文字', 'Alternative text')}
          hint={langText(
            lang,
            '说明图片内容，供看不到图片的读者使用；必填。',
            'Say what the picture shows, for readers who cannot see it; required.',
          )}
          value={p.values?.uploadAlt ?? ''}
          required
          error={errorFor(p.errors, 'uploadAlt')}
        />
        <FileField
          name="upload"
          label={langText(lang, '图片文件', 'Picture file')}
          hint={langText(
            lang,
            'PNG、JPEG 或 WebP，不超过2MB；上传后会重新编码并去除拍摄信息。出错时请重新选择文件。',
            'PNG, JPEG or WebP, up to 2 MB; it is re-encoded without its metadata. After an error, choose the file again.',
          )}
          accept="image/png,image/jpeg,image/webp"
          required
          error={errorFor(p.errors, 'upload')}
        />
        <Button variant="secondary">{langText(lang, '上传图片', 'Upload the picture')}</Button>
      </Form>
      {p.images.length > 0 ? (
        <Table
          caption={langText(lang, '已上传的图片', 'Pictures uploaded')}
          head={[
            langText(lang, '图片', 'Picture'),
            langText(lang, '在正文中另起一行写入', 'Line to put in the body'),
          ]}
          rows={p.images.map((image) => [
            <img
              src={`/media/content/${image.name}`}
              alt={image.alt}
              width="120"
              height={String(Math.max(1, Math.round((120 * image.height) / Math.max(1, image.width))))}
            />,
            <code>{`![${image.alt}](/media/content/${image.name})`}</code>,
          ])}
        />
      ) : null}
    </section>
  );
}
