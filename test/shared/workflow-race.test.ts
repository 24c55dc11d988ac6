import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { WorkingDayCalendar } from '../../src/shared/calendar/working-days.ts';
import { defineWorkflow, WorkflowVersions } from '../../src/shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../src/shared/workflow/workflow.repository.ts';
import {
  transition,
  WorkflowConflictError,
  type WorkflowActor,
  type WorkflowPorts,
} from '../../src/shared/workflow/workflow.ts';
import { engine, startTestZone, type TestZone } from '../helpers/zones.ts';

// Two officers decide on one record at the same moment, on separate connections, with no row lock taken by
// the caller: the optimistic state check in transition() must let exactly one of them through. PGlite runs
// one transaction at a time, so the race can only happen on PostgreSQL.

const decisions = pgTable('race_decisions', {
  id: text('id').primaryKey(),
  state: text('state').notNull(),
  workflowId: text('workflow_id').notNull(),
  workflowVersion: integer('workflow_version').notNull(),
  submittedBy: text('submitted_by').notNull(),
});

type Key = { id: string };
const versions = new WorkflowVersions([
  defineWorkflow<Key, { approve: Record<string, never>; reject: Record<string, never> }, never>({
    id: 'race',
    version: 1,
    initial: 'submitted',
    states: { submitted: {}, approved: { final: true }, rejected: { final: true } },
    transitions: {
      approve: [
        {
          from: 'submitted',
          action: 'approve',
          to: 'approved',
          permission: 'decide',
          actors: ['staff'],
          fourEyes: true,
          audit: { action: 'race.approve' },
        },
      ],
      reject: [
        {
          from: 'submitted',
          action: 'reject',
          to: 'rejected',
          permission: 'decide',
          actors: ['staff'],
          fourEyes: true,
          audit: { action: 'race.reject' },
        },
      ],
    },
  }),
]);
const store: WorkflowStore<Key> = {
  table: decisions,
  where: (key) => eq(decisions.id, key.id),
  target: (key) => `race:${key.id}`,
  columns: {
    state: decisions.state,
    definitionId: decisions.workflowId,
    definitionVersion: decisions.workflowVersion,
    contributors: [decisions.submittedBy],
  },
};

let zone: TestZone;
before(async () => {
  if (engine !== 'postgres') return;
  zone = await startTestZone('workbench');
  await zone.database.db.execute(sql`CREATE TABLE race_decisions (id text PRIMARY KEY, state text NOT NULL,
    workflow_id text NOT NULL, workflow_version integer NOT NULL, submitted_by text NOT NULL)`);
});
after(async () => zone?.close());

test(
  'two racing decisions on one record: one moves it, the other is refused',
  { skip: engine !== 'postgres' && 'needs PostgreSQL (TEST_DATABASE_URL)' },
  async () => {
    await zone.database.db
      .insert(decisions)
      .values({ id: 'r1', state: 'submitted', workflowId: 'race', workflowVersion: 1, submittedBy: 'clerk' });
    // Both decisions have read "submitted" before either writes: each waits here for the other.
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const ports: WorkflowPorts<never> = {
      audit: async () => undefined,
      send: async () => undefined,
      notify: async () => undefined,
      sponsorsOf: async () => {
        if (++arrived === 2) release();
        await bothRead;
        return [];
      },
      calendar: new WorkingDayCalendar(),
    };
    const decide = (action: 'approve' | 'reject', id: string) =>
      zone.database.db.transaction((tx) =>
        transition(tx, {
          versions,
          store,
          ports,
          key: { id: 'r1' },
          action,
          actor: { kind: 'staff', id, may: () => true } satisfies WorkflowActor,
          data: {},
          now: new Date(),
        }),
      );
    const results = await Promise.allSettled([
      decide('approve', 'approver-a'),
      decide('reject', 'approver-b'),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(lost[0]?.status === 'rejected' && lost[0].reason instanceof WorkflowConflictError);
    const [row] = await zone.database.db.select().from(decisions).where(eq(decisions.id, 'r1'));
    assert.equal(row?.state, won[0]?.status === 'fulfilled' ? won[0].value.to : 'none');
  },
);
