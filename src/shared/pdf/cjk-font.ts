import { existsSync, readFileSync } from 'node:fs';

// The font every PDF the platform writes (case documents, receipts) sets its Chinese in, found once per zone.

/** A CJK font file and, for a collection (.ttc), the PostScript name of the face to use. */
export interface CjkFont {
  path: string;
  face?: string;
}

/**
 * Where a CJK font is found on Debian: Noto Sans CJK (fonts-noto-cjk, which CI installs) first, then WenQuanYi
 * Micro Hei (fonts-wqy-microhei, which renders the catalogue's forms). OPENPSB_CJK_FONT names another file, with
 * the face after a `#` for a collection: `/path/font.ttc#NotoSansCJKsc-Regular`.
 */
const CANDIDATES: readonly CjkFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
];

export class NoCjkFont extends Error {
  constructor() {
    super(
      'no CJK font for PDF documents: install fonts-noto-cjk or set OPENPSB_CJK_FONT=/path/to/font.ttc#FaceName',
    );
  }
}

export function findCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont {
  const named = env.OPENPSB_CJK_FONT;
  if (named) {
    const [path = '', face] = named.split('#');
    if (!existsSync(path)) throw new NoCjkFont();
    return face ? { path, face } : { path };
  }
  const found = CANDIDATES.find((font) => existsSync(font.path));
  if (!found) throw new NoCjkFont();
  return found;
}

// Collections are tens of megabytes: read each once per process, not once per document.
const loaded = new Map<string, Buffer>();

export function fontBytes(font: CjkFont): Buffer {
  let bytes = loaded.get(font.path);
  if (!bytes) {
    bytes = readFileSync(font.path);
    loaded.set(font.path, bytes);
  }
  return bytes;
}
