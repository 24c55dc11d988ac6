// Photos people upload carry more than pixels: a phone writes where and when it was taken (EXIF GPS), the
// device, sometimes the owner's name. These functions read the file's own structure, with no image library,
// and keep only what draws the picture. The exchange re-encodes images again before they cross; this is the
// portal's own promise that it never stores the metadata at all.

export type ImageType = 'jpeg' | 'png';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type the first bytes say, whatever the name or the declared type claim. */
export function imageTypeOf(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  return undefined;
}

/** The image without its metadata, or undefined when its structure is broken (then it is refused). */
export function stripImageMetadata(bytes: Buffer): Buffer | undefined {
  const type = imageTypeOf(bytes);
  if (type === 'jpeg') return stripJpeg(bytes);
  if (type === 'png') return stripPng(bytes);
  return undefined;
}

// APP1–APP15 hold EXIF (with GPS), XMP, ICC profiles and maker data; COM is free text. APP0 (JFIF) is kept.
const isDroppedJpegMarker = (marker: number) => (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;

function stripJpeg(bytes: Buffer): Buffer | undefined {
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    // Fill bytes may pad before a marker.
    while (bytes[at + 1] === 0xff) at++;
    const marker = bytes[at + 1];
    if (marker === undefined) return undefined;
    if (marker === 0xd9) {
      // End of image: whatever follows (a second picture, appended data) is dropped too.
      out.push(Buffer.from([0xff, 0xd9]));
      return Buffer.concat(out);
    }
    // Markers without a length: restarts outside a scan and the temporary marker.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) return undefined;
    const length = bytes.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return undefined;
    if (!isDroppedJpegMarker(marker)) out.push(bytes.subarray(at, end));
    at = end;
    if (marker !== 0xda) continue;
    // Entropy-coded data after a scan header runs until a marker other than stuffing (FF00) or a restart.
    const start = at;
    while (at + 1 < bytes.length) {
      const next = bytes[at + 1]!;
      if (bytes[at] === 0xff && next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
      at++;
    }
    if (at + 1 >= bytes.length) return undefined;
    out.push(bytes.subarray(start, at));
  }
  return undefined;
}

// Text, EXIF and the modification time; everything else (pixels, palette, colour, transparency) is kept.
const DROPPED_PNG_CHUNKS = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

function stripPng(bytes: Buffer): Buffer | undefined {
  const out: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length || !/^[A-Za-z]{4}$/.test(type)) return undefined;
    if (!DROPPED_PNG_CHUNKS.has(type)) out.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  return undefined;
}
