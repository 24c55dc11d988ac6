import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { namesEncryption, PdfUnreadable, readPdf, type PdfStructure } from './pdf-objects.ts';

/**
 * A PDF is let through the boundary, and into the document library, only without active content: no scripts,
 * no actions that launch programs, open other files or submit forms, no embedded files or media, nothing that
 * runs by itself when the document opens. Plain links are left alone: a viewer asks before following one.
 *
 * The decision is taken on the parsed objects, never on bytes: a PDF name may spell any character as `#xx`
 * (`/JavaScr#69pt`) and a string may be hex or escaped, and readers decode both, as the PDF library does. A
 * document that cannot be parsed, has no catalog, or is encrypted cannot be inspected, so it is refused too.
 */

export type PdfRefusal =
  | { reason: 'active-content'; key: string }
  | { reason: 'encrypted' }
  | { reason: 'unreadable'; detail: string };

const names = (...list: string[]) => new Set(list.map((name) => PDFName.of(name)));

/** Names that mean a script, a program, another file, media or a form that sends data, wherever they are. */
const ACTIVE_NAMES = names(
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'EF',
  'RichMedia',
  'RichMediaExecute',
  'RichMediaContent',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToR',
  'GoToE',
);
/** Action types (`/S`) that play media or 3D content, each able to carry scripts of its own. */
const MEDIA_ACTIONS = names('Rendition', 'Movie', 'Sound', 'GoTo3DView');
/** Annotation types (`/Subtype`) that attach files or play media or 3D content. */
const MEDIA_ANNOTATIONS = names('FileAttachment', '3D', 'Screen', 'Movie', 'Sound');
const ACTION_TYPE = PDFName.of('S');
const SUBTYPE = PDFName.of('Subtype');
const OPEN_ACTION = PDFName.of('OpenAction');
const ADDITIONAL_ACTIONS = PDFName.of('AA');
const GO_TO = PDFName.of('GoTo');
const NEXT = PDFName.of('Next');
const TYPE = PDFName.of('Type');
const CATALOG = PDFName.of('Catalog');
const ROOT = PDFName.of('Root');

// Browsers ignore control characters and spaces in a scheme, so `java\tscript:` is a script URI too.
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028\u2029\ufeff]/g;
const SCRIPT_SCHEME = /^(?:javascript|vbscript):/;

function textOf(string: PDFString | PDFHexString): string {
  try {
    return string.decodeText();
  } catch {
    return string.asString();
  }
}

/** The first active-content key the object holds, looking through dictionaries, arrays and stream dictionaries. */
function activeKeyIn(root: PDFObject): string | undefined {
  const queue: PDFObject[] = [root];
  for (let index = 0; index < queue.length; index++) {
    const object = queue[index] as PDFObject;
    if (object instanceof PDFRawStream) queue.push(object.dict);
    else if (object instanceof PDFArray) for (const item of object.asArray()) queue.push(item);
    else if (object instanceof PDFName && ACTIVE_NAMES.has(object)) return object.decodeText();
    else if (object instanceof PDFString || object instanceof PDFHexString) {
      if (SCRIPT_SCHEME.test(textOf(object).replace(IGNORED_IN_SCHEME, '').toLowerCase()))
        return 'javascript: URI';
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        if (ACTIVE_NAMES.has(key)) return key.decodeText();
        if (value instanceof PDFName && ACTIVE_NAMES.has(value)) return value.decodeText();
        if (key === ACTION_TYPE && value instanceof PDFName && MEDIA_ACTIONS.has(value))
          return value.decodeText();
        if (key === SUBTYPE && value instanceof PDFName && MEDIA_ANNOTATIONS.has(value))
          return value.decodeText();
        queue.push(value);
      }
    }
  }
  return undefined;
}

/**
 * What runs by itself, when the document opens (`/OpenAction`) or on a page or field event (`/AA`), may only
 * be a jump to a place in the same document: a destination, or a GoTo action with nothing chained after it.
 */
function automaticActionIn(root: PDFObject, context: PDFContext): string | undefined {
  const resolve = (object: PDFObject | undefined) =>
    object instanceof PDFRef ? context.lookup(object) : object;
  const isJump = (action: PDFObject | undefined) =>
    action instanceof PDFDict && action.get(ACTION_TYPE) === GO_TO && !action.has(NEXT);
  const isDestination = (target: PDFObject | undefined) =>
    target instanceof PDFArray ||
    target instanceof PDFName ||
    target instanceof PDFString ||
    target instanceof PDFHexString;
  const queue: PDFObject[] = [root];
  for (let index = 0; index < queue.length; index++) {
    const object = queue[index] as PDFObject;
    if (object instanceof PDFRawStream) queue.push(object.dict);
    else if (object instanceof PDFArray) for (const item of object.asArray()) queue.push(item);
    else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        if (key === OPEN_ACTION) {
          const target = resolve(value);
          if (!isDestination(target) && !isJump(target)) return 'OpenAction';
        } else if (key === ADDITIONAL_ACTIONS) {
          const triggers = resolve(value);
          if (!(triggers instanceof PDFDict)) return 'AA';
          if (triggers.values().some((action) => !isJump(resolve(action)))) return 'AA';
        }
        queue.push(value);
      }
    }
  }
  return undefined;
}

/** A catalog a reader would open: the one a trailer names, or failing that any, as readers recover one. */
function hasCatalog({ objects, context, trailers }: PdfStructure): boolean {
  const isCatalog = (object: PDFObject | undefined) =>
    object instanceof PDFDict && object.get(TYPE) === CATALOG;
  return (
    trailers.some((trailer) => isCatalog(context.lookup(trailer.get(ROOT)))) ||
    objects.some((object) => isCatalog(object))
  );
}

/** Why the PDF is refused, or undefined for one without active content that can be read whole. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfRefusal | undefined> {
  let pdf: PdfStructure;
  try {
    pdf = readPdf(bytes);
  } catch (error) {
    if (error instanceof PdfUnreadable) return { reason: 'unreadable', detail: error.detail };
    throw error;
  }
  for (const object of pdf.objects) {
    const key = activeKeyIn(object);
    if (key) return { reason: 'active-content', key };
  }
  for (const object of pdf.objects) {
    const key = automaticActionIn(object, pdf.context);
    if (key) return { reason: 'active-content', key };
  }
  if (pdf.trailers.some(namesEncryption) || pdf.objects.some(namesEncryption)) return { reason: 'encrypted' };
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  if (!head.includes('%PDF-')) return { reason: 'unreadable', detail: 'no-header' };
  if (pdf.damaged) return { reason: 'unreadable', detail: 'damaged' };
  if (!hasCatalog(pdf)) return { reason: 'unreadable', detail: 'no-catalog' };
  return undefined;
}

/** The refusal in a sentence for logs and the quarantine, e.g. `the PDF has active content (JavaScript)`. */
export function describePdfRefusal(refusal: PdfRefusal): string {
  switch (refusal.reason) {
    case 'active-content':
      return `the PDF has active content (${refusal.key})`;
    case 'encrypted':
      return 'the PDF is encrypted, so its content cannot be inspected';
    case 'unreadable':
      return `the PDF cannot be parsed (${refusal.detail})`;
  }
}
