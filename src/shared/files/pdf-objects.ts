import {
  decodePDFRawStream,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from '@cantoo/pdf-lib';

/**
 * Every object a PDF reader could reach, read with the PDF library's own object parser: the object after each
 * `obj` keyword anywhere in the file, and every object inside every object stream. A reader finds objects
 * through the cross-reference table, which may point anywhere, even into what a front-to-back parse takes
 * for the inside of a string or a stream; reading after every `obj` keyword covers all of those places.
 */

// Bounds the work a hostile file can cause: a zip bomb stops here and is refused.
export const MAX_DECODED_BYTES = 20 * 1024 * 1024;
// A well-formed file is parsed a little more than once over (object streams add their contents); nested or
// unterminated objects that make every read run to the end of the file are refused long before that turns
// quadratic.
const WORK_PER_BYTE = 3;
const WORK_ALLOWANCE = 1024 * 1024;
// A form of a few pages has hundreds of objects, a long scanned document some thousands; objects that fail to
// parse are rare outside a hostile file, where each one costs an exception.
const MAX_READS = 100_000;
const MAX_FAILED_READS = 1_000;
const CHUNK = 64 * 1024;

export class PdfUnreadable extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

type Cursor = ConstructorParameters<typeof PDFObjectParser>[0];

/** The library's object parser, telling where it stopped, so the work of every read can be counted. */
class ObjectReader extends PDFObjectParser {
  constructor(
    bytes: Uint8Array,
    context: PDFContext,
    private readonly work: Work,
  ) {
    // The library makes its byte cursor only inside this factory; the reader borrows it.
    super((PDFObjectParser.forBytes(bytes, context) as unknown as { bytes: Cursor }).bytes, context);
  }

  /** The object at the offset, or undefined where there is none the library can read. */
  objectAt(offset: number): PDFObject | undefined {
    this.bytes.moveTo(offset);
    this.work.read();
    try {
      return this.parseObject();
    } catch {
      this.work.failed();
      return undefined; // not an object, or too deeply nested for the parser's stack
    } finally {
      this.work.spend(Math.max(0, this.bytes.offset() - offset));
    }
  }

  /** The N object number and offset pairs at the start of an object stream. */
  offsetTable(count: number): [number, number][] {
    this.bytes.moveTo(0);
    const table: [number, number][] = [];
    for (let index = 0; index < count; index++) {
      this.skipWhitespaceAndComments();
      const number = this.parseRawInt();
      this.skipWhitespaceAndComments();
      table.push([number, this.parseRawInt()]);
    }
    this.work.spend(this.bytes.offset());
    return table;
  }

  offset(): number {
    return this.bytes.offset();
  }
}

class Work {
  private left: number;
  private reads = MAX_READS;
  private failures = MAX_FAILED_READS;
  constructor(size: number) {
    this.left = size * WORK_PER_BYTE + WORK_ALLOWANCE;
  }
  spend(amount: number): void {
    this.left -= amount;
    if (this.left < 0) throw new PdfUnreadable('too-complex');
  }
  read(): void {
    if (--this.reads < 0) throw new PdfUnreadable('too-complex');
  }
  failed(): void {
    if (--this.failures < 0) throw new PdfUnreadable('too-complex');
  }
}

class DecodeBudget {
  private left = MAX_DECODED_BYTES;
  spend(amount: number): void {
    this.left -= amount;
    if (this.left < 0) throw new PdfUnreadable('oversized-streams');
  }
}

const TYPE = PDFName.of('Type');
const OBJECT_STREAM = PDFName.of('ObjStm');
const XREF_STREAM = PDFName.of('XRef');
const DECODE_PARMS = PDFName.of('DecodeParms');

/**
 * A stream the library itself decodes while it parses (object and cross-reference streams, found by their
 * type, which may be given by reference), or one a reader could use as an object stream.
 */
function decodedByReaders(stream: PDFRawStream): boolean {
  const type = stream.dict.get(TYPE);
  return (
    type === OBJECT_STREAM ||
    type === XREF_STREAM ||
    type instanceof PDFRef ||
    Boolean(objectStreamShape(stream))
  );
}

function objectStreamShape(stream: PDFRawStream): { count: number; first: number } | undefined {
  const count = stream.dict.get(PDFName.of('N'));
  const first = stream.dict.get(PDFName.of('First'));
  if (!(count instanceof PDFNumber) || !(first instanceof PDFNumber)) return undefined;
  return { count: count.asNumber(), first: first.asNumber() };
}

/** The stream's content through all its filters, never more than the budget allows. */
function decodeBounded(stream: PDFRawStream, budget: DecodeBudget): Uint8Array {
  let decoder;
  try {
    decoder = decodePDFRawStream(stream);
  } catch {
    throw new PdfUnreadable('unsupported-stream-filter');
  }
  const chunks: Uint8Array[] = [];
  for (;;) {
    let chunk: Uint8Array | Uint8ClampedArray;
    try {
      chunk = decoder.getBytes(CHUNK);
    } catch {
      throw new PdfUnreadable('damaged-stream');
    }
    if (chunk.length === 0) break;
    budget.spend(chunk.length);
    chunks.push(Uint8Array.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The objects an object stream holds, each at the offset its table gives, as a reader finds them. */
function objectStreamContents(stream: PDFRawStream, decoded: Uint8Array, work: Work): [number, PDFObject][] {
  const shape = objectStreamShape(stream);
  if (!shape) throw new PdfUnreadable('object-stream-without-table');
  // A predictor would change the bytes the library reads from those a reader reads: nothing to trust.
  const parms = stream.dict.get(DECODE_PARMS);
  if (parms !== undefined) throw new PdfUnreadable('object-stream-predictor');
  const { count, first } = shape;
  if (!Number.isInteger(count) || count < 0 || count > decoded.length || first < 0 || first > decoded.length)
    throw new PdfUnreadable('object-stream-table');
  const reader = new ObjectReader(decoded, PDFContext.create(), work);
  let table: [number, number][];
  try {
    table = reader.offsetTable(count);
  } catch (error) {
    if (error instanceof PdfUnreadable) throw error;
    throw new PdfUnreadable('object-stream-table');
  }
  return table.map(([number, offset]) => {
    const object = reader.objectAt(first + offset);
    if (!object) throw new PdfUnreadable('object-stream-object');
    return [number, object];
  });
}

/** What the file holds, as a reader could find it. */
export interface PdfStructure {
  /** Every object found, numbered or not, with those inside object streams. */
  objects: PDFObject[];
  /** The numbered objects, the later of two with the same number winning as in an incremental update. */
  context: PDFContext;
  /** Every trailer dictionary, and every cross-reference stream's dictionary. */
  trailers: PDFDict[];
  /** An object header whose object cannot be parsed, outside any stream's data. */
  damaged: boolean;
}

// `12 0 obj`: the header's numbers end right before the keyword.
const HEADER = /(\d{1,10})[\0\t\n\f\r ]+(\d{1,5})[\0\t\n\f\r ]+$/;

/**
 * Every object in the file and in its object streams, found as described above. The library's own
 * front-to-back walk is not used: between objects it retries at every byte, which a run of digits or spaces
 * turns quadratic. Throws PdfUnreadable when the streams decode past the bound, the parse work passes its
 * bound, or an object stream cannot be read.
 */
export function readPdf(bytes: Uint8Array): PdfStructure {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const work = new Work(file.length);
  const budget = new DecodeBudget();
  const context = PDFContext.create();
  const reader = new ObjectReader(file, context, work);
  const found: PDFObject[] = [];
  const trailers: PDFDict[] = [];
  const streams: [number, number][] = [];
  const failed: number[] = [];
  for (let at = file.indexOf('obj'); at >= 0; at = file.indexOf('obj', at + 3)) {
    const header = HEADER.exec(file.toString('latin1', Math.max(0, at - 20), at));
    // A header inside a stream's data is only bytes of a picture or a font; anywhere else, one that cannot be
    // parsed is a broken object.
    const object = reader.objectAt(at + 3);
    if (!object) {
      if (header) failed.push(at);
      continue;
    }
    found.push(object);
    if (object instanceof PDFRawStream) streams.push([at, reader.offset()]);
    if (header) context.assign(PDFRef.of(Number(header[1]), Number(header[2])), object);
  }
  for (let at = file.indexOf('trailer'); at >= 0; at = file.indexOf('trailer', at + 7)) {
    const trailer = reader.objectAt(at + 7);
    if (trailer instanceof PDFDict) trailers.push(trailer);
  }
  // Streams are decoded only where a reader would take objects from them; pictures and fonts are left alone.
  const objects: PDFObject[] = [];
  for (let index = 0; index < found.length; index++) {
    const object = found[index] as PDFObject;
    objects.push(object);
    if (!(object instanceof PDFRawStream) || !decodedByReaders(object)) continue;
    if (object.dict.get(TYPE) === XREF_STREAM) trailers.push(object.dict);
    const decoded = decodeBounded(object, budget);
    if (object.dict.get(TYPE) === OBJECT_STREAM || objectStreamShape(object))
      for (const [number, member] of objectStreamContents(object, decoded, work)) {
        found.push(member);
        const ref = PDFRef.of(number, 0);
        if (!context.lookup(ref)) context.assign(ref, member);
      }
  }
  return { objects, context, trailers, damaged: failed.some(outside(streams)) };
}

/** Whether an offset lies outside every span; the spans may nest, as objects hidden in a stream's data do. */
function outside(spans: [number, number][]): (at: number) => boolean {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const reach: number[] = [];
  for (const [, end] of sorted) reach.push(Math.max(end, reach.at(-1) ?? 0));
  return (at) => {
    let low = 0;
    let high = sorted.length; // the first span starting at or after the offset
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] as [number, number])[0] < at) low = middle + 1;
      else high = middle;
    }
    return low === 0 || (reach[low - 1] as number) <= at;
  };
}

/** True when the dictionary is a trailer or cross-reference stream naming an encryption dictionary. */
export function namesEncryption(object: PDFObject): boolean {
  const dict = object instanceof PDFRawStream ? object.dict : object;
  return dict instanceof PDFDict && dict.has(PDFName.of('Encrypt'));
}
