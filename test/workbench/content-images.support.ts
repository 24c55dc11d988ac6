import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { csrfFrom, type FormClient } from '../helpers/browser-like.ts';
import type { Workbench } from './support.ts';

// Posting the article editor's form the way its upload button does (multipart, every field with the picture),
// and small pictures that differ by colour, so each gets a name of its own.

export async function postUpload(
  workbench: Workbench,
  client: FormClient,
  id: number,
  fields: Record<string, string>,
  file?: { bytes: Buffer; type: string },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const token = csrfFrom((await client.get(`/content/${id}`)).body) ?? '';
  const mark = '----picture-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: token, ...fields }))
    parts.push(
      Buffer.from(`--${mark}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${mark}\r\nContent-Disposition: form-data; name="upload"; filename="p"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${mark}--\r\n`));
  return workbench.app.inject({
    method: 'POST',
    url: `/content/${id}/images`,
    payload: Buffer.concat(parts),
    remoteAddress: client.remoteAddress,
    headers: {
      cookie: client.cookieHeader(),
      'content-type': `multipart/form-data; boundary=${mark}`,
      ...headers,
    },
  });
}

/**
 * Follows a post's redirect as a browser does: a GET of its location with the client's cookies and the flash
 * the post set (posts sent outside the client leave its cookies alone).
 */
export async function followRedirect(
  workbench: Workbench,
  client: FormClient,
  response: LightMyRequestResponse,
): Promise<LightMyRequestResponse> {
  const set = response.cookies.filter((c) => c.value !== '').map((c) => `${c.name}=${c.value}`);
  return workbench.app.inject({
    method: 'GET',
    url: response.headers.location ?? '',
    remoteAddress: client.remoteAddress,
    headers: { cookie: [...set, client.cookieHeader()].filter(Boolean).join('; ') },
  });
}

export async function colouredPng(background: string): Promise<{ bytes: Buffer; type: string }> {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background } })
    .png()
    .toBuffer();
  return { bytes, type: 'image/png' };
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** What a textarea of the page holds, as the browser would show it. */
export function textareaValue(html: string, name: string): string | undefined {
  const m = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return m?.[1]?.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e).replace(/^\n/, '');
}

export async function newArticle(
  client: FormClient,
  title: string,
  column = 'police-news',
  unitCode = 'SF-D01',
): Promise<number> {
  const created = await client.post('/content', { column, unitCode, title }, { formUrl: '/content/new' });
  return Number(/\/content\/(\d+)$/.exec(created.headers.location ?? '')?.[1]);
}
