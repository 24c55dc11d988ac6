import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import type { ArticleInput } from './content.check.ts';
import { contentEditorDrafts as drafts } from './content.tables.ts';

// The editor's unsaved form, kept across the redirect that follows a picture uploaded or inserted without
// scripts (post, redirect, get): the post keeps what was typed here, with the picture's line placed, and
// redirects to `/content/:id?draft=<id>`, which shows it; reloading that page only reads it again. It is not a
// version of the article (the history, the four-eyes list of editors and the save's checks are untouched): the
// editor still saves when he means to. Each is read only by the officer who typed it, for its article, and only
// for a day, the time an unused picture is kept (content.image-sweep.ts keeps the pictures a live one shows and
// deletes the expired ones).

export const EDITOR_DRAFT_AGE_MS = 24 * 60 * 60 * 1000;
/** An officer's latest unsaved forms of one article still kept: older ones go when a new one is kept. */
const KEPT_PER_ARTICLE = 5;

export interface EditorDraft {
  baseVersion: number;
  input: ArticleInput;
  /** The form's other values the page shows again (the box handing the check's hits to the approver). */
  values: Record<string, string>;
}

/** Keeps the form for its officer and returns the id the editor page's address carries. */
export async function keepEditorDraft(
  db: Executor,
  owner: { articleId: number; badgeNo: string },
  draft: EditorDraft,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await db.insert(drafts).values({
    id,
    articleId: owner.articleId,
    badgeNo: owner.badgeNo,
    baseVersion: draft.baseVersion,
    form: { input: draft.input, values: draft.values },
    createdAt: now,
    expiresAt: new Date(now.getTime() + EDITOR_DRAFT_AGE_MS),
  });
  const older = await db
    .select({ id: drafts.id })
    .from(drafts)
    .where(and(eq(drafts.articleId, owner.articleId), eq(drafts.badgeNo, owner.badgeNo)))
    .orderBy(desc(drafts.createdAt), desc(drafts.id))
    .offset(KEPT_PER_ARTICLE);
  if (older.length > 0)
    await db.delete(drafts).where(
      and(
        eq(drafts.badgeNo, owner.badgeNo),
        inArray(
          drafts.id,
          older.map((d) => d.id),
        ),
      ),
    );
  return id;
}

/** The officer's own unsaved form of the article, while it is kept; another's, or an expired one, is none. */
export async function findEditorDraft(
  db: Executor,
  owner: { id: string; articleId: number; badgeNo: string },
  now: Date,
): Promise<EditorDraft | undefined> {
  const [row] = await db
    .select()
    .from(drafts)
    .where(
      and(
        eq(drafts.id, owner.id),
        eq(drafts.articleId, owner.articleId),
        eq(drafts.badgeNo, owner.badgeNo),
        gt(drafts.expiresAt, now),
      ),
    );
  return row ? { baseVersion: row.baseVersion, ...row.form } : undefined;
}

/** Deletes the expired unsaved forms; the hourly picture sweep calls it. */
export async function deleteExpiredEditorDrafts(db: Executor, now: Date): Promise<number> {
  const gone = await db.delete(drafts).where(lte(drafts.expiresAt, now)).returning({ id: drafts.id });
  return gone.length;
}
