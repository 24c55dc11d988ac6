import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { outbox } from '../../src/exchange/tables.ts';
import { auditLog, cases } from '../../src/workbench/db/schema.ts';
import { openCase, SERVICES, startCaseWorkbench } from './cases.support.ts';
import { logIn, makeOfficer, type Workbench } from './support.ts';

// The window channel: the clerk records the rating a person gave on the counter device, by case number, for
// a finished case of his unit; it crosses to the portal, which keeps ratings. A case of another unit is not
// there; an unfinished one cannot be rated.

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(() => zone.close());

test('the window records a finished case’s rating by case number; other units’ cases are not there', async () => {
  const { row } = await openCase(zone, SERVICES.certificate);
  const clerk = await logIn(
    zone,
    await makeOfficer(zone, { unitCode: row.unitCode, role: 'window-clerk', enrolled: true }),
  );
  const page = '/ratings/window';
  assert.match((await clerk.get(page)).body, /窗口评价登记/);
  const early = await clerk.post(page, { number: row.caseNumber, level: '5' }, { formUrl: page });
  assert.equal(early.statusCode, 409);
  await zone.services.db
    .update(cases)
    .set({ state: 'completed' })
    .where(eq(cases.caseNumber, row.caseNumber));
  const bare = await clerk.post(
    page,
    { number: row.caseNumber, level: '1', comment: '排队久' },
    { formUrl: page },
  );
  assert.equal(bare.statusCode, 422);
  assert.match(bare.body, /排队久/);
  const done = await clerk.post(
    page,
    { number: row.caseNumber.toLowerCase(), level: '1', reasons: '514' },
    { formUrl: page },
  );
  assert.equal(done.statusCode, 303);
  const [sent] = await zone.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.stream, `case:${row.caseNumber}`), eq(outbox.type, 'rating.window.recorded')));
  assert.deepEqual((sent?.payload as { level: number; subject: unknown }).subject, {
    kind: 'case',
    number: row.caseNumber,
  });
  const [audited] = await zone.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'rating.window.recorded'), eq(auditLog.target, `case:${row.caseNumber}`)));
  assert.ok(audited);

  const elsewhere = await logIn(
    zone,
    await makeOfficer(zone, { unitCode: 'SF-D02-P01', role: 'window-clerk', enrolled: true }),
  );
  const foreign = await elsewhere.post(page, { number: row.caseNumber, level: '5' }, { formUrl: page });
  assert.equal(foreign.statusCode, 422);
  assert.match(foreign.body, /本单位没有这个办件编号或预约码/);
  const unknown = await clerk.post(page, { number: 'NO-SUCH-CASE', level: '5' }, { formUrl: page });
  assert.equal(unknown.statusCode, 422);
});

test('a second rating of one case at the window, before the first comes back from the portal, is refused', async () => {
  const { row } = await openCase(zone, SERVICES.certificate);
  await zone.services.db
    .update(cases)
    .set({ state: 'completed' })
    .where(eq(cases.caseNumber, row.caseNumber));
  const clerk = await logIn(
    zone,
    await makeOfficer(zone, { unitCode: row.unitCode, role: 'window-clerk', enrolled: true }),
  );
  const page = '/ratings/window';
  const first = await clerk.post(page, { number: row.caseNumber, level: '5' }, { formUrl: page });
  assert.equal(first.statusCode, 303);
  const second = await clerk.post(
    page,
    { number: row.caseNumber, level: '2', reasons: '514', comment: '又想改' },
    { formUrl: page },
  );
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /评价已在窗口登记，正在送达门户，不能重复登记/);
  // The form keeps what was typed.
  assert.match(second.body, /又想改/);
  const english = await clerk.post(
    `${page}?lang=en`,
    { number: row.caseNumber, level: '4' },
    { formUrl: page },
  );
  assert.equal(english.statusCode, 409);
  assert.match(english.body, /already recorded at the window and is on its way/);
  const sent = await zone.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.stream, `case:${row.caseNumber}`), eq(outbox.type, 'rating.window.recorded')));
  assert.equal(sent.length, 1);
});
