#!/usr/bin/env node
// Runs the TypeScript sources, compiled on first start into plain modules (bin/compile.mjs) and rebuilt when a
// source changes: no build step between a clone and a running bureau, and no loader in the running process.
// Where the compiled copy cannot be written (a read-only checkout), the sources run through tsx as before.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledMain } from './compile.mjs';

const root = path.resolve(import.meta.dirname, '..');

let main;
try {
  main = await compiledMain(root);
} catch (error) {
  process.stderr.write(
    `openpsb: running the sources through tsx, as they could not be compiled (${error instanceof Error ? error.message : String(error)})\n`,
  );
}
if (main) {
  // Stack traces in logs name the sources, not the chunks (the maps are written beside the chunks).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(main).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
