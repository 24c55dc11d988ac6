import type { FastifyReply } from 'fastify';

/**
 * How an uploaded or crossed file is sent back to a browser. Whatever a file holds, it must not run as part of
 * the site: it is saved rather than opened unless its type is a plain picture, and `Content-Security-Policy:
 * sandbox` gives it no origin, no scripts and no forms should a browser render it after all. PDFs are saved,
 * never opened inline: a PDF viewer in the browser is one more thing that could run what the checks missed.
 */

/** Types a browser shows as a picture and nothing else. */
const SAFE_INLINE = new Set(['image/png', 'image/jpeg']);

export interface StoredFile {
  /** The media type the content was checked to be. */
  type: string;
  /** The name to save it under, in any script: `中国公民出入境证件申请表.pdf`. */
  name: string;
  /** An ASCII name for the few clients that ignore `filename*`, e.g. `crj-application-form.pdf`. */
  asciiName: string;
}

// RFC 5987 attr-char leaves out `'`, `(`, `)` and `*`, which encodeURIComponent keeps.
const encodeExtValue = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// Path separators, control characters and bidirectional overrides have no place in a saved file's name.
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f\\/\u202a-\u202e\u2066-\u2069]/g;

/** `attachment; filename="…"; filename*=UTF-8''…`, or `inline` for a picture, with both names encoded safely. */
export function contentDisposition(file: StoredFile): string {
  const disposition = SAFE_INLINE.has(file.type) ? 'inline' : 'attachment';
  const ascii = file.asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const full = file.name.replace(UNSAFE_IN_NAME, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(full)}`;
}

/** The headers every file response carries, set before a 304 as well as before the content. */
export function fileHeaders(reply: FastifyReply, file: StoredFile): FastifyReply {
  return reply
    .type(file.type)
    .header('content-disposition', contentDisposition(file))
    .header('content-security-policy', 'sandbox')
    .header('x-content-type-options', 'nosniff');
}
