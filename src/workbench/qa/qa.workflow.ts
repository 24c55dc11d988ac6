import { sql } from 'drizzle-orm';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { qaPublications as publications, type QaState } from './qa.tables.ts';

// One public question and answer, as data: a network spokesperson submits the draft he checked; a second
// spokesperson (never the one who wrote it, four eyes) publishes it or returns it to draft with a comment; a
// published one may be withdrawn. The message to the portal is sent by the service, which holds the texts.

export type QaKey = { id: string };

export interface QaActions {
  submit: Record<string, never>;
  approve: Record<string, never>;
  return: { comment: string };
  withdraw: Record<string, never>;
}

const states: Record<QaState, { final?: boolean }> = {
  draft: {},
  'in-review': {},
  published: {},
  withdrawn: { final: true },
};

export const qaWorkflow = new WorkflowVersions([
  defineWorkflow<QaKey, QaActions, Crossing>({
    id: 'qa-publication',
    version: 1,
    initial: 'draft',
    states,
    transitions: {
      submit: [
        {
          from: 'draft',
          action: 'submit',
          to: 'in-review',
          permission: 'qa.publish',
          actors: ['staff'],
          audit: { action: 'qa.submit' },
        },
      ],
      approve: [
        {
          from: 'in-review',
          action: 'approve',
          to: 'published',
          permission: 'qa.publish',
          actors: ['staff'],
          fourEyes: true,
          audit: { action: 'qa.publish' },
        },
      ],
      return: [
        {
          from: 'in-review',
          action: 'return',
          to: 'draft',
          permission: 'qa.publish',
          actors: ['staff'],
          fourEyes: true,
          audit: { action: 'qa.return', detail: ({ data }) => ({ comment: data.comment.slice(0, 200) }) },
        },
      ],
      withdraw: [
        {
          from: 'published',
          action: 'withdraw',
          to: 'withdrawn',
          permission: 'qa.publish',
          actors: ['staff'],
          audit: { action: 'qa.withdraw' },
        },
      ],
    },
  }),
]);

export const qaStore: WorkflowStore<QaKey> = {
  table: publications,
  where: (key) => sql`${publications.id} = ${key.id}`,
  target: (key) => `qa:${key.id}`,
  columns: {
    state: publications.state,
    definitionId: publications.workflowId,
    definitionVersion: publications.workflowVersion,
    updatedAt: publications.updatedAt,
    contributors: [publications.draftedBy],
  },
};

export function newQaWorkflow(): { workflowId: string; workflowVersion: number; state: QaState } {
  const { id, version, initial } = qaWorkflow.current;
  return { workflowId: id, workflowVersion: version, state: initial as QaState };
}
