import { deflateSync } from 'node:zlib';

// Builds small, valid PDFs for the tests of the active-content check: a catalog, one page, and whatever
// objects a test adds, written either as plain objects or packed into an object stream under a chosen filter,
// with a cross-reference table or stream a reader can follow.

/** How names and strings are spelled: each character of a name may be `#xx`, a string may be hex or octal. */
export interface Spelling {
  /** Which characters of each name are written as `#xx`, by position (cycled), and in which hex case. */
  escapeName: (index: number) => 'plain' | 'upper' | 'lower';
  string: 'literal' | 'hex' | 'octal';
}

export const plainSpelling: Spelling = { escapeName: () => 'plain', string: 'literal' };

export type Filter = 'none' | 'flate' | 'hex-flate';

export interface PdfParts {
  /** Entries added to the catalog dictionary, e.g. `/OpenAction 5 0 R`. */
  catalog?: string;
  /** Entries added to the page dictionary, e.g. `/Annots [6 0 R]`. */
  page?: string;
  /** Further objects, numbered from 4 in order; a `stream` body is written as a stream. */
  objects?: (string | { dict: string; data: Buffer })[];
  /** Pack every object that is not a stream, the catalog too, into an object stream under this filter. */
  objectStream?: Filter;
  /** Page content, compressed. */
  content?: string;
}

export function spellName(name: string, spelling: Spelling): string {
  let out = '/';
  for (let index = 0; index < name.length; index++) {
    const character = name[index] as string;
    const how = spelling.escapeName(index);
    const hex = character.charCodeAt(0).toString(16).padStart(2, '0');
    out += how === 'plain' ? character : `#${how === 'upper' ? hex.toUpperCase() : hex.toLowerCase()}`;
  }
  return out;
}

export function spellString(text: string, spelling: Spelling): string {
  const bytes = Buffer.from(text, 'latin1');
  if (spelling.string === 'hex') return `<${bytes.toString('hex')}>`;
  if (spelling.string === 'octal')
    return `(${[...bytes].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('')})`;
  return `(${text
    .replace(/[\\()]/g, (c) => `\\${c}`)
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')})`;
}

function encode(data: Buffer, filter: Filter): { filter: string; data: Buffer } {
  if (filter === 'none') return { filter: '', data };
  if (filter === 'flate') return { filter: '/Filter /FlateDecode', data: deflateSync(data) };
  return {
    filter: '/Filter [/ASCIIHexDecode /FlateDecode]',
    data: Buffer.from(`${deflateSync(data).toString('hex')}>`),
  };
}

/** A PDF a reader opens: objects 1 catalog, 2 pages, 3 page, then the test's own. */
export function buildPdf(parts: PdfParts = {}): Buffer {
  const content = encode(Buffer.from(parts.content ?? 'BT /F1 12 Tf 72 720 Td (Hello) Tj ET'), 'flate');
  const bodies: (string | { dict: string; data: Buffer })[] = [
    `<< /Type /Catalog /Pages 2 0 R ${parts.catalog ?? ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${(parts.objects?.length ?? 0) + 4} 0 R ${parts.page ?? ''} >>`,
    ...(parts.objects ?? []),
    { dict: content.filter, data: content.data },
  ];
  const packed = new Set<number>();
  if (parts.objectStream) bodies.forEach((body, index) => typeof body === 'string' && packed.add(index + 1));

  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const write = (chunk: string | Buffer) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    chunks.push(buffer);
    length += buffer.length;
  };
  const offsets = new Map<number, number>();
  const writeObject = (number: number, body: string | { dict: string; data: Buffer }) => {
    offsets.set(number, length);
    if (typeof body === 'string') return write(`${number} 0 obj\n${body}\nendobj\n`);
    write(`${number} 0 obj\n<< ${body.dict} /Length ${body.data.length} >>\nstream\n`);
    write(body.data);
    write('\nendstream\nendobj\n');
  };
  bodies.forEach((body, index) => packed.has(index + 1) || writeObject(index + 1, body));

  if (!parts.objectStream) {
    const count = bodies.length + 1;
    const start = length;
    write(`xref\n0 ${count}\n0000000000 65535 f \n`);
    for (let number = 1; number < count; number++)
      write(`${String(offsets.get(number)).padStart(10, '0')} 00000 n \n`);
    write(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${start}\n%%EOF\n`);
    return Buffer.concat(chunks);
  }

  // The object stream: a table of object numbers and offsets, then the objects themselves.
  const streamNumber = bodies.length + 1;
  const members = [...packed];
  let table = '';
  let objects = '';
  for (const number of members) {
    table += `${number} ${objects.length} `;
    objects += `${bodies[number - 1] as string}\n`;
  }
  const packedData = encode(Buffer.from(table + objects, 'latin1'), parts.objectStream);
  writeObject(streamNumber, {
    dict: `/Type /ObjStm /N ${members.length} /First ${table.length} ${packedData.filter}`,
    data: packedData.data,
  });
  const xrefNumber = streamNumber + 1;
  offsets.set(xrefNumber, length);
  const rows: Buffer[] = [Buffer.from([0, 0, 0, 0, 0, 0xff, 0xff])];
  for (let number = 1; number < xrefNumber + 1; number++) {
    const row = Buffer.alloc(7);
    if (packed.has(number)) {
      row.writeUInt8(2, 0);
      row.writeUInt32BE(streamNumber, 1);
      row.writeUInt16BE(members.indexOf(number), 5);
    } else {
      row.writeUInt8(1, 0);
      row.writeUInt32BE(offsets.get(number) ?? 0, 1);
    }
    rows.push(row);
  }
  const xref = Buffer.concat(rows);
  write(
    `${xrefNumber} 0 obj\n<< /Type /XRef /Size ${xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Length ${xref.length} >>\nstream\n`,
  );
  write(xref);
  write(`\nendstream\nendobj\nstartxref\n${offsets.get(xrefNumber)}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
