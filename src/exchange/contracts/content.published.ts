import Type from 'typebox';
import { defineContract } from './contract.ts';

const articleFields = {
  id: Type.Integer({ minimum: 1 }),
  version: Type.Integer({ minimum: 1 }),
  column: Type.String({ pattern: '^[a-z]+(?:-[a-z]+)*$', maxLength: 40 }),
  title: Type.String({ minLength: 1, maxLength: 120 }),
  summary: Type.String({ maxLength: 300 }),
  body: Type.String({ maxLength: 50_000 }),
  fields: Type.Record(Type.String({ pattern: '^[a-zA-Z]{1,30}$' }), Type.String({ maxLength: 200 }), {
    maxProperties: 10,
  }),
  unitName: Type.String({ maxLength: 60 }),
  publishedAt: Type.String({ format: 'date-time' }),
  // The day it leaves the portal on its own (a lapsed notice, a warning no longer current), if any.
  expiresOn: Type.Union([
    Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10 }),
    Type.Null(),
  ]),
  overrides: Type.Array(
    Type.Object(
      {
        fingerprint: Type.String({ pattern: '^[0-9a-f]{16}$' }),
        reason: Type.String({ minLength: 1, maxLength: 500 }),
      },
      { additionalProperties: false },
    ),
    { maxItems: 50 },
  ),
};

/**
 * The workbench publishes a version of an article: its text as the editor wrote it (the portal renders and
 * escapes the markup itself, and runs the publication check again), and the hits of that check an approver
 * let through, each with his reason. The portal keeps only the highest version it has received.
 * Version 1, without English; still accepted from messages sent before version 2.
 */
export const contentPublishedV1 = defineContract({
  type: 'content.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(articleFields, { additionalProperties: false }),
  maxBytes: 256 * 1024,
});

/** Version 2: the article's English beside the Chinese, or null when it has none. */
export const contentPublished = defineContract({
  type: 'content.published',
  version: 2,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      ...articleFields,
      english: Type.Union([
        Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 200 }),
            summary: Type.String({ maxLength: 600 }),
            body: Type.String({ maxLength: 50_000 }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    },
    { additionalProperties: false },
  ),
  maxBytes: 512 * 1024,
});
