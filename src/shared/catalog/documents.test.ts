import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileTypeFromBuffer } from 'file-type';
import {
  defaultCatalogRoot,
  documentPathsOf,
  documentReferences,
  embeddedSourceHash,
  isDocumentPath,
  loadCatalogDocuments,
  sha256Hex,
} from './documents.ts';
import { sampleItem } from './item.fixture.ts';
import { loadCatalogItems } from './load.ts';

const documents = loadCatalogDocuments();
const byPath = new Map(documents.map((d) => [d.path, d]));

test('every blank form and sample a guide names is in the repository', () => {
  const missing = loadCatalogItems().flatMap((item) =>
    documentPathsOf(item)
      .filter((p) => !byPath.has(p))
      .map((p) => `${item.id}: ${p}`),
  );
  assert.deepEqual(missing, []);
});

test('every document is named by some guide', () => {
  const named = new Set(loadCatalogItems().flatMap((item) => documentPathsOf(item)));
  assert.deepEqual(
    documents.map((d) => d.path).filter((p) => !named.has(p)),
    [],
  );
});

test('every PDF was rendered from its source as it now stands (npm run catalog:documents)', () => {
  const stale = documents.filter((d) => {
    const source = readFileSync(path.join(defaultCatalogRoot, d.path.replace(/\.pdf$/, '.json')));
    return embeddedSourceHash(d.content) !== sha256Hex(source);
  });
  assert.deepEqual(
    stale.map((d) => d.path),
    [],
  );
});

test('every document is a one-page PDF by its content, and small', async () => {
  for (const d of documents) {
    assert.equal((await fileTypeFromBuffer(d.content))?.mime, 'application/pdf', d.path);
    const pages = d.content.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? [];
    assert.equal(pages.length, 1, `${d.path} has ${pages.length} pages`);
    assert.ok(d.content.length < 200 * 1024, `${d.path} is ${d.content.length} bytes`);
  }
});

test('a document is named only by a plain lower-case name in one of the two folders', () => {
  for (const ok of ['forms/crj-application-form.pdf', 'samples/id-card.pdf'])
    assert.ok(isDocumentPath(ok), ok);
  for (const bad of [
    '../package.json',
    'forms/../../package.json',
    'forms/a/b.pdf',
    'forms/.pdf',
    'forms/Form.pdf',
    'forms/x.exe',
    'items/household/birth-registration.json',
    '/etc/passwd',
    'forms/',
  ])
    assert.ok(!isDocumentPath(bad), bad);
});

test('references are found in every material and in the result, with where they are', () => {
  const item = sampleItem();
  const refs = documentReferences(item);
  assert.ok(refs.some((r) => r.at === 'result.sample' && r.path === item.result.sample));
  for (const r of refs.filter((r) => r.at !== 'result.sample'))
    assert.match(r.at, /^situations\[\d+\]\.materials\[\d+\]\.(blankForm|sample)$/);
  // A broken draft (the workbench checks those too) yields what can be read, without throwing.
  assert.deepEqual(documentReferences({ situations: [null, { materials: 'x' }], result: 7 }), []);
});

test('a PDF without its source, or with a source that breaks the schema, is refused', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'openpsb-docs-'));
  mkdirSync(path.join(root, 'forms'));
  writeFileSync(path.join(root, 'forms', 'orphan.pdf'), '%PDF-1.3\n');
  assert.throws(() => loadCatalogDocuments(root), /forms\/orphan\.pdf: no source beside it/);
  writeFileSync(path.join(root, 'forms', 'orphan.json'), JSON.stringify({ kind: 'form', title: 'x' }));
  assert.throws(() => loadCatalogDocuments(root), /breaks the document schema/);
});
