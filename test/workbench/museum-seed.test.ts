import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { MUSEUM_COLUMN } from '../../src/shared/museum/museum.halls.ts';
import { newsArticles, seedContent } from '../../src/workbench/content/content.seed.ts';
import { contentArticles } from '../../src/workbench/content/content.tables.ts';
import { museumDemo } from '../../src/workbench/content/museum.demo.ts';
import { startWorkbench, type Workbench } from './support.ts';

// An installation from before the museum has the demo news but no exhibits: the next start's seeding gives it
// the demo exhibits, once, and leaves its articles alone.

let workbench: Workbench;
before(async () => {
  workbench = await startWorkbench();
});
after(() => workbench.close());

const counted = async (column?: string) => {
  const query = workbench.services.db.select({ n: count() }).from(contentArticles);
  const [row] = await (column ? query.where(eq(contentArticles.column, column)) : query);
  return row?.n ?? 0;
};

test('an installation without exhibits is given them once; the news is never seeded twice', async () => {
  // As an installation seeded before the museum existed.
  assert.equal(await seedContent(workbench.services, newsArticles), newsArticles.length);
  assert.equal(await counted(MUSEUM_COLUMN), 0);
  assert.equal(await seedContent(workbench.services), museumDemo.length);
  assert.equal(await counted(MUSEUM_COLUMN), museumDemo.length);
  assert.equal(await counted(), newsArticles.length + museumDemo.length);
  // Idempotent: another start adds nothing.
  assert.equal(await seedContent(workbench.services), 0);
  assert.equal(await counted(), newsArticles.length + museumDemo.length);
});
