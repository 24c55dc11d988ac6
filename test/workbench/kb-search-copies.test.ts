import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { findEntry, moveEntriesPath, raiseHelped } from '../../src/workbench/kb/kb.repository.ts';
import { kbVersions } from '../../src/workbench/kb/kb.tables.ts';
import * as kb from '../../src/workbench/kb/kb.service.ts';
import { loadCurrentStaff, type CurrentStaff } from '../../src/workbench/session.ts';
import { makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

// Search reads each version's copy of its entry's owner and helped count (migration kb_search_own_row): the
// version in use must follow every change of the entry, or search would rank by a stale count and show an entry to
// the unit it left; any other version is brought up to date when it is written, as it is when it comes into use
// (migration kb_copies_in_use).

let zone: Workbench;
let writer: Officer;
let leader: Officer;
before(async () => {
  zone = await startWorkbench();
  writer = await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'letter-handler', enrolled: true });
  leader = await makeOfficer(zone, { unitCode: 'SF-HZ', role: 'approver', enrolled: true });
});
after(() => zone.close());

const by = { actor: 'test', actorUnit: null, sourceIp: null };
const staffOf = async (o: Officer): Promise<CurrentStaff> =>
  (await loadCurrentStaff(zone.services.db, o.id))!;

async function inUse(question: string, answer: string): Promise<string> {
  const me = await staffOf(writer);
  const id = await kb.createEntry(zone.services, me, by, {
    question,
    answer,
    keywords: '',
    area: 'household',
    public: false,
  });
  await kb.submit(zone.services, me, by, (await findEntry(zone.services.db, id))!);
  await kb.review(zone.services, await staffOf(leader), by, (await findEntry(zone.services.db, id))!, {
    decision: 'approve',
  });
  return id;
}

/** Each version's copies (in version order), the version in use's alone, and the entry's own values. */
async function copies(id: string) {
  const entry = (await findEntry(zone.services.db, id))!;
  const rows = await zone.services.db
    .select({
      version: kbVersions.version,
      state: kbVersions.state,
      unitCode: kbVersions.unitCode,
      unitPath: kbVersions.unitPath,
      helped: kbVersions.helpedCount,
    })
    .from(kbVersions)
    .where(eq(kbVersions.entryId, id))
    .orderBy(kbVersions.version);
  const copy = (r: (typeof rows)[number]) => ({
    unitCode: r.unitCode,
    unitPath: r.unitPath,
    helped: r.helped,
  });
  const inUse = rows.filter((r) => r.state === 'in-use').map(copy);
  return {
    entry: { unitCode: entry.unitCode, unitPath: entry.unitPath, helped: entry.helpedCount },
    versions: rows.map(copy),
    inUse,
  };
}

describe('the versions’ copies of their entry', () => {
  test('an equal rank is ordered by the helped count the portal raised since the version came into use', async () => {
    const first = await inUse('蜂箱搬迁需要报备吗？', '蜂箱搬迁向辖区派出所报备。');
    const second = await inUse('蜂箱搬迁需要报备吗？', '蜂箱搬迁向辖区派出所报备。');
    const me = await staffOf(writer);
    const order = async () => (await kb.listFor(zone.services, me, { q: '蜂箱搬迁' })).map((l) => l.id);
    const [low, high] = [first, second].sort();
    assert.deepEqual(await order(), [low, high], 'equal counts: by id');
    await zone.services.db.transaction((tx) => raiseHelped(tx, high!, 7));
    assert.deepEqual(await order(), [high, low]);
    const found = await kb.listFor(zone.services, me, { q: '蜂箱搬迁' });
    assert.equal(found[0]?.helpedCount, 7);
    const { entry, versions } = await copies(high!);
    assert.deepEqual(versions, [entry]);
  });

  test('a unit’s move reaches the version in use; a draft written beside it is brought up to date when it comes into use', async () => {
    const id = await inUse('信鸽比赛放飞报备', '信鸽放飞向属地派出所报备。');
    const me = await staffOf(writer);
    await kb.saveDraft(zone.services, me, by, (await findEntry(zone.services.db, id))!, {
      question: '信鸽比赛放飞报备',
      answer: '信鸽放飞向属地派出所报备，并说明放飞地点。',
      keywords: '',
      area: 'household',
      public: false,
    });
    const before = await copies(id);
    assert.equal(before.versions.length, 2);
    assert.deepEqual(before.versions, [before.entry, before.entry], 'both written from the entry');
    assert.equal((await kb.listFor(zone.services, me, { q: '信鸽放飞' }))[0]?.id, id);

    // The unit moves out of the writer's reach: its entries go with it, in search as on their own pages.
    const oldPath = before.entry.unitPath;
    const newPath = `${oldPath}-moved`;
    await zone.services.db.transaction((tx) => moveEntriesPath(tx, oldPath, newPath));
    const after = await copies(id);
    assert.equal(after.entry.unitPath, newPath);
    assert.deepEqual(after.inUse, [after.entry]);
    assert.deepEqual(await kb.listFor(zone.services, me, { q: '信鸽放飞' }), []);
    await zone.services.db.transaction((tx) => moveEntriesPath(tx, newPath, oldPath));
    assert.equal((await kb.listFor(zone.services, me, { q: '信鸽放飞' }))[0]?.id, id);

    // The count rises while the draft waits; the draft comes into use with it, and search orders by it.
    await zone.services.db.transaction((tx) => raiseHelped(tx, id, 5));
    assert.deepEqual((await copies(id)).inUse, [{ ...before.entry, helped: 5 }]);
    await kb.submit(zone.services, me, by, (await findEntry(zone.services.db, id))!);
    await kb.review(zone.services, await staffOf(leader), by, (await findEntry(zone.services.db, id))!, {
      decision: 'approve',
    });
    const done = await copies(id);
    assert.deepEqual(done.inUse, [{ ...before.entry, helped: 5 }]);
    assert.deepEqual(done.versions[1], done.inUse[0], 'the new version is the one in use');
    const found = await kb.listFor(zone.services, me, { q: '信鸽放飞' });
    assert.deepEqual([found[0]?.id, found[0]?.version, found[0]?.helpedCount], [id, 2, 5]);
  });

  test('a version cannot be given copies other than its entry’s', async () => {
    const id = await inUse('无人机夜间飞行报备', '无人机夜间飞行提前报备。');
    await zone.services.db
      .update(kbVersions)
      .set({ unitPath: '/elsewhere', helpedCount: 99 })
      .where(eq(kbVersions.entryId, id));
    const { entry, versions } = await copies(id);
    assert.deepEqual(versions, [entry]);
  });
});
