import { sql } from 'drizzle-orm';
import { contentPublished, contentWithdrawn, type PayloadOf } from '../../exchange/contracts/index.ts';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import { crossing, type Crossing } from '../workflow/workflow.ports.ts';
import { contentVersions as versions, type ArticleState } from './content.tables.ts';

// The life of one version of an article, as data. An editor submits a draft that passes the publication
// check (or whose hits he leaves to the approver); an approver who wrote none of it approves it, overriding
// false alarms with reasons, or returns it. Approved with a time ahead, it waits as scheduled and the platform
// releases it when the time comes; published, it goes to the portal through the exchange. Withdrawal is by an
// approver or by the platform at the version's withdrawal time; publishing the next version supersedes it.

export type ArticleKey = { articleId: number; version: number };

/** One article's publications and withdrawals stay in order on the way to the portal. */
export const streamOf = (id: number) => `content:${String(id)}`;

type Published = PayloadOf<typeof contentPublished>;

export interface ContentActions {
  submit: { hits: number };
  schedule: { publishAt: string };
  publish: { message: Published };
  return: { comment: string };
  supersede: Record<string, never>;
  withdraw: { reason: string };
  expire: Record<string, never>;
}

const states: Record<ArticleState, { final?: boolean }> = {
  draft: {},
  'in-review': {},
  returned: { final: true },
  scheduled: {},
  published: {},
  superseded: { final: true },
  withdrawn: { final: true },
};

const publishedMessage = ({ key, data }: { key: ArticleKey; data: { message: Published } }) =>
  crossing(contentPublished, data.message, streamOf(key.articleId));
const withdrawnMessage = ({ key, at }: { key: ArticleKey; at: Date }) =>
  crossing(
    contentWithdrawn,
    { id: key.articleId, version: key.version, withdrawnAt: at.toISOString() },
    streamOf(key.articleId),
  );

export const contentWorkflow = new WorkflowVersions([
  defineWorkflow<ArticleKey, ContentActions, Crossing>({
    id: 'content-version',
    version: 1,
    initial: 'draft',
    states,
    transitions: {
      submit: [
        {
          from: 'draft',
          action: 'submit',
          to: 'in-review',
          permission: 'content.edit',
          actors: ['staff'],
          audit: {
            action: 'content.submit',
            detail: ({ key, data }) => ({ version: key.version, hits: data.hits }),
          },
        },
      ],
      // Approving for later: the decision is the approver's, four eyes apply; the release is the platform's.
      schedule: [
        {
          from: 'in-review',
          action: 'schedule',
          to: 'scheduled',
          permission: 'content.publish',
          actors: ['staff'],
          fourEyes: true,
          audit: {
            action: 'content.schedule',
            detail: ({ key, data }) => ({ version: key.version, publishAt: data.publishAt }),
          },
        },
      ],
      publish: [
        {
          from: 'in-review',
          action: 'publish',
          to: 'published',
          permission: 'content.publish',
          actors: ['staff'],
          fourEyes: true,
          audit: {
            action: 'content.publish',
            detail: ({ key, data }) => ({
              version: key.version,
              overrides: data.message.overrides.length,
            }),
          },
          outbox: publishedMessage,
        },
        {
          from: 'scheduled',
          action: 'publish',
          to: 'published',
          permission: 'content.publish',
          actors: ['system'],
          audit: {
            action: 'content.publish',
            detail: ({ key }) => ({ version: key.version, scheduled: true }),
          },
          outbox: publishedMessage,
        },
      ],
      return: [
        {
          from: 'in-review',
          action: 'return',
          to: 'returned',
          permission: 'content.publish',
          actors: ['staff'],
          fourEyes: true,
          audit: {
            action: 'content.return',
            detail: ({ key, data }) => ({ version: key.version, comment: data.comment.slice(0, 200) }),
          },
        },
      ],
      supersede: [
        {
          from: 'published',
          action: 'supersede',
          to: 'superseded',
          permission: 'content.publish',
          actors: ['system'],
        },
      ],
      // Taking an article down is not a decision on someone's text, so four eyes do not apply.
      withdraw: [
        {
          from: 'published',
          action: 'withdraw',
          to: 'withdrawn',
          permission: 'content.publish',
          actors: ['staff'],
          audit: {
            action: 'content.withdraw',
            detail: ({ key, data }) => ({
              version: key.version,
              ...(data.reason ? { reason: data.reason.slice(0, 200) } : {}),
            }),
          },
          outbox: withdrawnMessage,
        },
        {
          from: 'scheduled',
          action: 'withdraw',
          to: 'withdrawn',
          permission: 'content.publish',
          actors: ['staff'],
          audit: {
            action: 'content.withdraw',
            detail: ({ key }) => ({ version: key.version, beforeRelease: true }),
          },
        },
      ],
      expire: [
        {
          from: 'published',
          action: 'expire',
          to: 'withdrawn',
          permission: 'content.publish',
          actors: ['system'],
          audit: { action: 'content.expire', detail: ({ key }) => ({ version: key.version }) },
          outbox: withdrawnMessage,
        },
      ],
    },
  }),
]);

export const contentStore: WorkflowStore<ArticleKey> = {
  table: versions,
  where: (key) => sql`${versions.articleId} = ${key.articleId} AND ${versions.version} = ${key.version}`,
  target: (key) => `content:${String(key.articleId)}`,
  columns: {
    state: versions.state,
    definitionId: versions.workflowId,
    definitionVersion: versions.workflowVersion,
    updatedAt: versions.updatedAt,
    contributors: [versions.authorBadge, versions.editors, versions.submittedBy],
  },
};

export function newVersionWorkflow(): { workflowId: string; workflowVersion: number } {
  const { id, version } = contentWorkflow.current;
  return { workflowId: id, workflowVersion: version };
}
