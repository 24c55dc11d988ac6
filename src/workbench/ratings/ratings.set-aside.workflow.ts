import { sql } from 'drizzle-orm';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { ratingSetAsides } from './ratings.tables.ts';

// Setting a malicious rating aside, as data: a proposal waits for a second person's decision. Both decisions
// are four-eyes rows, so the proposer (the record's contributor) and accounts he sponsored lately cannot take
// them; the service adds that the decider leads a unit above the rated one.

export type SetAsideKey = { id: string };

export interface SetAsideActions {
  approve: { note: string };
  reject: { note: string };
}

export const setAsideWorkflow = new WorkflowVersions([
  defineWorkflow<SetAsideKey, SetAsideActions, Crossing>({
    id: 'rating-set-aside',
    version: 1,
    initial: 'proposed',
    states: {
      proposed: {},
      'set-aside': { final: true },
      rejected: { final: true },
    },
    transitions: {
      approve: [
        {
          from: 'proposed',
          action: 'approve',
          to: 'set-aside',
          permission: 'ratings.review_set_aside',
          actors: ['staff'],
          fourEyes: true,
          audit: { action: 'rating.set_aside.approved', detail: ({ data }) => ({ note: data.note }) },
        },
      ],
      reject: [
        {
          from: 'proposed',
          action: 'reject',
          to: 'rejected',
          permission: 'ratings.review_set_aside',
          actors: ['staff'],
          fourEyes: true,
          audit: { action: 'rating.set_aside.rejected', detail: ({ data }) => ({ note: data.note }) },
        },
      ],
    },
  }),
]);

export const setAsideStore: WorkflowStore<SetAsideKey> = {
  table: ratingSetAsides,
  where: (key) => sql`${ratingSetAsides.id} = ${key.id}`,
  target: (key) => `rating-set-aside:${key.id}`,
  columns: {
    state: ratingSetAsides.state,
    definitionId: ratingSetAsides.workflowId,
    definitionVersion: ratingSetAsides.workflowVersion,
    updatedAt: ratingSetAsides.updatedAt,
    contributors: [ratingSetAsides.proposedBy],
  },
};
