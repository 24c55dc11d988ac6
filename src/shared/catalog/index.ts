export * from './codes.ts';
export * from './item.schema.ts';
export * from './labels.ts';
export * from './load.ts';
export * from './publication-rules.ts';
export * from './documents.ts';
export * from './document.schema.ts';
