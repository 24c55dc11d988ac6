import { inflateSync } from 'node:zlib';

/**
 * A PDF is let through the boundary, and into the document library, only without active content: no scripts,
 * no actions that launch programs or open other files, no embedded files, no forms that submit or run code.
 * Plain links are left alone: a viewer asks before following one, and exported documents are full of them.
 * Names inside compressed streams (object streams hide whole dictionaries there) are found by inflating each
 * Flate stream and looking inside it too. This is a deny-list of PDF keys, not a full parser: it refuses what
 * a form, a sample or a scanned material never needs; a PDF that hid such a key behind an unusual filter would
 * pass, which is one reason the portal serves PDFs with nosniff and forms as downloads.
 */
const ACTIVE = [
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToR',
  'GoToE',
];
// A PDF name is `/Name` ended by whitespace or a delimiter, so `/JSON` does not count as `/JS`.
const NAME = new RegExp(`/(${ACTIVE.join('|')})(?=[\\s/<>\\[\\]()%{}]|$)`);
const STREAM = /stream\r?\n/g;
// Bounds the work a hostile file can cause: a zip bomb stops here and is refused.
const MAX_INFLATED = 20 * 1024 * 1024;

/** The first active-content key found, e.g. `JavaScript`, or undefined for a PDF without any. */
export function pdfActiveContent(bytes: Buffer): string | undefined {
  const text = bytes.toString('latin1');
  const plain = NAME.exec(text);
  if (plain) return plain[1];
  let budget = MAX_INFLATED;
  for (const match of text.matchAll(STREAM)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'oversized-streams';
      continue; // not Flate (an image, a font under another filter) or damaged: nothing to read
    }
    budget -= inflated.length;
    const hidden = NAME.exec(inflated.toString('latin1'));
    if (hidden) return hidden[1];
  }
  return undefined;
}
