/**
 * Renders every blank form and sample under catalog/ from its JSON source into the PDF beside it:
 *
 *   npm run catalog:documents            render what changed
 *   npm run catalog:documents -- --all   render everything again (after a change to the layout)
 *   npm run catalog:documents -- --check report stale or missing PDFs and exit 1 (needs no font)
 *
 * The font is WenQuanYi Micro Hei (Debian: fonts-wqy-microhei), a TrueType font, so the subset embedded in
 * each PDF stays small; another CJK TrueType font can be named with CATALOG_FONT=/path/to/font.ttc.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Value } from 'typebox/value';
import { CatalogDocumentSource } from '../src/shared/catalog/document.schema.ts';
import { documentFolders, sha256Hex, embeddedSourceHash } from '../src/shared/catalog/documents.ts';
import { renderDocument } from './catalog-documents/render.ts';

const root = path.resolve(import.meta.dirname, '..', 'catalog');
const check = process.argv.includes('--check');
const all = process.argv.includes('--all');
const fontPath = process.env.CATALOG_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

let failures = 0;
let rendered = 0;
for (const folder of documentFolders) {
  const dir = path.join(root, folder);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const sourcePath = path.join(dir, file);
    const pdfPath = sourcePath.replace(/\.json$/, '.pdf');
    const raw = readFileSync(sourcePath);
    const hash = sha256Hex(raw);
    const current = existsSync(pdfPath) && embeddedSourceHash(readFileSync(pdfPath)) === hash;
    if (current && !all) continue;
    if (check) {
      console.error(
        `${folder}/${file}: the PDF is missing or was rendered from another version of the source`,
      );
      failures++;
      continue;
    }
    const source: unknown = JSON.parse(raw.toString('utf8'));
    if (!Value.Check(CatalogDocumentSource, source)) {
      const first = [...Value.Errors(CatalogDocumentSource, source)][0];
      console.error(`${folder}/${file}: ${first?.instancePath ?? ''} ${first?.message ?? 'invalid'}`);
      failures++;
      continue;
    }
    try {
      writeFileSync(pdfPath, await renderDocument(source, { fontPath, sourceHash: hash }));
      rendered++;
    } catch (error) {
      console.error(`${folder}/${file}: ${error instanceof Error ? error.message : String(error)}`);
      failures++;
    }
  }
}
console.log(check ? `${failures} stale` : `${rendered} rendered, ${failures} failed`);
process.exitCode = failures ? 1 : 0;
