import { sql } from 'drizzle-orm';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import { catalogItemPublished, catalogItemWithdrawn } from '../../exchange/contracts/index.ts';
import { crossing, type Crossing } from '../workflow/workflow.ports.ts';
import { catalogItemVersions as versions, type VersionState } from './catalog-authoring.tables.ts';

// The life of one version of a service guide, as data. An editor submits a draft; an approver who wrote
// none of it publishes it or returns it with reasons; publishing the next version supersedes the live one;
// an approver may withdraw the live version. A returned, superseded or withdrawn version is a record and
// never changes again: fixing it makes the next version.

export type VersionKey = { itemId: string; version: number };

/** The stream keeps one item's publications and withdrawals in order on the way to the portal. */
export const streamOf = (id: string) => `catalog:${id}`;

export interface CatalogActions {
  submit: { problems: number };
  publish: { item: ServiceItem; replaces: number | null };
  return: { comment: string };
  supersede: Record<string, never>;
  withdraw: { reason: string };
}

const states: Record<VersionState, { final?: boolean }> = {
  draft: {},
  'in-review': {},
  returned: { final: true },
  published: {},
  superseded: { final: true },
  withdrawn: { final: true },
};

export const catalogVersionWorkflow = new WorkflowVersions([
  defineWorkflow<VersionKey, CatalogActions, Crossing>({
    id: 'catalog-version',
    version: 1,
    initial: 'draft',
    states,
    transitions: {
      submit: [
        {
          from: 'draft',
          action: 'submit',
          to: 'in-review',
          permission: 'catalog.edit',
          actors: ['staff'],
          audit: {
            action: 'catalog.submit',
            detail: ({ key, data }) => ({ version: key.version, problems: data.problems }),
          },
        },
      ],
      publish: [
        {
          from: 'in-review',
          action: 'publish',
          to: 'published',
          permission: 'catalog.publish',
          actors: ['staff'],
          fourEyes: true,
          audit: {
            action: 'catalog.publish',
            detail: ({ key, data }) => ({ version: key.version, replaces: data.replaces }),
          },
          outbox: ({ key, data, at }) =>
            crossing(
              catalogItemPublished,
              { item: data.item, version: key.version, publishedAt: at.toISOString() },
              streamOf(key.itemId),
            ),
        },
      ],
      return: [
        {
          from: 'in-review',
          action: 'return',
          to: 'returned',
          permission: 'catalog.publish',
          actors: ['staff'],
          fourEyes: true,
          audit: {
            action: 'catalog.return',
            detail: ({ key, data }) => ({ version: key.version, comment: data.comment.slice(0, 200) }),
          },
        },
      ],
      // A consequence of publishing the next version, not a decision of its own: audited as the publication.
      supersede: [
        {
          from: 'published',
          action: 'supersede',
          to: 'superseded',
          permission: 'catalog.publish',
          actors: ['system'],
        },
      ],
      // Taking a guide off the portal is not a decision on someone's text, so four eyes do not apply.
      withdraw: [
        {
          from: 'published',
          action: 'withdraw',
          to: 'withdrawn',
          permission: 'catalog.publish',
          actors: ['staff'],
          audit: {
            action: 'catalog.withdraw',
            detail: ({ key, data }) => ({
              version: key.version,
              ...(data.reason ? { reason: data.reason.slice(0, 200) } : {}),
            }),
          },
          outbox: ({ key, at }) =>
            crossing(
              catalogItemWithdrawn,
              { id: key.itemId, version: key.version, withdrawnAt: at.toISOString() },
              streamOf(key.itemId),
            ),
        },
      ],
    },
  }),
]);

/** Where a version keeps its state; its author, editors and submitter are the people four eyes exclude. */
export const catalogVersionStore: WorkflowStore<VersionKey> = {
  table: versions,
  where: (key) => sql`${versions.itemId} = ${key.itemId} AND ${versions.version} = ${key.version}`,
  target: (key) => `catalog:${key.itemId}`,
  columns: {
    state: versions.state,
    definitionId: versions.workflowId,
    definitionVersion: versions.workflowVersion,
    updatedAt: versions.updatedAt,
    contributors: [versions.authorBadge, versions.editors, versions.submittedBy],
  },
};

/** The columns a new version starts with: the current definition, stored with it. */
export function newVersionWorkflow(): { workflowId: string; workflowVersion: number } {
  const { id, version } = catalogVersionWorkflow.current;
  return { workflowId: id, workflowVersion: version };
}
