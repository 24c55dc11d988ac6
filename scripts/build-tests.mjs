// Compiles the test files, with the sources they import, into `.test-build/` before a run.
//
// Under a loader hook every test process transforms and resolves the same ~800 TypeScript modules one by one:
// most of a short test file's time went there. Bundled once per run, with the code the files share split into
// common chunks, each test process loads a handful of plain modules instead.
//
// What the bundle must not change: each source file still sees its own location in `import.meta` (paths to
// migrations, catalogue data and fixtures are computed from it), and packages load from node_modules as they
// are, so the code under test runs against the very dependencies the platform runs with.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ownLocation = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      let text = await readFile(args.path, 'utf8');
      if (text.includes('import.meta.'))
        text = text
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

const packagesAsTheyAre = {
  name: 'packages-as-they-are',
  setup(build) {
    // A package's JSON file is bundled: loaded from node_modules it would need an import attribute.
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.endsWith('.json') ? undefined : { path: args.path, external: true },
    );
  },
};

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
