import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { FileField, TextField } from '../../shared/ui/forms.tsx';
import type { ImageSummary } from './content.images.ts';
import { pictureLine } from './content.picture-markup.ts';
import { langText } from './content.words.ts';

// The editor's pictures, beside the body and inside the editor's form: an upload (alternative text and file)
// and the article's uploaded pictures, each with an insert button. Both are submit buttons of that form, so
// without scripts everything typed is kept with the picture's line placed in the body (at the marker, or at the
// end) and the editor page showing it follows a redirect (content.editor-drafts.ts); content-pictures.js uploads
// and inserts at the cursor instead, without a reload.

export function PicturePanel(p: {
  lang: Lang;
  articleId: number;
  images: readonly ImageSummary[];
  errors: FieldError[] | undefined;
  values: Record<string, string> | undefined;
}) {
  const { lang } = p;
  return (
    <aside
      class="picture-panel"
      aria-labelledby="images-title"
      id="images"
      data-picture-panel=""
      data-words-insert={langText(lang, '插入', 'Insert')}
      data-words-insert-name={langText(lang, '插入图片：', 'Insert the picture: ')}
      data-words-uploading={langText(lang, '正在上传……', 'Uploading…')}
      data-words-inserted={langText(
        lang,
        '图片已插入光标处，保存草稿后才会保存。',
        'The picture was put at the cursor. Save the draft to keep it.',
      )}
    >
      <h2 id="images-title">{langText(lang, '图片', 'Pictures')}</h2>
      <p class="hint">
        {langText(
          lang,
          '上传或点“插入”，图片会放在正文中光标所在处；如浏览器未运行脚本，则放在正文中 [[图片]] 标记处，没有标记时放在末尾。插入后请保存草稿。',
          'Upload or press “Insert” and the picture goes where the cursor is in the body; where scripts do not run, it goes at the marker [[picture]] in the body, or at the end. Save the draft afterwards.',
        )}
      </p>
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
      <button
        class="button button--secondary"
        type="submit"
        formaction={`/content/${p.articleId}/images`}
        formenctype="multipart/form-data"
        data-picture-upload=""
      >
        {langText(lang, '上传并插入', 'Upload and insert')}
      </button>
      <p class="picture-status" role="status" data-picture-status=""></p>
      <h3 id="images-list-title">{langText(lang, '已上传的图片', 'Pictures uploaded')}</h3>
      <p class="hint" data-picture-none="" hidden={p.images.length > 0}>
        {langText(lang, '还没有上传图片。', 'No pictures uploaded yet.')}
      </p>
      <ul class="picture-list" aria-labelledby="images-list-title" data-picture-list="">
        {p.images.map((image) => (
          <PictureItem lang={lang} image={image} />
        ))}
      </ul>
    </aside>
  );
}

function PictureItem({ lang, image }: { lang: Lang; image: ImageSummary }) {
  const path = `/media/content/${image.name}`;
  return (
    <li class="picture-list__item">
      {/* The alternative text is written beside the picture, so the thumbnail itself says nothing more. */}
      <img
        src={path}
        alt=""
        width="96"
        height={String(Math.max(1, Math.round((96 * image.height) / Math.max(1, image.width))))}
      />
      <div class="picture-list__text">
        <p class="picture-list__alt">{image.alt}</p>
        <code class="picture-list__path">{path}</code>
        <button
          class="button button--secondary button--small"
          type="submit"
          name="insert"
          value={image.name}
          aria-label={langText(lang, `插入图片：${image.alt}`, `Insert the picture: ${image.alt}`)}
          data-picture-line={pictureLine(image.alt, path)}
        >
          {langText(lang, '插入', 'Insert')}
        </button>
      </div>
    </li>
  );
}
