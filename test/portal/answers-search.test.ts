import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { kbAnswerPublished, kbAnswerWithdrawn } from '../../src/exchange/contracts/index.ts';
import type { MessageHandler } from '../../src/exchange/facade.ts';
import { answerInboxHandlers } from '../../src/portal/answers/answers.inbox.ts';
import { suggestAnswers } from '../../src/portal/answers/answers.service.ts';
import { publishedAnswerTerms } from '../../src/portal/answers/answers.tables.ts';
import { rows } from '../../src/shared/db/database.ts';
import { searchTextOf } from '../../src/shared/search/zh-query.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// The portal's instant answers on the selective search: the lexeme counts follow what the inbox stores, and a
// question of commonplace words with one rare word finds the rare word's answer first, from bounded shortlists.

let portal: TestZone;
let handlers: MessageHandler[];

before(async () => {
  portal = await startTestZone('portal');
  handlers = answerInboxHandlers(portal.services);
});
after(() => portal.close());

let seq = 0;
async function deliver(contract: { type: string; version: number }, payload: object) {
  const handler = handlers.find((h) => h.type === contract.type && h.version === contract.version)!;
  await portal.services.db.transaction((tx) =>
    handler.handle(tx, payload, {
      messageId: randomUUID(),
      fromZone: 'workbench',
      stream: 'kb:test',
      seq: ++seq,
      type: contract.type,
      version: contract.version,
    }),
  );
}

const at = '2026-03-02T02:00:00.000Z';
async function publish(entry: { entryId?: string; version?: number; question: string; answer: string }) {
  const entryId = entry.entryId ?? randomUUID();
  await deliver(kbAnswerPublished, {
    entryId,
    version: entry.version ?? 1,
    question: entry.question,
    answer: entry.answer,
    keywords: [],
    area: 'other',
    publishedAt: at,
  });
  return entryId;
}

const docsOf = async (term: string) =>
  (await portal.services.db.select().from(publishedAnswerTerms).where(eq(publishedAnswerTerms.term, term)))[0]
    ?.docs ?? 0;

describe('instant answers on the selective search', () => {
  test('a question of commonplace words and one rare word finds the answer with the rare word first', async () => {
    // Forty live answers sharing most of the question's pairs, loaded in one statement as a bulk load would.
    const st = searchTextOf('居民身份证办理材料清单', [], '携带户口簿到派出所办理居民身份证。');
    await portal.services.db.execute(sql`
      INSERT INTO published_answers (entry_id, version, question, answer, area, search_text, search_vector,
        published_at)
      SELECT gen_random_uuid(), 1, '居民身份证办理材料清单', '携带户口簿到派出所办理居民身份证。', 'household',
        ${st}, public.zh_search_tsv(${st}), now()
      FROM generate_series(1, 40)`);
    const dogs = await publish({ question: '烈性犬收容后如何领回？', answer: '携带登记证到收容所领回。' });
    const question = '居民身份证办理材料 烈性犬';
    const found = await suggestAnswers(portal.services.db, question);
    assert.equal(found[0]?.entryId, dogs);
    assert.equal(found.length, 5, 'the commonplace answers follow');
    // With a shortlist budget of five postings the rare pairs come first, and the commoner ones, all together,
    // fill the list from a bounded shortlist.
    const small = await suggestAnswers(portal.services.db, question, 5, 5);
    assert.equal(small[0]?.entryId, dogs);
    assert.equal(small.length, 5);
    assert.deepEqual(await suggestAnswers(portal.services.db, '请问'), []);
    assert.deepEqual(await suggestAnswers(portal.services.db, '天气预报'), []);
  });

  test('the counts of lexemes follow publication, a newer version, a stale one and withdrawal', async () => {
    const before = await docsOf('鹦鹉');
    const live = await docsOf('');
    const id = await publish({ question: '鹦鹉走失怎么办？', answer: '可在网上发布寻物启事。' });
    assert.equal(await docsOf('鹦鹉'), before + 1);
    assert.equal(await docsOf(''), live + 1);
    await publish({
      entryId: id,
      version: 2,
      question: '宠物走失怎么办？',
      answer: '可在网上发布寻物启事。',
    });
    assert.equal(await docsOf('鹦鹉'), before);
    assert.equal(await docsOf('宠物'), 1);
    assert.equal(await docsOf(''), live + 1, 'a new version replaces the old one');
    await publish({
      entryId: id,
      version: 1,
      question: '鹦鹉走失怎么办？',
      answer: '可在网上发布寻物启事。',
    });
    assert.equal(await docsOf('鹦鹉'), before, 'a late older version changes nothing');
    assert.equal((await suggestAnswers(portal.services.db, '宠物走失'))[0]?.entryId, id);
    await deliver(kbAnswerWithdrawn, { entryId: id, version: 2, withdrawnAt: at });
    assert.equal(await docsOf('宠物'), 0);
    assert.equal(await docsOf(''), live);
    assert.deepEqual(await suggestAnswers(portal.services.db, '宠物'), []);
    // A withdrawal that overtook its publication leaves nothing counted when the publication arrives.
    const overtaken = randomUUID();
    await deliver(kbAnswerWithdrawn, { entryId: overtaken, version: 1, withdrawnAt: at });
    await publish({ entryId: overtaken, question: '仓鼠走失怎么办？', answer: '可在网上发布寻物启事。' });
    assert.equal(await docsOf('仓鼠'), 0);
    // Whatever the earlier steps did, the kept counts are the counts.
    const recount = await portal.services.db.execute(sql`
      SELECT term, count(*)::int AS docs FROM (
        SELECT t.term FROM published_answers a, unnest(tsvector_to_array(a.search_vector)) AS t(term)
          WHERE a.withdrawn_at IS NULL
        UNION ALL SELECT '' FROM published_answers WHERE withdrawn_at IS NULL) x
      GROUP BY term`);
    const kept = await portal.services.db.select().from(publishedAnswerTerms);
    assert.deepEqual(
      new Map(kept.filter((r) => r.docs !== 0).map((r) => [r.term, r.docs])),
      new Map(rows<{ term: string; docs: number }>(recount).map((r) => [r.term, Number(r.docs)])),
    );
  });
});
