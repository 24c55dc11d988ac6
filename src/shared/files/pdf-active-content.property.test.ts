import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { inspectPdf } from './pdf-active-content.ts';
import {
  buildPdf,
  spellName,
  spellString,
  type Filter,
  type PdfParts,
  type Spelling,
} from './pdf.fixture.ts';

// Every dangerous construct, however its names and strings are spelled and wherever its objects are stored,
// is refused; every generated plain document, and every form and sample the repository renders, passes.

const spelling: fc.Arbitrary<Spelling> = fc
  .record({
    escapes: fc.array(fc.constantFrom('plain', 'upper', 'lower'), { minLength: 1, maxLength: 12 }),
    string: fc.constantFrom('literal', 'hex', 'octal'),
  })
  .map(({ escapes, string }) => ({
    escapeName: (index: number) => escapes[index % escapes.length] as 'plain' | 'upper' | 'lower',
    string: string as Spelling['string'],
  }));

const storage: fc.Arbitrary<Filter | undefined> = fc.constantFrom(undefined, 'none', 'flate', 'hex-flate');

type Construct = (s: Spelling, scheme: string) => PdfParts;

/** A link annotation on the page whose action is `action` (already spelled). */
const linkWith = (s: Spelling, action: string): PdfParts => {
  const n = (name: string) => spellName(name, s);
  return {
    page: `${n('Annots')} [4 0 R]`,
    objects: [
      `<< ${n('Type')} ${n('Annot')} ${n('Subtype')} ${n('Link')} ${n('Rect')} [0 0 100 100] ${n('A')} ${action} >>`,
    ],
  };
};

const dangerous: Record<string, Construct> = {
  'a script run when the document opens': (s) => ({
    catalog: `${spellName('OpenAction', s)} 4 0 R`,
    objects: [
      `<< ${spellName('S', s)} ${spellName('JavaScript', s)} ${spellName('JS', s)} ${spellString('app.alert(1)', s)} >>`,
    ],
  }),
  'a document-level script in the name tree': (s) => ({
    catalog: `${spellName('Names', s)} << ${spellName('JavaScript', s)} << ${spellName('Names', s)} [(a) 4 0 R] >> >>`,
    objects: [
      `<< ${spellName('S', s)} ${spellName('JavaScript', s)} ${spellName('JS', s)} ${spellString('x()', s)} >>`,
    ],
  }),
  'a script run when the page opens': (s) => ({
    page: `${spellName('AA', s)} << ${spellName('O', s)} 4 0 R >>`,
    objects: [
      `<< ${spellName('S', s)} ${spellName('JavaScript', s)} ${spellName('JS', s)} ${spellString('x()', s)} >>`,
    ],
  }),
  'a link that launches a program': (s) =>
    linkWith(
      s,
      `<< ${spellName('S', s)} ${spellName('Launch', s)} ${spellName('F', s)} ${spellString('cmd.exe', s)} >>`,
    ),
  'an embedded file': (s) => ({
    catalog: `${spellName('Names', s)} << ${spellName('EmbeddedFiles', s)} << ${spellName('Names', s)} [(a.exe) 4 0 R] >> >>`,
    objects: [
      `<< ${spellName('Type', s)} ${spellName('Filespec', s)} ${spellName('F', s)} ${spellString('a.exe', s)} ${spellName('EF', s)} << ${spellName('F', s)} 5 0 R >> >>`,
      { dict: `${spellName('Type', s)} ${spellName('EmbeddedFile', s)}`, data: Buffer.from('MZ\x90\0') },
    ],
  }),
  'a file attachment annotation': (s) => ({
    page: `${spellName('Annots', s)} [4 0 R]`,
    objects: [
      `<< ${spellName('Subtype', s)} ${spellName('FileAttachment', s)} ${spellName('Rect', s)} [0 0 9 9] ${spellName('FS', s)} ${spellString('a.exe', s)} >>`,
    ],
  }),
  'a rich media annotation': (s) => ({
    page: `${spellName('Annots', s)} [4 0 R]`,
    objects: [
      `<< ${spellName('Subtype', s)} ${spellName('RichMedia', s)} ${spellName('Rect', s)} [0 0 9 9] >>`,
    ],
  }),
  'an XFA form': (s) => ({
    catalog: `${spellName('AcroForm', s)} << ${spellName('Fields', s)} [] ${spellName('XFA', s)} 4 0 R >>`,
    objects: [{ dict: '', data: Buffer.from('<xdp:xdp><script>app.alert(1)</script></xdp:xdp>') }],
  }),
  'a link that submits a form': (s) =>
    linkWith(
      s,
      `<< ${spellName('S', s)} ${spellName('SubmitForm', s)} ${spellName('F', s)} ${spellString('https://evil.example/', s)} >>`,
    ),
  'a link that imports data': (s) =>
    linkWith(
      s,
      `<< ${spellName('S', s)} ${spellName('ImportData', s)} ${spellName('F', s)} ${spellString('data.fdf', s)} >>`,
    ),
  'a link to another file': (s) =>
    linkWith(
      s,
      `<< ${spellName('S', s)} ${spellName('GoToR', s)} ${spellName('F', s)} ${spellString('other.pdf', s)} ${spellName('D', s)} [0 /Fit] >>`,
    ),
  'a media rendition': (s) =>
    linkWith(s, `<< ${spellName('S', s)} ${spellName('Rendition', s)} ${spellName('OP', s)} 0 >>`),
  'a javascript: URI': (s, scheme) =>
    linkWith(
      s,
      `<< ${spellName('S', s)} ${spellName('URI', s)} ${spellName('URI', s)} ${spellString(`${scheme}alert(1)`, s)} >>`,
    ),
  'a web page opened when the document opens': (s) => ({
    catalog: `${spellName('OpenAction', s)} << ${spellName('S', s)} ${spellName('URI', s)} ${spellName('URI', s)} ${spellString('https://evil.example/', s)} >>`,
  }),
  'a script chained after a jump': (s) => ({
    catalog: `${spellName('OpenAction', s)} << ${spellName('S', s)} ${spellName('GoTo', s)} ${spellName('D', s)} [3 0 R /Fit] ${spellName('Next', s)} 4 0 R >>`,
    objects: [
      `<< ${spellName('S', s)} ${spellName('JavaScript', s)} ${spellName('JS', s)} ${spellString('x()', s)} >>`,
    ],
  }),
};

