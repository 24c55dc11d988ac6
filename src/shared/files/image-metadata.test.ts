import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { imageTypeOf, stripImageMetadata } from './image-metadata.ts';

// Photos with a planted GPS position: the position is readable before, gone after, and the picture still decodes.

/** A minimal big-endian TIFF with a GPS IFD: latitude N 30° 31′ 12″. */
function gpsExif(): Buffer {
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0: one entry, GPSInfo pointing at the GPS IFD at 26.
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22);
  // GPS IFD: GPSLatitudeRef "N", GPSLatitude three rationals at 56.
  tiff.writeUInt16BE(2, 26);
  tiff.writeUInt16BE(0x0001, 28);
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt16BE(0x0002, 40);
  tiff.writeUInt16BE(5, 42);
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48);
  tiff.writeUInt32BE(0, 52);
  [30, 31, 12].forEach((n, i) => {
    tiff.writeUInt32BE(n, 56 + i * 8);
    tiff.writeUInt32BE(1, 60 + i * 8);
  });
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

function segment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, body.length + 4);
  return out;
}

const picture = () =>
  sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 200, g: 40, b: 40 } } });

test('a JPEG loses its EXIF GPS, other APPn segments, comments and trailing data, and still decodes', async () => {
  const clean = await picture().jpeg().toBuffer();
  // After SOI (and JFIF, when there is one): EXIF with GPS, an XMP-like APP1, a comment; junk after EOI.
  const planted = Buffer.concat([
    clean.subarray(0, 2),
    segment(0xe1, gpsExif()),
    segment(0xed, Buffer.from('Photoshop 3.0\0owner 李示范', 'utf8')),
    segment(0xfe, Buffer.from('taken at 30.52,114.31', 'latin1')),
    clean.subarray(2),
    Buffer.from('appended secret', 'latin1'),
  ]);
  const before = await sharp(planted).metadata();
  assert.ok(before.exif?.includes(Buffer.from('Exif')), 'the planted EXIF is read as EXIF');

  assert.equal(imageTypeOf(planted), 'jpeg');
  const stripped = stripImageMetadata(planted);
  assert.ok(stripped);
  assert.equal((await sharp(stripped).metadata()).exif, undefined);
  for (const trace of ['Exif', 'MM\0*', 'Photoshop', '30.52', 'appended secret'])
    assert.equal(stripped.includes(Buffer.from(trace, 'latin1')), false, trace);
  const pixels = await sharp(stripped, { failOn: 'error' }).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([pixels.info.width, pixels.info.height], [16, 12]);
  // What the encoder wrote is all kept: the stripped file is the clean one.
  assert.deepEqual(stripped, clean);
});

test('a PNG loses eXIf, tEXt, iTXt, zTXt and tIME chunks and keeps its pixels', async () => {
  const clean = await picture().png().toBuffer();
  const iend = clean.length - 12;
  const planted = Buffer.concat([
    clean.subarray(0, 33),
    chunk('eXIf', gpsExif().subarray(6)),
    chunk('tEXt', Buffer.from('GPS\x0030.52,114.31', 'latin1')),
    chunk('iTXt', Buffer.from('Author\0\0\0\0\0李示范', 'utf8')),
    chunk('zTXt', Buffer.from('Comment\0\0x', 'latin1')),
    chunk('tIME', Buffer.from([0x07, 0xea, 12, 6, 10, 0, 0])),
    clean.subarray(33, iend),
    clean.subarray(iend),
    Buffer.from('trailing', 'latin1'),
  ]);
  assert.equal(imageTypeOf(planted), 'png');
  const stripped = stripImageMetadata(planted);
  assert.ok(stripped);
  for (const trace of ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME', '30.52', 'trailing'])
    assert.equal(stripped.includes(Buffer.from(trace, 'latin1')), false, trace);
  assert.deepEqual(stripped, clean);
  const decoded = await sharp(stripped, { failOn: 'error' }).raw().toBuffer({ resolveWithObject: true });
  assert.equal(decoded.info.width, 16);
});

test('the type comes from the bytes; other files and broken structures are refused', () => {
  assert.equal(imageTypeOf(Buffer.from('%PDF-1.7')), undefined);
  assert.equal(imageTypeOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
  assert.equal(stripImageMetadata(Buffer.from('GIF89a')), undefined);
  // A JPEG cut off in a segment, a PNG whose chunk runs past the end.
  assert.equal(stripImageMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00, 0x01])), undefined);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.alloc(13)),
  ]);
  assert.equal(
    stripImageMetadata(Buffer.concat([png, Buffer.from([0, 0, 9, 9, 0x49, 0x44, 0x41, 0x54])])),
    undefined,
  );
});
