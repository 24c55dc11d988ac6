import Type, { type Static, type TSchema } from 'typebox';
import type { Lang } from '../../shared/i18n/index.ts';
import type { Evaluation } from './catalog-authoring.check.ts';
import type { DiffRow } from './catalog-authoring.diff.ts';
import type { listDocuments } from './catalog-authoring.documents.ts';
import type { ItemListRow, ItemRecord, VersionSummary } from './catalog-authoring.repository.ts';
import type { CatalogVersionRow } from './catalog-authoring.tables.ts';
import { labelText } from './catalog-authoring.words.ts';

// The catalogue's JSON answers, one shape per resource, built from the rows the pages also show. Dates go out
// as ISO 8601 text. The schemas serve as the routes' response schemas where the answer is JSON.

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ItemListEntry = Type.Object({
  id: Type.String(),
  area: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  unitCode: Type.String(),
  unitName: nullable(Type.String()),
  currentVersion: Type.Integer(),
  publishedVersion: nullable(Type.Integer()),
  status: Type.String(),
  updatedAt: Type.String(),
});
export type ItemListEntry = Static<typeof ItemListEntry>;

export function presentListRow(row: ItemListRow): ItemListEntry {
  return {
    id: row.id,
    area: row.area,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    unitCode: row.unitCode,
    unitName: row.unitName,
    currentVersion: row.currentVersion,
    publishedVersion: row.publishedVersion,
    status: row.status,
    updatedAt: iso(row.updatedAt),
  };
}

export const ItemList = Type.Object({
  items: Type.Array(ItemListEntry),
  total: Type.Integer(),
  page: Type.Integer(),
  pageCount: Type.Integer(),
});

export const ReviewQueue = Type.Object({
  items: Type.Array(
    Type.Object({
      ...ItemListEntry.properties,
      submittedAt: nullable(Type.String()),
      submittedBy: nullable(Type.String()),
    }),
  ),
});

export function presentQueueRow(row: ItemListRow & { submittedAt: Date | null; submittedBy: string | null }) {
  return { ...presentListRow(row), submittedAt: isoOrNull(row.submittedAt), submittedBy: row.submittedBy };
}

/** One guide: where its versions stand. Its unit's place in the org tree stays inside. */
export function presentItem(item: ItemRecord) {
  return {
    id: item.id,
    area: item.area,
    nameZh: item.nameZh,
    nameEn: item.nameEn,
    unitCode: item.unitCode,
    unitName: item.unitName,
    currentVersion: item.currentVersion,
    publishedVersion: item.publishedVersion,
    status: item.status,
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.updatedAt),
  };
}

export function presentVersionSummary(v: VersionSummary) {
  return {
    version: v.version,
    state: v.state,
    authorBadge: v.authorBadge,
    editors: v.editors,
    createdAt: iso(v.createdAt),
    updatedAt: iso(v.updatedAt),
    submittedAt: isoOrNull(v.submittedAt),
    submittedBy: v.submittedBy,
    reviewerBadge: v.reviewerBadge,
    reviewComment: v.reviewComment,
    decidedAt: isoOrNull(v.decidedAt),
    publishedAt: isoOrNull(v.publishedAt),
    withdrawnAt: isoOrNull(v.withdrawnAt),
    withdrawnBy: v.withdrawnBy,
    withdrawReason: v.withdrawReason,
  };
}

/** One version with its content (not the editor's raw input), compared with the one before it. */
export function presentVersion(version: CatalogVersionRow, previous: number | null, diff: DiffRow[]) {
  return {
    version: { ...presentVersionSummary(version), itemId: version.itemId, content: version.content },
    previous,
    diff,
  };
}

export const EvaluationResult = Type.Object({
  ready: Type.Boolean(),
  schemaValid: Type.Boolean(),
  rulesRan: Type.Boolean(),
  problems: Type.Array(
    Type.Object({
      field: Type.String(),
      kind: Type.String(),
      rule: Type.Optional(Type.String()),
      path: Type.Optional(Type.String()),
      message: Type.String(),
    }),
  ),
});
export type EvaluationResult = Static<typeof EvaluationResult>;

/** What the check found, in the reader's language: the editor's script and API clients read the same. */
export function presentEvaluation(evaluation: Evaluation, lang: Lang): EvaluationResult {
  return {
    ready: evaluation.problems.length === 0 && evaluation.schemaValid && evaluation.rulesRan,
    schemaValid: evaluation.schemaValid,
    rulesRan: evaluation.rulesRan,
    problems: evaluation.problems.map((p) => ({
      field: p.field,
      kind: p.kind,
      ...(p.rule ? { rule: p.rule } : {}),
      ...(p.path ? { path: p.path } : {}),
      message: labelText(lang, p.message),
    })),
  };
}

type DocumentRow = Awaited<ReturnType<typeof listDocuments>>[number];

export const DocumentEntry = Type.Object({
  path: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  sha256: Type.String(),
  bytes: Type.Integer(),
  version: Type.Integer(),
  updatedBy: Type.String(),
  updatedAt: Type.String(),
  /** Whether the portal holds this content: it was sent with a publication since it last changed. */
  sent: Type.Boolean(),
});

export const DocumentList = Type.Object({ documents: Type.Array(DocumentEntry) });

export function presentDocument(row: DocumentRow): Static<typeof DocumentEntry> {
  return {
    path: row.path,
    kind: row.kind,
    title: row.title,
    sha256: row.sha256,
    bytes: row.bytes,
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: iso(row.updatedAt),
    sent: row.sentSha256 === row.sha256,
  };
}
