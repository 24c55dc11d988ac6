import { sql } from 'drizzle-orm';
import type { PayloadOf } from '../../exchange/contracts/index.ts';
import { questionnaireClosed, questionnairePublished } from '../../exchange/contracts/index.ts';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import { crossing, type Crossing } from '../workflow/workflow.ports.ts';
import { questionnaires, type QuestionnaireState } from './questionnaires.tables.ts';

// A questionnaire as data: a draft is published for a period and an audience; an edit while published is a new
// version, published at once (revise); closing stops the portal taking responses. Each step carries its
// message to the portal, so the state and what the public sees move in one transaction.

export type QuestionnaireKey = { id: string };

type Published = PayloadOf<typeof questionnairePublished>;

export interface QuestionnaireActions {
  publish: { message: Published };
  revise: { message: Published };
  close: { closedAt: string };
}

const states: Record<QuestionnaireState, { final?: boolean }> = {
  draft: {},
  published: {},
  closed: { final: true },
};

const stream = (id: string) => `questionnaire:${id}`;

export const questionnaireWorkflow = new WorkflowVersions([
  defineWorkflow<QuestionnaireKey, QuestionnaireActions, Crossing>({
    id: 'questionnaire',
    version: 1,
    initial: 'draft',
    states,
    transitions: {
      publish: [
        {
          from: 'draft',
          action: 'publish',
          to: 'published',
          permission: 'questionnaires.manage',
          actors: ['staff'],
          audit: {
            action: 'questionnaire.publish',
            detail: ({ data }) => ({ version: data.message.version, audience: data.message.audience }),
          },
          outbox: ({ key, data }) => crossing(questionnairePublished, data.message, stream(key.id)),
        },
      ],
      revise: [
        {
          from: 'published',
          action: 'revise',
          to: 'published',
          permission: 'questionnaires.manage',
          actors: ['staff'],
          audit: {
            action: 'questionnaire.revise',
            detail: ({ data }) => ({ version: data.message.version }),
          },
          outbox: ({ key, data }) => crossing(questionnairePublished, data.message, stream(key.id)),
        },
      ],
      close: [
        {
          from: 'published',
          action: 'close',
          to: 'closed',
          permission: 'questionnaires.manage',
          actors: ['staff'],
          audit: { action: 'questionnaire.close' },
          outbox: ({ key, data }) =>
            crossing(
              questionnaireClosed,
              { questionnaireId: key.id, closedAt: data.closedAt },
              stream(key.id),
            ),
        },
      ],
    },
  }),
]);

export const questionnaireStore: WorkflowStore<QuestionnaireKey> = {
  table: questionnaires,
  where: (key) => sql`${questionnaires.id} = ${key.id}`,
  target: (key) => `questionnaire:${key.id}`,
  columns: {
    state: questionnaires.state,
    definitionId: questionnaires.workflowId,
    definitionVersion: questionnaires.workflowVersion,
    updatedAt: questionnaires.updatedAt,
  },
};

export function newQuestionnaireWorkflow(): { workflowId: string; workflowVersion: number } {
  const { id, version } = questionnaireWorkflow.current;
  return { workflowId: id, workflowVersion: version };
}
