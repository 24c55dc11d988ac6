import { sql } from 'drizzle-orm';
import {
  kbAnswerPublished,
  kbAnswerWithdrawn,
  qaPublished,
  qaWithdrawn,
} from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { checkPublication } from '../../shared/content/publication-check.ts';
import type { Tx } from '../../shared/db/database.ts';
import { searchTextOf } from '../../shared/search/zh-query.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { publicQa, publishedAnswers as t } from './answers.tables.ts';

// What the workbench publishes for the public: instant answers (knowledge-base entries marked public) and the
// spokesperson's questions and answers. The portal runs the publication check once more on arrival, so a text
// that skipped the workbench's check is never shown; such a message is stored withdrawn (kept out), not shown.

const clean = (parts: Record<string, string>, at: string) =>
  checkPublication(parts, todayInShanghai(new Date(at))).length === 0;

async function versionHeld(tx: Tx, entryId: string) {
  const [row] = await tx
    .select({ version: t.version })
    .from(t)
    .where(sql`${t.entryId} = ${entryId}`)
    .for('update');
  return row?.version;
}

export function answerInboxHandlers(_services: ZoneServices): MessageHandler[] {
  return [
    onMessage(kbAnswerPublished, async (tx, m) => {
      const held = await versionHeld(tx, m.entryId);
      if (held !== undefined && held >= m.version) return;
      const shown = clean({ question: m.question, answer: m.answer }, m.publishedAt);
      const searchText = searchTextOf(m.question, m.keywords, m.answer);
      const values = {
        entryId: m.entryId,
        version: m.version,
        question: m.question,
        answer: m.answer,
        area: m.area,
        searchText: shown ? searchText : '',
        searchVector: shown ? sql`public.zh_search_tsv(${searchText})` : sql`''::tsvector`,
        publishedAt: new Date(m.publishedAt),
        withdrawnAt: shown ? null : new Date(m.publishedAt),
      };
      await tx
        .insert(t)
        .values(values)
        .onConflictDoUpdate({ target: t.entryId, set: { ...values, entryId: undefined } });
    }),
    onMessage(kbAnswerWithdrawn, async (tx, m) => {
      const held = await versionHeld(tx, m.entryId);
      if (held !== undefined && held > m.version) return;
      const at = new Date(m.withdrawnAt);
      await tx
        .insert(t)
        .values({ entryId: m.entryId, version: m.version, searchVector: sql`''::tsvector`, withdrawnAt: at })
        .onConflictDoUpdate({ target: t.entryId, set: { withdrawnAt: at, searchVector: sql`''::tsvector` } });
    }),
    onMessage(qaPublished, async (tx, m) => {
      const shown = clean({ question: m.question, answer: m.answer }, m.publishedAt);
      const values = {
        id: m.id,
        topic: m.topic,
        question: m.question,
        answer: m.answer,
        unitName: m.unitName,
        unitCode: m.unitCode ?? null,
        askedOn: m.askedOn,
        publishedAt: new Date(m.publishedAt),
        withdrawnAt: shown ? null : new Date(m.publishedAt),
      };
      // A withdrawal that overtook the publication left its marker: the late publication must not undo it.
      await tx
        .insert(publicQa)
        .values(values)
        .onConflictDoUpdate({
          target: publicQa.id,
          set: {
            ...values,
            id: undefined,
            withdrawnAt: sql`coalesce(${publicQa.withdrawnAt}, ${values.withdrawnAt})`,
          },
        });
    }),
    onMessage(qaWithdrawn, async (tx, m) => {
      const at = new Date(m.withdrawnAt);
      await tx
        .insert(publicQa)
        .values({ id: m.id, withdrawnAt: at })
        .onConflictDoUpdate({ target: publicQa.id, set: { withdrawnAt: at } });
    }),
  ];
}
