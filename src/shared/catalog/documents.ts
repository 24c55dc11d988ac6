import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { CatalogDocumentSource } from './document.schema.ts';

/**
 * Blank forms and samples: a JSON source and the PDF rendered from it, side by side under `catalog/forms/` and
 * `catalog/samples/`. The PDF records the hash of the source it was rendered from, so a stale PDF is caught by a
 * test without the renderer or its font.
 */
/** The `catalog/` folder of the repository, wherever the process was started. */
export const defaultCatalogRoot = fileURLToPath(new URL('../../../catalog/', import.meta.url));

export const documentFolders = ['forms', 'samples'] as const;
export type DocumentFolder = (typeof documentFolders)[number];

// A document is named by its folder and a plain file name, e.g. `forms/crj-application-form.pdf`.
export const DOCUMENT_PATH = /^(forms|samples)\/[a-z0-9][a-z0-9-]{0,100}\.pdf$/;

export function isDocumentPath(value: string): boolean {
  return DOCUMENT_PATH.test(value);
}

export function sha256Hex(source: Buffer | string): string {
  return createHash('sha256').update(source).digest('hex');
}

const SOURCE_MARK = /openpsb-source-sha256:([0-9a-f]{64})/;

export function embeddedSourceHash(pdf: Buffer): string | undefined {
  return SOURCE_MARK.exec(pdf.toString('latin1'))?.[1];
}

/** Where a guide names a document, and which: every material's blank form and sample, and the result's sample. */
export interface DocumentReference {
  path: string;
  // A dotted path into the item, as the workbench reports problems, e.g. `situations[0].materials[2].blankForm`.
  at: string;
}

export function documentReferences(item: unknown): DocumentReference[] {
  const refs: DocumentReference[] = [];
  const record = (value: unknown, at: string) => {
    if (typeof value === 'string' && value) refs.push({ path: value, at });
  };
  const situations = (item as { situations?: unknown }).situations;
  if (Array.isArray(situations)) {
    situations.forEach((situation: unknown, s) => {
      const materials = (situation as { materials?: unknown } | null)?.materials;
      if (!Array.isArray(materials)) return;
      materials.forEach((material: unknown, m) => {
        const { blankForm, sample } = (material ?? {}) as { blankForm?: unknown; sample?: unknown };
        record(blankForm, `situations[${s}].materials[${m}].blankForm`);
        record(sample, `situations[${s}].materials[${m}].sample`);
      });
    });
  }
  record((item as { result?: { sample?: unknown } }).result?.sample, 'result.sample');
  return refs;
}

/** The distinct document paths a guide names. */
export function documentPathsOf(item: unknown): string[] {
  return [...new Set(documentReferences(item).map((r) => r.path))];
}

export interface CatalogDocumentFile {
  path: string;
  kind: 'form' | 'sample';
  title: string;
  content: Buffer;
  sha256: string;
}

/**
 * The rendered documents under `catalog/`: each PDF with the kind and title from its source. A PDF without a
 * source, or a source that does not parse, is an error: the files are reviewed data, not a drop box.
 */
export function loadCatalogDocuments(catalogRoot: string = defaultCatalogRoot): CatalogDocumentFile[] {
  const out: CatalogDocumentFile[] = [];
  for (const folder of documentFolders) {
    const dir = path.join(catalogRoot, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.pdf'))
      .sort()) {
      const docPath = `${folder}/${name}`;
      if (!isDocumentPath(docPath)) throw new Error(`catalog/${docPath}: not a plain lower-case name`);
      const sourceFile = path.join(dir, name.replace(/\.pdf$/, '.json'));
      if (!existsSync(sourceFile)) throw new Error(`catalog/${docPath}: no source beside it`);
      const source: unknown = JSON.parse(readFileSync(sourceFile, 'utf8'));
      if (!Value.Check(CatalogDocumentSource, source))
        throw new Error(`catalog/${docPath}: its source breaks the document schema`);
      const content = readFileSync(path.join(dir, name));
      out.push({
        path: docPath,
        kind: source.kind,
        title: source.title,
        content,
        sha256: sha256Hex(content),
      });
    }
  }
  return out;
}
