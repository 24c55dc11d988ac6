// Compiles the sources once into plain modules under `.build/`, so a running zone loads a few bundled chunks
// instead of transforming ~800 TypeScript modules through a loader hook.
//
// Why: under `tsx` every zone process kept a module-loader thread (a second V8 instance with its own heap)
// and the transformed text of every module for its whole life: about 100 MB of each process's resident memory,
// against a budget of 300 MB under load. The compiled modules are rebuilt whenever a source they were built
// from changes, so there is still no build step between a clone and a running bureau.
//
// What the bundle must not change: each source file still sees its own location in `import.meta` (paths to
// migrations, catalogue data and public files are computed from it), and packages load from node_modules as
// they are. The test runner's build (scripts/build-tests.mjs) uses the same two plugins.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ownLocation = {
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

export const packagesAsTheyAre = {
  name: 'packages-as-they-are',
  setup(build) {
    // A package's JSON file is bundled: loaded from node_modules it would need an import attribute.
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.endsWith('.json') ? undefined : { path: args.path, external: true },
    );
  },
};

const ENTRY = 'src/main.ts';
const OUTPUT = 'main.mjs';
/** Builds older than this, other than the newest few, are removed: a process started from one has long loaded it. */
const KEEP_MS = 24 * 3_600_000;
const KEEP_NEWEST = 3;
const BUILD_SETTINGS = ['tsconfig.json', 'package.json', 'bin/compile.mjs'];

/** Each input's modification time and size: a changed source changes the stamp, and the build is redone. */
async function stampOf(root, inputs) {
  const stamps = await Promise.all(
    inputs.map(async (input) => {
      const info = await stat(path.join(root, input));
      return [input, info.mtimeMs, info.size];
    }),
  );
  return stamps;
}

const sameStamps = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The compiled entry point if the build recorded in `current.json` still matches every source it was made from. */
async function upToDate(root, cache) {
  try {
    const current = JSON.parse(await readFile(path.join(cache, 'current.json'), 'utf8'));
    const entry = path.join(cache, current.dir, OUTPUT);
    await stat(entry);
    const now = await stampOf(
      root,
      current.stamps.map(([input]) => input),
    );
    // The chunks name each source by its absolute path: a checkout moved or copied with its `.build/` must rebuild.
    return current.root === root && sameStamps(now, current.stamps) ? entry : undefined;
  } catch {
    return undefined;
  }
}

async function prune(cache, keep) {
  const entries = await readdir(cache, { withFileTypes: true });
  const builds = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && e.name !== keep)
      .map(async (e) => ({ name: e.name, mtimeMs: (await stat(path.join(cache, e.name))).mtimeMs })),
  );
  builds.sort((a, b) => b.mtimeMs - a.mtimeMs);
  const cutoff = Date.now() - KEEP_MS;
  for (const old of builds.slice(KEEP_NEWEST - 1).filter((b) => b.mtimeMs < cutoff))
    await rm(path.join(cache, old.name), { recursive: true, force: true });
}

/**
 * The path of `src/main.ts` compiled to a plain module, built now if the sources changed since the last build.
 * Processes starting at once may each build: each writes its own directory and moves it into place whole, so
 * none ever loads a half-written build, and a running process's chunks are never overwritten.
 */
export async function compiledMain(root) {
  const cache = path.join(root, '.build');
  const ready = await upToDate(root, cache);
  if (ready) return ready;
  const { build } = await import('esbuild');
  await mkdir(cache, { recursive: true });
  const scratch = path.join(cache, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  // Files written after this moment may have been read before their change: such a build runs, but is not
  // recorded as current, so the next start builds again.
  const started = Date.now() - 1000;
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [ENTRY],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outdir: scratch,
      entryNames: '[name]',
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      // Beside the chunks, for a run with --enable-source-maps; nothing reads them otherwise.
      sourcemap: 'linked',
      metafile: true,
      plugins: [packagesAsTheyAre, ownLocation],
      logLevel: 'warning',
    });
    // The settings and this file shape the output as much as the sources do.
    const inputs = [...Object.keys(result.metafile.inputs), ...BUILD_SETTINGS];
    const stamps = await stampOf(root, [...new Set(inputs)].sort());
    const dir = createHash('sha256').update(JSON.stringify(stamps)).digest('hex').slice(0, 16);
    try {
      await rename(scratch, path.join(cache, dir));
    } catch (error) {
      // Another process built the same sources first: its copy is as good as ours. Any other failure is one.
      await rm(scratch, { recursive: true, force: true });
      await stat(path.join(cache, dir, OUTPUT)).catch(() => {
        throw error;
      });
    }
    if (stamps.every(([, mtimeMs]) => mtimeMs < started)) {
      const pointer = path.join(cache, `current-${process.pid}.json`);
      await writeFile(pointer, JSON.stringify({ root, dir, stamps }));
      await rename(pointer, path.join(cache, 'current.json'));
    }
    await prune(cache, dir);
    return path.join(cache, dir, OUTPUT);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}
