// Compiles the test files, with the sources they import, into `.test-build/` before a run.
//
// Under a loader hook every test process transforms and resolves the same ~800 TypeScript modules one by one:
// most of a short test file's time went there. Bundled once per run, with the code the files share split into
// common chunks, each test process loads a handful of plain modules instead.
//
// What the bundle must not change: each source file still sees its own location in `import.meta` (paths to
// migrations, catalogue data and fixtures are computed from it), and packages load from node_modules as they
// are, so the code under test runs against the very dependencies the platform runs with.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
// The same two plugins as the CLI's own build of the sources (bin/compile.mjs).
import { ownLocation, packagesAsTheyAre } from '../bin/compile.mjs';

/**
 * Builds the given test files (paths relative to `root`) into `outdir` (relative to `root` too) and returns the
 * path of each one's build, in order.
 */
export async function buildTests(root, files, outdir) {
  await rm(path.join(root, outdir), { recursive: true, force: true });
  if (files.length === 0) return [];
  await build({
    absWorkingDir: root,
    entryPoints: files,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: path.join(root, outdir),
    outbase: root,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    plugins: [packagesAsTheyAre, ownLocation],
    logLevel: 'warning',
  });
  return files.map((file) => path.join(outdir, file.replace(/\.tsx?$/, '.mjs')));
}
