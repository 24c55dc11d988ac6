import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { describePdfRefusal, inspectPdf } from '../shared/files/pdf-active-content.ts';
import type { Contract } from './contracts/contract.ts';

/** The only content that crosses: images rebuilt pixel by pixel, PDFs parsed and checked for active content. */
const allowed = new Set(['image/jpeg', 'image/png', 'application/pdf']);

interface Attachment {
  name: string;
  declaredType: string;
  data: string;
}

export type FileCheck = { ok: true; payload: unknown } | { ok: false; reason: 'file'; detail: string };

const IMAGE_LIMITS = { failOn: 'error', limitInputPixels: 50_000_000 } as const;

/** The checks both ends make: content of an allowed type, as declared, and a PDF without active content. */
async function checkContent(file: Attachment, bytes: Buffer): Promise<string | 'image' | 'pdf'> {
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed) return `${file.name}: content type not recognised`;
  if (!allowed.has(sniffed.mime)) return `${file.name}: ${sniffed.mime} is not an allowed type`;
  if (sniffed.mime !== file.declaredType) {
    return `${file.name}: declared ${file.declaredType}, content is ${sniffed.mime}`;
  }
  if (sniffed.mime !== 'application/pdf') return 'image';
  const refusal = await inspectPdf(bytes);
  return refusal ? `${file.name}: ${describePdfRefusal(refusal)}` : 'pdf';
}

/**
 * The sender's half (run by the zone's signer before it signs): images are decoded and re-encoded without
 * metadata, so nothing the uploader put into the file's structure (EXIF, GPS, comments, trailing data) is
 * signed, let alone sent.
 */
async function reencode(file: Attachment): Promise<Attachment | string> {
  const bytes = Buffer.from(file.data, 'base64');
  const content = await checkContent(file, bytes);
  if (content !== 'image') return content === 'pdf' ? file : content;
  try {
    // sharp writes no metadata unless asked; rotate() first bakes the EXIF orientation into the pixels.
    const image = sharp(bytes, IMAGE_LIMITS).rotate();
    const out =
      file.declaredType === 'image/png'
        ? await image.png().toBuffer()
        : await image.jpeg({ quality: 90 }).toBuffer();
    return { ...file, data: out.toString('base64') };
  } catch (error) {
    return `${file.name}: the image cannot be decoded (${error instanceof Error ? error.message : 'unknown error'})`;
  }
}

/**
 * The relay's half. A signed message must reach the receiver byte for byte, so the relay does not re-encode:
 * it checks that each image is in the form the sender's re-encoder produces (only the structural parts of the
 * format, nothing after its end) and that it decodes in full, and refuses the message otherwise. A zone that
 * skipped its re-encoding (or a forged row) is caught here, before any byte of it enters the other network.
 */
async function check(file: Attachment): Promise<string | undefined> {
  const bytes = Buffer.from(file.data, 'base64');
  const content = await checkContent(file, bytes);
  if (content === 'pdf') return undefined;
  if (content !== 'image') return content;
  const extra = file.declaredType === 'image/png' ? pngExtras(bytes) : jpegExtras(bytes);
  if (extra) return `${file.name}: the image carries ${extra}; it must be re-encoded by the sender`;
  try {
    await sharp(bytes, IMAGE_LIMITS).raw().toBuffer();
    return undefined;
  } catch (error) {
    return `${file.name}: the image cannot be decoded (${error instanceof Error ? error.message : 'unknown error'})`;
  }
}

// Critical chunks and the physical size: all a re-encoded PNG has. Text, EXIF, ICC and unknown chunks are not.
const PNG_CHUNKS = new Set(['IHDR', 'PLTE', 'tRNS', 'pHYs', 'IDAT', 'IEND']);

function pngExtras(bytes: Buffer): string | undefined {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (!PNG_CHUNKS.has(type)) return `a ${JSON.stringify(type)} chunk`;
    at += 12 + length;
    if (type === 'IEND') return at === bytes.length ? undefined : 'data after its end';
  }
  return 'no proper end';
}

// Tables, frame and scan headers, restart interval and the JFIF header: all a re-encoded JPEG has. APP1–APP15
// (EXIF, XMP, ICC, Photoshop) and comments are not.
const JPEG_SEGMENTS = new Set([0xc0, 0xc1, 0xc2, 0xc4, 0xdb, 0xdd, 0xe0]);

function jpegExtras(bytes: Buffer): string | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return 'a damaged segment';
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    if (marker !== 0xda && !JPEG_SEGMENTS.has(marker)) return `a 0x${marker.toString(16)} segment`;
    at += 2 + length;
    if (marker !== 0xda) continue;
    // Entropy-coded data: a 0xFF is followed by 0x00 (stuffing) or a restart marker; anything else ends it.
    while (at + 1 < bytes.length) {
      if (bytes[at] === 0xff && bytes[at + 1] !== 0x00 && !(bytes[at + 1]! >= 0xd0 && bytes[at + 1]! <= 0xd7))
        break;
      at++;
    }
    if (bytes[at + 1] === 0xd9) return at + 2 === bytes.length ? undefined : 'data after its end';
  }
  return 'no proper end';
}

type FileStep = (file: Attachment) => Promise<Attachment | string | undefined>;

async function eachFile(contract: Contract, payload: unknown, step: FileStep): Promise<FileCheck> {
  if (!contract.files?.length) return { ok: true, payload };
  const out = { ...(payload as Record<string, unknown>) };
  for (const field of contract.files) {
    const value = out[field];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? (value as Attachment[]) : [value as Attachment];
    const rebuilt: Attachment[] = [];
    for (const file of list) {
      const result = await step(file);
      if (typeof result === 'string') return { ok: false, reason: 'file', detail: result };
      rebuilt.push(result ?? file);
    }
    out[field] = Array.isArray(value) ? rebuilt : rebuilt[0];
  }
  return { ok: true, payload: out };
}

/** Re-encodes every file the contract declares (the sender, before signing); the first refusal refuses all. */
export function reencodeFiles(contract: Contract, payload: unknown): Promise<FileCheck> {
  return eachFile(contract, payload, reencode);
}

/** Checks every file the contract declares without changing a byte (the relay, after the signature). */
export async function checkFiles(contract: Contract, payload: unknown): Promise<FileCheck> {
  const result = await eachFile(contract, payload, check);
  return result.ok ? { ok: true, payload } : result;
}
