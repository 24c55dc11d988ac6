import Type from 'typebox';
import { ServiceItem } from '../../shared/catalog/item.schema.ts';
import { defineContract } from './contract.ts';

/**
 * The workbench publishes a version of a service guide to the portal: the whole item as approved, which
 * passed the publication rules at the moment of approval. The portal keeps only the highest version it has
 * received, so redelivery or late delivery changes nothing.
 */
export const catalogItemPublished = defineContract({
  type: 'catalog.item.published',
  version: 1,
  direction: 'workbench-to-portal',
  schema: Type.Object(
    {
      item: ServiceItem,
      // Equal to item.version; repeated so a reader of the message log sees it without opening the item.
      version: Type.Integer({ minimum: 1 }),
      publishedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
  // A guide with many situations and materials runs to tens of kilobytes; the bound is there to stop abuse.
  maxBytes: 256 * 1024,
});
