import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { date, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { WorkingDayCalendar } from '../calendar/working-days.ts';
import { openDatabase, type Database, type Tx } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { defineWorkflow, WorkflowVersions } from './workflow.definition.ts';
import { moveWorkflow, type WorkflowStore } from './workflow.repository.ts';
import {
  NEW_ACCOUNT_SUSPECT_MS,
  systemActor,
  transition,
  WorkflowConflictError,
  type WorkflowActor,
  type WorkflowPorts,
} from './workflow.ts';

import { spec, type Actions, type Key, type Message } from './workflow.fixture.ts';
// ------------------------------------------------------------------------------------------- transitions

const permits = pgTable('permits', {
  id: text('id').primaryKey(),
  state: text('state').notNull(),
  workflowId: text('workflow_id').notNull(),
  workflowVersion: integer('workflow_version').notNull(),
  dueOn: date('due_on'),
  submittedBy: text('submitted_by'),
  editors: text('editors').array().notNull(),
});

const store: WorkflowStore<Key> = {
  table: permits,
  where: (key) => eq(permits.id, key.id),
  target: (key) => `permit:${key.id}`,
  columns: {
    state: permits.state,
    definitionId: permits.workflowId,
    definitionVersion: permits.workflowVersion,
    dueOn: permits.dueOn,
    contributors: [permits.submittedBy, permits.editors],
  },
};

let database: Database;
let written: { audit: unknown[]; sent: Message[]; notified: unknown[] };
/** Who created or empowered which account, and when; the zone keeps this in its staff tables. */
let sponsorships: { sponsor: string; account: string; at: Date }[];
let failAudit = false;

const ports: WorkflowPorts<Message> = {
  audit: async (_tx, entry) => {
    if (failAudit) throw new Error('audit log unavailable');
    written.audit.push(entry);
  },
  send: async (_tx, message) => {
    written.sent.push(message);
  },
  notify: async (_tx, message) => {
    written.notified.push(message);
  },
  sponsorsOf: async (_tx, actorId, since) =>
    sponsorships.filter((s) => s.account === actorId && s.at >= since).map((s) => s.sponsor),
  calendar: new WorkingDayCalendar(),
};

const v1 = defineWorkflow(spec());
const versions = new WorkflowVersions([v1]);
const staff = (id: string, permissions: string[] = ['permit.decide', 'permit.submit']): WorkflowActor => ({
  kind: 'staff',
  id,
  may: (permission) => permissions.includes(permission),
});
// 2026-09-30 10:00 in Beijing, the Wednesday before the National Day week.
const NOW = new Date('2026-09-30T02:00:00Z');

async function insertPermit(id: string, state: string, editors: string[] = ['clerk'], version = 1) {
  await database.db.insert(permits).values({
    id,
    state,
    workflowId: 'permit',
    workflowVersion: version,
    submittedBy: state === 'draft' ? null : (editors[0] ?? null),
    editors,
  });
}

async function stateOf(id: string) {
  const [row] = await database.db.select().from(permits).where(eq(permits.id, id));
  return row;
}

function run<A extends keyof Actions & string>(
  id: string,
  action: A,
  actor: WorkflowActor,
  data: Actions[A],
  options: { now?: Date; versions?: WorkflowVersions<Key, Actions, Message> } = {},
) {
  return database.db.transaction((tx: Tx) =>
    transition(tx, {
      versions: options.versions ?? versions,
      store,
      ports,
      key: { id },
      action,
      actor,
      data,
      now: options.now ?? NOW,
    }),
  );
}

const refused = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

describe('transition() moves a record and writes what the table says, in the caller’s transaction', () => {
  before(async () => {
    database = await openDatabase({});
    await database.db.execute(sql`CREATE TABLE permits (
      id text PRIMARY KEY, state text NOT NULL, workflow_id text NOT NULL, workflow_version integer NOT NULL,
      due_on date, submitted_by text, editors text[] NOT NULL DEFAULT '{}')`);
  });
  after(() => database.close());
  beforeEach(() => {
    written = { audit: [], sent: [], notified: [] };
    sponsorships = [];
    failAudit = false;
  });

  test('a citizen submits: the state moves, the due date counts working days past the holiday, audited', async () => {
    await insertPermit('p1', 'draft', []);
    const citizen: WorkflowActor = { kind: 'citizen', id: 'c-1', may: (p) => p === 'permit.submit' };
    const result = await run('p1', 'submit', citizen, { note: 'first' });
    // Two working days after Wednesday 30 September: 1–7 October are the National Day holiday.
    assert.deepEqual(result, { from: 'draft', to: 'submitted', dueOn: '2026-10-09' });
    const row = await stateOf('p1');
    assert.equal(row?.state, 'submitted');
    assert.equal(row?.dueOn, '2026-10-09');
    assert.deepEqual(written.audit, [
      { action: 'permit.submit', target: 'permit:p1', detail: { note: 'first' }, at: NOW },
    ]);
    assert.deepEqual(written.sent, []);
  });

  test('an approval writes the state, the message across the boundary, the notification and the audit entry', async () => {
    await insertPermit('p2', 'submitted', ['clerk']);
    await run('p2', 'approve', staff('approver'), { mobile: '13800000001' });
    const row = await stateOf('p2');
    assert.equal(row?.state, 'approved');
    assert.equal(row?.dueOn, null, 'the new state has no deadline');
    assert.deepEqual(written.sent, [{ type: 'permit.approved', id: 'p2' }]);
    assert.deepEqual(written.notified, [
      { channel: 'sms', recipient: '13800000001', template: 'permit.approved', body: '许可 p2 已批准' },
    ]);
    assert.equal((written.audit[0] as { action: string }).action, 'permit.approve');
  });

  test('an action the table does not allow from the current state is a conflict and writes nothing', async () => {
    await insertPermit('p3', 'draft', []);
    await assert.rejects(run('p3', 'approve', staff('approver'), { mobile: '1' }), WorkflowConflictError);
    assert.equal((await stateOf('p3'))?.state, 'draft');
    assert.deepEqual(written, { audit: [], sent: [], notified: [] });
    await assert.rejects(run('nope', 'approve', staff('approver'), { mobile: '1' }), refused('NOT_FOUND'));
  });

  test('the caller’s policy decides the permission, and the table decides which kinds of actor may act', async () => {
    await insertPermit('p4', 'submitted', ['clerk']);
    await assert.rejects(
      run('p4', 'reject', staff('clerk2', ['permit.submit']), { reason: 'x' }),
      refused('FORBIDDEN'),
    );
    // Only the citizen may take his own application back; an officer holding every permission may not.
    await assert.rejects(run('p4', 'retract', staff('approver', ['permit.own']), {}), refused('FORBIDDEN'));
    const owner: WorkflowActor = { kind: 'citizen', id: 'c-4', may: (p) => p === 'permit.own' };
    assert.equal((await run('p4', 'retract', owner, {})).to, 'retracted');
  });

  test('four eyes: the submitter and every editor are refused', async () => {
    await insertPermit('p5', 'submitted', ['clerk', 'helper']);
    await assert.rejects(run('p5', 'approve', staff('clerk'), { mobile: '1' }), refused('FORBIDDEN'));
    await assert.rejects(run('p5', 'approve', staff('helper'), { mobile: '1' }), refused('FORBIDDEN'));
    assert.equal((await stateOf('p5'))?.state, 'submitted');
    assert.equal((await run('p5', 'reject', staff('approver'), { reason: 'incomplete' })).to, 'rejected');
  });

  test('four eyes: an account a contributor created or empowered in the last 24 hours is refused, later allowed', async () => {
    await insertPermit('p6', 'submitted', ['admin']);
    sponsorships.push({ sponsor: 'admin', account: 'second', at: new Date(NOW.getTime() - 60_000) });
    await assert.rejects(run('p6', 'approve', staff('second'), { mobile: '1' }), (error: unknown) => {
      assert.ok(error instanceof AppError && error.code === 'FORBIDDEN');
      assert.match(error.message, /created or given a role in the last 24 hours/);
      return true;
    });
    const dayLater = new Date(NOW.getTime() + NEW_ACCOUNT_SUSPECT_MS);
    assert.equal(
      (await run('p6', 'approve', staff('second'), { mobile: '1' }, { now: dayLater })).to,
      'approved',
    );
  });

  test('a platform move needs no person and writes no audit entry of its own', async () => {
    await insertPermit('p7', 'approved', ['clerk']);
    await assert.rejects(
      run('p7', 'publish', staff('approver', ['permit.publish']), {}),
      refused('FORBIDDEN'),
    );
    assert.equal((await run('p7', 'publish', systemActor, {})).to, 'published');
    assert.deepEqual(written.audit, []);
    await run('p7', 'withdraw', staff('clerk'), {});
    assert.deepEqual(written.sent, [{ type: 'permit.withdrawn', id: 'p7' }], 'withdrawal is not four-eyed');
  });

  test('when any write fails the state change rolls back with it', async () => {
    await insertPermit('p8', 'submitted', ['clerk']);
    failAudit = true;
    await assert.rejects(run('p8', 'reject', staff('approver'), { reason: 'x' }), /audit log unavailable/);
    assert.equal((await stateOf('p8'))?.state, 'submitted');
  });

  test('the state is moved only if it is still what was read: a stale decision moves nothing', async () => {
    await insertPermit('p9', 'submitted', ['clerk']);
    await database.db.transaction(async (tx) => {
      assert.equal(
        await moveWorkflow(
          tx,
          store,
          { id: 'p9' },
          { from: 'submitted', to: 'approved', dueOn: null, at: NOW },
        ),
        true,
      );
      // A second decision that read "submitted" before the first committed finds nothing to move.
      assert.equal(
        await moveWorkflow(
          tx,
          store,
          { id: 'p9' },
          { from: 'submitted', to: 'rejected', dueOn: null, at: NOW },
        ),
        false,
      );
    });
    assert.equal((await stateOf('p9'))?.state, 'approved');
    await insertPermit('p10', 'submitted', ['clerk']);
    const decisions = await Promise.allSettled([
      run('p10', 'approve', staff('approver-a'), { mobile: '1' }),
      run('p10', 'reject', staff('approver-b'), { reason: 'x' }),
    ]);
    assert.equal(decisions.filter((d) => d.status === 'fulfilled').length, 1);
    const lost = decisions.find((d) => d.status === 'rejected');
    assert.ok(lost?.status === 'rejected' && lost.reason instanceof WorkflowConflictError);
  });

  test('a record keeps the definition it started under when a newer version changes the table', async () => {
    // Version 2 drops rejection: a decision is approve or nothing.
    const v2Spec = spec();
    v2Spec.version = 2;
    v2Spec.transitions.reject = [];
    v2Spec.states = Object.fromEntries(
      Object.entries(v2Spec.states).filter(([state]) => state !== 'rejected'),
    );
    const both = new WorkflowVersions([v1, defineWorkflow(v2Spec)]);
    await insertPermit('old', 'submitted', ['clerk'], 1);
    await insertPermit('new', 'submitted', ['clerk'], 2);
    assert.equal(
      (await run('old', 'reject', staff('approver'), { reason: 'x' }, { versions: both })).to,
      'rejected',
    );
    await assert.rejects(
      run('new', 'reject', staff('approver'), { reason: 'x' }, { versions: both }),
      WorkflowConflictError,
    );
  });
});