const scriptScheme = fc.constantFrom(
  'javascript:',
  'JavaScript:',
  ' javascript:',
  'java\tscript:',
  'java\nscript:',
  'vbscript:',
);

test('every dangerous construct is refused, escaped, hex- or octal-spelled, compressed or in an object stream', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...Object.keys(dangerous)),
      spelling,
      scriptScheme,
      storage,
      async (construct, s, scheme, objectStream) => {
        const parts = (dangerous[construct] as Construct)(s, scheme);
        const refusal = await inspectPdf(buildPdf({ ...parts, objectStream }));
        assert.equal(refusal?.reason, 'active-content', construct);
      },
    ),
    { numRuns: 400 },
  );
});

// Resource names are the producer's choice; the few that spell an active key (`/JS`, `/EF`) are refused by
// design, so the generator leaves them out.
// Names the check refuses wherever they stand, and the two action keys (/AA, /OpenAction) it reads as keys of
// any dictionary: a font resource so named is refused on purpose, so a plain document never uses one.
const ACTIVE = new Set([
  'JS',
  'EF',
  'XFA',
  'JavaScript',
  'Launch',
  'GoToR',
  'GoToE',
  'RichMedia',
  'AA',
  'OpenAction',
]);
const resourceName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,5}$/).filter((name) => !ACTIVE.has(name));
const text = fc.string({ maxLength: 40 }).filter((t) => !/script\s*:/i.test(t.replace(/\s/g, '')));

const benign = fc.record({
  s: spelling,
  objectStream: storage,
  font: resourceName,
  title: text,
  url: fc.webUrl(),
  open: fc.constantFrom('', 'dest', 'goto'),
  pageJump: fc.boolean(),
  words: text,
});

test('generated plain documents pass: links, jumps, fonts, titles, object streams and escaped names', async () => {
  await fc.assert(
    fc.asyncProperty(benign, async ({ s, objectStream, font, title, url, open, pageJump, words }) => {
      const n = (name: string) => spellName(name, s);
      const opening = {
        '': '',
        dest: `${n('OpenAction')} [3 0 R ${n('Fit')}]`,
        goto: `${n('OpenAction')} << ${n('S')} ${n('GoTo')} ${n('D')} [3 0 R ${n('Fit')}] >>`,
      }[open];
      const utf16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(title, 'utf16le').swap16()]);
      const pdf = buildPdf({
        objectStream,
        catalog: `${opening} ${n('PageMode')} ${n('UseNone')}`,
        page: [
          `${n('Resources')} << ${n('Font')} << ${n(font)} 4 0 R >> >>`,
          `${n('Annots')} [5 0 R]`,
          pageJump
            ? `${n('AA')} << ${n('O')} << ${n('S')} ${n('GoTo')} ${n('D')} [3 0 R ${n('Fit')}] >> >>`
            : '',
        ].join(' '),
        objects: [
          `<< ${n('Type')} ${n('Font')} ${n('Subtype')} ${n('Type1')} ${n('BaseFont')} ${n('Helvetica')} >>`,
          `<< ${n('Type')} ${n('Annot')} ${n('Subtype')} ${n('Link')} ${n('Rect')} [0 0 9 9] ${n('A')} << ${n('S')} ${n('URI')} ${n('URI')} ${spellString(url, s)} >> >>`,
          `<< ${n('Title')} <${utf16.toString('hex')}> ${n('Producer')} ${spellString('OpenPSB', s)} >>`,
        ],
        // Content streams are drawing operators, not objects: words there are only text.
        content: `BT /${font} 12 Tf (${words.replace(/[\\()]/g, '')} JavaScript /JS javascript:) Tj ET`,
      });
      assert.equal(await inspectPdf(pdf), undefined);
    }),
    { numRuns: 200 },
  );
});

test('every blank form and sample the repository renders passes', async () => {
  for (const folder of ['forms', 'samples']) {
    const dir = new URL(`../../../catalog/${folder}/`, import.meta.url);
    const names = readdirSync(dir).filter((name) => name.endsWith('.pdf'));
    assert.ok(names.length > 0, folder);
    for (const name of names)
      assert.equal(await inspectPdf(readFileSync(new URL(name, dir))), undefined, `${folder}/${name}`);
  }
});
