import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { auditLog, letters, outbox } from '../../src/workbench/db/schema.ts';
import { qaPublications } from '../../src/workbench/qa/qa.tables.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// Public Q&A under four eyes: one network spokesperson drafts from an answered letter, another publishes it or
// returns it with a comment; the writer of a draft may never publish it himself, and every step is audited.

let zone: Workbench;
let drafter: FormClient;
let checker: FormClient;
let drafterBadge: string;
let checkerBadge: string;
before(async () => {
  zone = await startWorkbench();
  const a = await makeOfficer(zone, {
    unitCode: 'SF-0000',
    role: 'network-spokesperson',
    scope: 'all',
    enrolled: true,
  });
  const b = await makeOfficer(zone, {
    unitCode: 'SF-0000',
    role: 'network-spokesperson',
    scope: 'all',
    enrolled: true,
  });
  [drafterBadge, checkerBadge] = [a.badgeNo, b.badgeNo];
  drafter = await logIn(zone, a);
  checker = await logIn(zone, b);
});
after(() => zone.close());

let serial = 0;
async function answeredLetter(): Promise<string> {
  const letterNumber = `XJ-20261206-QAREV0${++serial}`;
  const now = zone.services.now();
  await zone.services.db.insert(letters).values({
    letterNumber,
    kind: 'consultation',
    topic: 'household',
    subject: '新生儿落户',
    body: '孩子刚出生，怎么落户？',
    publishAllowed: true,
    anonymous: true,
    unitCode: 'SF-HZ',
    unitPath: 'SF-0000/SF-HZ',
    workflowId: 'letter',
    workflowVersion: 1,
    state: 'replied',
    reply: '请携带出生医学证明和父母户口簿到派出所办理。',
    receivedAt: now,
    updatedAt: now,
  });
  return letterNumber;
}

const draftOf = async (letterNumber: string) =>
  (
    await zone.services.db.select().from(qaPublications).where(eq(qaPublications.letterNumber, letterNumber))
  )[0]!;
const crossed = async (id: string) =>
  zone.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.type, 'qa.published'), eq(outbox.stream, `qa:${id}`)));
const audited = async (id: string) =>
  (
    await zone.services.db
      .select()
      .from(auditLog)
      .where(like(auditLog.target, `qa:${id}`))
      .orderBy(auditLog.seq)
  ).map((r) => [r.action, r.actor]);

describe('public Q&A review', () => {
  test('a draft is returned with a comment, rewritten, and published by the other spokesperson only', async () => {
    const letterNumber = await answeredLetter();
    const sent = await drafter.post(`/qa/letters/${letterNumber}`, {
      question: '新生儿落户\n孩子刚出生，怎么落户？',
      answer: '请携带出生医学证明和父母户口簿到派出所办理。',
    });
    assert.equal(sent.statusCode, 303);
    const draft = await draftOf(letterNumber);
    assert.equal(draft.state, 'in-review');
    assert.equal(draft.draftedBy, drafterBadge);

    // The overview offers the review to the other spokesperson, not to the writer.
    assert.ok(!(await drafter.get('/qa')).body.includes(`/qa/${draft.id}/review`));
    assert.match((await checker.get('/qa')).body, new RegExp(`/qa/${draft.id}/review`));
    assert.match((await drafter.get(`/qa/${draft.id}/review`)).body, /须由另一名网络发言人审核/);
    assert.equal((await drafter.post(`/qa/${draft.id}/review`, { decision: 'approve' })).statusCode, 403);

    // Returning needs a comment; the form keeps the decision.
    const bare = await checker.post(`/qa/${draft.id}/review`, { decision: 'return' });
    assert.equal(bare.statusCode, 422);
    assert.match(bare.body, /退回时请填写审核意见/);
    assert.match(bare.body, /value="return"[^>]*checked/);
    const back = await checker.post(`/qa/${draft.id}/review`, {
      decision: 'return',
      comment: '补充办理时限',
    });
    assert.equal(back.statusCode, 303);
    assert.equal((await draftOf(letterNumber)).state, 'draft');
    assert.equal((await crossed(draft.id)).length, 0);

    // The returned draft comes back to the list with the comment, and starts from its own texts.
    assert.match((await drafter.get('/qa')).body, /已退回修改/);
    const again = await drafter.get(`/qa/letters/${letterNumber}`);
    assert.match(again.body, /补充办理时限/);
    assert.match(again.body, /孩子刚出生，怎么落户？/);
    const resent = await drafter.post(`/qa/letters/${letterNumber}`, {
      question: '新生儿落户\n孩子刚出生，怎么落户？',
      answer: '出生一个月内，请携带出生医学证明和父母户口簿到派出所办理。',
    });
    assert.equal(resent.statusCode, 303);

    const approved = await checker.post(`/qa/${draft.id}/review`, { decision: 'approve' });
    assert.equal(approved.statusCode, 303);
    const done = await draftOf(letterNumber);
    assert.equal(done.state, 'published');
    assert.equal(done.publishedBy, checkerBadge);
    const [message] = await crossed(draft.id);
    assert.match(JSON.stringify(message?.payload), /出生一个月内/);
    assert.deepEqual(await audited(draft.id), [
      ['qa.submit', drafterBadge],
      ['qa.return', checkerBadge],
      ['qa.submit', drafterBadge],
      ['qa.publish', checkerBadge],
    ]);

    // A published one is not reviewed twice; it can be withdrawn, once.
    assert.equal((await checker.post(`/qa/${draft.id}/review`, { decision: 'approve' })).statusCode, 409);
    assert.equal((await drafter.post(`/qa/${draft.id}/withdraw`, {}, { formUrl: '/qa' })).statusCode, 303);
    assert.equal((await draftOf(letterNumber)).state, 'withdrawn');
    assert.equal((await drafter.post(`/qa/${draft.id}/withdraw`, {}, { formUrl: '/qa' })).statusCode, 409);
  });

  test('a letter drafted once is not drafted again while it waits', async () => {
    const letterNumber = await answeredLetter();
    const body = { question: '问题', answer: '答复' };
    assert.equal((await drafter.post(`/qa/letters/${letterNumber}`, body)).statusCode, 303);
    assert.equal(
      (await checker.post(`/qa/letters/${letterNumber}`, body, { formUrl: '/qa' })).statusCode,
      409,
    );
    assert.equal((await checker.get(`/qa/letters/${letterNumber}`)).statusCode, 409);
  });

  test('the review page and its refusals are in English when asked', async () => {
    const letterNumber = await answeredLetter();
    await drafter.post(`/qa/letters/${letterNumber}`, { question: '问题', answer: '答复' });
    const draft = await draftOf(letterNumber);
    const page = await checker.get(`/qa/${draft.id}/review?lang=en`);
    assert.match(page.body, /Review a question and answer/);
    const refused = await checker.post(`/qa/${draft.id}/review?lang=en`, {});
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Choose a decision/);
  });
});
