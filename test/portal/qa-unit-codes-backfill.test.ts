import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { letterStatusChanged } from '../../src/exchange/contracts/index.ts';
import { publicQa } from '../../src/portal/answers/answers.tables.ts';
import { letterEvents, letters } from '../../src/portal/db/schema.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { deliver } from './cases.fixture.ts';
import { publishDemoDirectory } from './directory.fixture.ts';

// Migration 0041 gives the answers, letters and letter steps received before they carried the unit's code the
// code of the one directory unit bearing their unit's name. Its statements after the new column are run here on
// rows set up as they stood before it.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
  await publishDemoDirectory(zone);
});
after(async () => zone.close());

const backfill = readFileSync(
  new URL('../../migrations/portal/0041_qa_unit_codes.sql', import.meta.url),
  'utf8',
)
  .split('--> statement-breakpoint')
  .filter((statement) => !/^\s*ALTER TABLE/.test(statement));

test('the migration names by code the units the directory lists once, and leaves the others as written', async () => {
  const db = zone.services.db;
  const at = zone.services.now();
  const qa = (unitName: string) => ({
    id: randomUUID(),
    topic: 'household' as const,
    question: '问题\n内容',
    answer: '答复',
    unitName,
    askedOn: '2026-11-02',
    publishedAt: at,
  });
  const listed = qa('出入境管理支队');
  const unlisted = qa('未公开单位');
  await db.insert(publicQa).values([listed, unlisted]);

  const me = await registerCitizen(zone);
  const done = await me.client.post('/interaction/write/consultation', {
    topic: 'household',
    subject: '孩子落户需要什么材料',
    body: '想问落户需要带哪些材料。',
    publish: 'yes',
  });
  const letterNumber = /\/my\/letters\/(XJ-\d{8}-[A-Z2-7]{8})$/.exec(String(done.headers.location))![1]!;
  await deliver(zone, letterStatusChanged, {
    letterNumber,
    seq: 1,
    status: 'replied',
    step: 'replied',
    at: at.toISOString(),
    unit: { code: 'SF-HZ', name: '户政管理支队' },
    message: '请到派出所办理。',
    dueOn: null,
  });
  // As a letter stood before migration 0038 gave it the code.
  await db.execute(sql`UPDATE letters SET unit_code = NULL WHERE letter_number = ${letterNumber}`);
  await db.execute(sql`UPDATE letter_events SET unit_code = NULL WHERE unit_code = 'SF-HZ'`);

  for (const statement of backfill) await db.execute(sql.raw(statement));

  const codeOf = async (id: string) =>
    (await db.select({ code: publicQa.unitCode }).from(publicQa).where(eq(publicQa.id, id)))[0]?.code;
  assert.equal(await codeOf(listed.id), 'SF-CRJ');
  assert.equal(await codeOf(unlisted.id), null);
  const [letter] = await db.select().from(letters).where(eq(letters.letterNumber, letterNumber));
  assert.equal(letter?.unitCode, 'SF-HZ');
  const steps = await db.select().from(letterEvents).where(eq(letterEvents.letterId, letter!.id));
  assert.deepEqual(
    steps.filter((s) => s.unitName).map((s) => s.unitCode),
    ['SF-HZ'],
  );

  const page = (await zone.app.inject({ method: 'GET', url: `/qa/${listed.id}?lang=en` })).body;
  assert.match(page, /<h2>Answer from Exit-Entry Administration Division<\/h2>/);
});
