import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { describePdfRefusal, inspectPdf } from '../shared/files/pdf-active-content.ts';
import type { Contract } from './contracts/contract.ts';

/** The only content that crosses: images are rebuilt pixel by pixel, PDFs are parsed and checked for active content. */
const allowed = new Set(['image/jpeg', 'image/png', 'application/pdf']);

interface Attachment {
  name: string;
  declaredType: string;
  data: string;
}

export type FileCheck = { ok: true; payload: unknown } | { ok: false; reason: 'file'; detail: string };

async function reencode(file: Attachment): Promise<Attachment | string> {
  const bytes = Buffer.from(file.data, 'base64');
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed) return `${file.name}: content type not recognised`;
  if (!allowed.has(sniffed.mime)) return `${file.name}: ${sniffed.mime} is not an allowed type`;
  if (sniffed.mime !== file.declaredType) {
    return `${file.name}: declared ${file.declaredType}, content is ${sniffed.mime}`;
  }
  if (sniffed.mime === 'application/pdf') {
    const refusal = await inspectPdf(bytes);
    return refusal ? `${file.name}: ${describePdfRefusal(refusal)}` : file;
  }
  try {
    // sharp writes no metadata unless asked; rotate() first bakes the EXIF orientation into the pixels.
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: 50_000_000 }).rotate();
    const out =
      sniffed.mime === 'image/png'
        ? await image.png().toBuffer()
        : await image.jpeg({ quality: 90 }).toBuffer();
    return { ...file, data: out.toString('base64') };
  } catch (error) {
    return `${file.name}: the image cannot be decoded (${error instanceof Error ? error.message : 'unknown error'})`;
  }
}

/** Re-encodes every file the contract declares; the first refused file refuses the whole message. */
export async function reencodeFiles(contract: Contract, payload: unknown): Promise<FileCheck> {
  if (!contract.files?.length) return { ok: true, payload };
  const out = { ...(payload as Record<string, unknown>) };
  for (const field of contract.files) {
    const value = out[field];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? (value as Attachment[]) : [value as Attachment];
    const rebuilt: Attachment[] = [];
    for (const file of list) {
      const result = await reencode(file);
      if (typeof result === 'string') return { ok: false, reason: 'file', detail: result };
      rebuilt.push(result);
    }
    out[field] = Array.isArray(value) ? rebuilt : rebuilt[0];
  }
  return { ok: true, payload: out };
}
