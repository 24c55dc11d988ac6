export * from './form.schema.ts';
export * from './form.load.ts';
export * from './form.catalog.ts';
export * from './form.versions.ts';
export * from './form.answers.ts';
export * from './form.flow.ts';
export * from './form.messages.ts';
export { displayDate, resolveDateBound } from './form.dates.ts';
