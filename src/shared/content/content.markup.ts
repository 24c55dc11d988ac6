// The article body: a small, line-based Markdown subset turned into HTML on the server. Every character the
// editor typed is escaped first and only the marks below become elements, so nothing an editor (or a forged
// message) writes can put a script, a style or an event handler on the portal. The subset is chosen for
// accessible pages: headings start at h2 (the title is the page's h1), tables must have a header row, images
// must have alternative text, links are plain same-site paths or http(s) addresses.
//
//   ## 二级标题   ### 三级标题
//   - 列表项      1. 编号列表项
//   | 表头 | 表头 |  followed by  | --- | --- |  then body rows
//   ![替代文字](/media/picture.png)   on a line of its own
//   **加粗**   [链接文字](https://example.org/ or /services/…)

export interface MarkupProblem {
  line: number;
  message: { zh: string; en: string };
}

export interface Rendered {
  html: string;
  problems: MarkupProblem[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const SAFE_URL = /^(?:https?:\/\/[^\s<>"'`]+|\/(?!\/)[A-Za-z0-9\-._~/%?=&#]*)$/;
const SAFE_IMAGE = /^\/(?!\/)[A-Za-z0-9\-._~/%]+\.(?:png|jpe?g|webp|gif|svg)$/i;

/** A picture on this site: what an image in a body or an exhibit's picture field may point to. */
export function isSiteImage(src: string): boolean {
  return SAFE_IMAGE.test(src) && !src.includes('..');
}

/** Bold and links inside one line; the text is escaped piece by piece so a mark can never open a tag. */
function inline(text: string, line: number, problems: MarkupProblem[]): string {
  let out = '';
  const pattern = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    out += escapeHtml(text.slice(last, m.index));
    if (m[1] !== undefined) out += `<strong>${escapeHtml(m[1])}</strong>`;
    else if (m[2] !== undefined && m[3] !== undefined) {
      if (SAFE_URL.test(m[3])) out += `<a href="${escapeHtml(m[3])}">${escapeHtml(m[2])}</a>`;
      else {
        problems.push({
          line,
          message: {
            zh: `第${line}行的链接地址只能是 http(s):// 开头的网址或本站路径。`,
            en: `The link on line ${line} must be an http(s):// address or a path on this site.`,
          },
        });
        out += escapeHtml(m[0]);
      }
    }
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

const cells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

const SEPARATOR = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

export function renderMarkup(source: string): Rendered {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const problems: MarkupProblem[] = [];
  const html: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;
  const flush = () => {
    if (paragraph.length) html.push(`<p>${paragraph.join('<br>')}</p>`);
    paragraph = [];
    if (list) html.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`);
    list = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const text = raw.trim();
    const line = i + 1;
    if (/<\/?[a-z][^>]*>/i.test(text))
      problems.push({
        line,
        message: {
          zh: `第${line}行含有 HTML 标记；正文只接受本页列出的格式，标记会原样显示为文字。`,
          en: `Line ${line} holds HTML; the body takes only the marks listed on this page, so it would show as text.`,
        },
      });
    if (text === '') {
      flush();
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(text);
    if (heading) {
      flush();
      const level = heading[1]?.length ?? 2;
      if (level < 2 || level > 3)
        problems.push({
          line,
          message: {
            zh: `第${line}行：小标题请用“## ”或“### ”（标题本身是一级标题）。`,
            en: `Line ${line}: use "## " or "### " for headings (the title is the page's first-level heading).`,
          },
        });
      const tag = level <= 2 ? 'h2' : 'h3';
      html.push(`<${tag}>${inline(heading[2] ?? '', line, problems)}</${tag}>`);
      continue;
    }
    const image = /^!\[([^\]]*)\]\(([^)\s]*)\)$/.exec(text);
    if (image) {
      flush();
      const alt = (image[1] ?? '').trim();
      const src = image[2] ?? '';
      if (!alt)
        problems.push({
          line,
          message: {
            zh: `第${line}行的图片缺少替代文字：请在 ![ ] 中写明图片内容，供读屏软件朗读。`,
            en: `The image on line ${line} has no alternative text: describe it inside ![ ] for screen readers.`,
          },
        });
      if (!isSiteImage(src)) {
        problems.push({
          line,
          message: {
            zh: `第${line}行的图片地址须是本站图片路径（以 / 开头，.png、.jpg、.webp、.gif 或 .svg 结尾）。`,
            en: `The image on line ${line} must be a picture on this site (a path starting with / ending in .png, .jpg, .webp, .gif or .svg).`,
          },
        });
        continue;
      }
      html.push(`<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy"></figure>`);
      continue;
    }
    if (text.startsWith('|')) {
      flush();
      const start = i;
      const block: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|'))
        block.push((lines[i++] ?? '').trim());
      i--;
      const [head, separator, ...body] = block;
      if (!head || !separator || !SEPARATOR.test(separator)) {
        problems.push({
          line: start + 1,
          message: {
            zh: `第${start + 1}行的表格缺少表头：第一行写列名，第二行写 | --- | --- |。`,
            en: `The table on line ${start + 1} has no header row: column names first, then | --- | --- |.`,
          },
        });
        continue;
      }
      const th = cells(head)
        .map((c) => `<th scope="col">${inline(c, start + 1, problems)}</th>`)
        .join('');
      const tr = body
        .map(
          (r, k) =>
            `<tr>${cells(r)
              .map((c) => `<td>${inline(c, start + 3 + k, problems)}</td>`)
              .join('')}</tr>`,
        )
        .join('');
      html.push(
        `<div class="table-scroll"><table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table></div>`,
      );
      continue;
    }
    const bullet = /^[-*]\s+(.*)$/.exec(text);
    const numbered = /^\d{1,3}[.、]\s*(.*)$/.exec(text);
    const item = bullet ?? numbered;
    if (item) {
      const tag = bullet ? 'ul' : 'ol';
      if (paragraph.length || (list && list.tag !== tag)) flush();
      list ??= { tag, items: [] };
      list.items.push(inline(item[1] ?? '', line, problems));
      continue;
    }
    if (list) flush();
    paragraph.push(inline(text, line, problems));
  }
  flush();
  return { html: html.join('\n'), problems };
}

/** The words of a body without its marks: what search indexes and what a summary may be cut from. */
export function plainText(source: string): string {
  return source
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s*#{1,6}\s+/gm, '')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, '')
    .replace(/\*\*/g, '')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
