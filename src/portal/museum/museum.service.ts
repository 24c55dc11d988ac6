import { and, desc, eq, sql } from 'drizzle-orm';
import { isSiteImage } from '../../shared/content/content.markup.ts';
import type { Executor } from '../../shared/db/database.ts';
import { findHall, MUSEUM_COLUMN } from '../../shared/museum/museum.halls.ts';
import { live } from '../content/content.service.ts';
import { publishedArticles as t, type PublishedArticleRow } from '../content/content.tables.ts';

// The museum's exhibits as the portal holds them: articles of the exhibit column that are live. An exhibit
// whose hall is unknown or whose picture is not a picture on this site (a forged or stale message) is not shown.

export interface ExhibitCard {
  id: number;
  hall: string;
  title: string;
  titleEn: string;
  period: string;
  periodEn: string;
  image: string;
  imageAlt: string;
  imageAltEn: string;
}

const MAX_EXHIBITS = 500;

function cardOf(
  row: Pick<PublishedArticleRow, 'id' | 'title' | 'titleEn' | 'fields'>,
): ExhibitCard | undefined {
  const f = row.fields;
  const card = {
    id: row.id,
    hall: f.hall ?? '',
    title: row.title,
    titleEn: row.titleEn,
    period: f.period ?? '',
    periodEn: f.periodEn ?? '',
    image: f.image ?? '',
    imageAlt: f.imageAlt ?? '',
    imageAltEn: f.imageAltEn ?? '',
  };
  return findHall(card.hall) && isSiteImage(card.image) && card.imageAlt ? card : undefined;
}

/** Every live exhibit, oldest first within the museum (the order they were put on show). */
export async function liveExhibits(db: Executor, today: string, hall?: string): Promise<ExhibitCard[]> {
  const rows = await db
    .select({ id: t.id, title: t.title, titleEn: t.titleEn, fields: t.fields })
    .from(t)
    .where(
      and(eq(t.column, MUSEUM_COLUMN), live(today), hall ? sql`${t.fields} ->> 'hall' = ${hall}` : undefined),
    )
    .orderBy(t.publishedAt, t.id)
    .limit(MAX_EXHIBITS);
  return rows.map(cardOf).filter((c): c is ExhibitCard => c !== undefined);
}

export interface Exhibit extends ExhibitCard {
  row: PublishedArticleRow;
}

export async function liveExhibit(db: Executor, id: number, today: string): Promise<Exhibit | undefined> {
  const [row] = await db
    .select()
    .from(t)
    .where(and(eq(t.id, id), eq(t.column, MUSEUM_COLUMN), live(today)))
    .orderBy(desc(t.version));
  const card = row && cardOf(row);
  return row && card ? { ...card, row } : undefined;
}
