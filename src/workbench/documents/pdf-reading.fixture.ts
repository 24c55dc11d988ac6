import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  type PDFObject,
} from '@cantoo/pdf-lib';

/**
 * What a reader finds in a rendered PDF, read back from its objects rather than from the renderer: the text of
 * every page through each font's ToUnicode map, and the filled squares of the page's paths. It understands the
 * operators pdfkit writes (`Tf`, `TJ` with hex strings, `re`), which is all the documents use.
 */
export interface PdfReading {
  pages: number;
  /** Every page's text in drawing order, without the spaces and line breaks a layout adds. */
  text: string;
  /** The same, page by page. */
  pageTexts: string[];
  /** Every `x y w h re` of every page. */
  rects: { x: number; y: number; w: number; h: number }[];
}

function bytesOf(stream: PDFObject | undefined): string {
  if (!(stream instanceof PDFRawStream)) throw new Error('expected a stream');
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

// A ligature maps to several UTF-16 units, which pdfkit writes with spaces between them: `<0066 0069>` for "fi".
function utf16(hex: string): string {
  return Buffer.from(hex.replace(/\s+/g, ''), 'hex').swap16().toString('utf16le');
}

/** A ToUnicode CMap as code → text: `bfchar`, and `bfrange` in both its offset and array forms. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body = ''] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code = '', text = ''] of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      map.set(parseInt(code, 16), utf16(text));
  for (const [, body = ''] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo = '', hi = '', rest = ''] of body.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const start = parseInt(lo, 16);
      const end = parseInt(hi, 16);
      if (rest.startsWith('[')) {
        [...rest.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach(([, text = ''], i) =>
          map.set(start + i, utf16(text)),
        );
      } else {
        const first = parseInt(rest.slice(1, -1), 16);
        for (let code = start; code <= end; code++) map.set(code, String.fromCodePoint(first + code - start));
      }
    }
  return map;
}

export async function readRenderedPdf(bytes: Uint8Array): Promise<PdfReading> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageTexts: string[] = [];
  const rects: PdfReading['rects'] = [];
  for (const page of pdf.getPages()) {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<number, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = pdf.context.lookup(ref, PDFDict);
      maps.set(name.asString(), parseCmap(bytesOf(font.lookup(PDFName.of('ToUnicode')))));
    }
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((r) => pdf.context.lookup(r)) : [contents];
    const ops = streams.map(bytesOf).join('\n');
    let current: Map<number, string> | undefined;
    let text = '';
    for (const op of ops.matchAll(
      /(\/[^\s/]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+re\b/g,
    )) {
      if (op[1]) current = maps.get(op[1]);
      else if (op[2] !== undefined) {
        if (!current) throw new Error('text drawn before a font was chosen');
        const map = current;
        for (const [, hex = ''] of op[2].matchAll(/<([0-9a-fA-F]*)>/g))
          for (let i = 0; i < hex.length; i += 4)
            text += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
      } else rects.push({ x: Number(op[3]), y: Number(op[4]), w: Number(op[5]), h: Number(op[6]) });
    }
    pageTexts.push(text.replace(/\s+/g, ''));
  }
  return { pages: pdf.getPageCount(), text: pageTexts.join(''), pageTexts, rects };
}
