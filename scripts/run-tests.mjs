#!/usr/bin/env node
// The README's test command. It runs, in order:
//   1. unit tests (beside the code) and integration tests (test/) on the embedded PGlite engine;
//   2. the integration tests again on PostgreSQL when TEST_DATABASE_URL is set, on the Node.js binary named by
//      TEST_NODE_POSTGRES when given (CI uses it to cover a second Node.js line without a third pass; the unit
//      tests then run again too, as they are the part most tied to the runtime);
//   3. the browser journeys in Chromium when a Chromium is found (required when REQUIRE_BROWSER=1, left out
//      when SKIP_BROWSER=1).
// The test files are first compiled with the sources they import into `.test-build/` (scripts/build-tests.mjs):
// loading one bundle is much cheaper for each test process than transforming every module through a loader.
// Extra arguments narrow the run to files whose path contains one of them. Without them, a group that finds no
// files fails the run (a renamed folder or suffix must not turn into a silent pass): the unit tests, the
// integration tests, and the browser journeys when a browser is required.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildTests } from './build-tests.mjs';

const root = path.resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);

function files(dir, pattern) {
  const out = [];
  for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !pattern.test(entry.name)) continue;
    const file = path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name));
    if (filters.length === 0 || filters.some((f) => file.includes(f))) out.push(file);
  }
  return out.sort();
}

/** Where each test file's build is, once `buildAll` has run. */
const built = new Map();

// One directory per run, so two runs in one checkout do not overwrite each other's build.
const buildDir = path.join('.test-build', String(process.pid));
process.on('exit', () => rmSync(path.join(root, buildDir), { recursive: true, force: true }));

async function buildAll(testFiles) {
  const started = performance.now();
  const outputs = await buildTests(root, testFiles, buildDir);
  testFiles.forEach((file, i) => built.set(file, outputs[i]));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`# ${testFiles.length} test files built in ${seconds} s\n`);
}

const timingHook = path.join(root, 'scripts', 'test-timing.mjs');
let runs = 0;

/** The slowest files of a run, with what their zone starts cost: for CI logs, to see where the time goes. */
function reportTimes(label, timesFile) {
  if (!existsSync(timesFile)) return;
  const source = new Map([...built].map(([file, output]) => [path.resolve(root, output), file]));
  const lines = readFileSync(timesFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .map((t) => ({ ...t, file: source.get(path.resolve(root, t.file)) ?? t.file }))
    .sort((a, b) => b.wallMs - a.wallMs);
  const sum = (key) => lines.reduce((total, t) => total + t[key], 0);
  const s = (ms) => (ms / 1000).toFixed(1).padStart(6);
  process.stdout.write(`\n# ${label}: slowest files (wall s, CPU s, zones started, CPU s starting them)\n`);
  for (const t of lines.slice(0, 20))
    process.stdout.write(
      `# ${s(t.wallMs)} ${s(t.cpuMs)} ${String(t.zones).padStart(3)} ${s(t.zoneMs)}  ${t.file}\n`,
    );
  process.stdout.write(
    `# all ${lines.length} files: wall ${s(sum('wallMs'))} s, CPU ${s(sum('cpuMs'))} s; ${sum('zones')} zones ` +
      `started in ${s(sum('zoneMs'))} CPU s (database ${s(sum('databaseMs'))} s, routes ${s(sum('appMs'))} s)\n`,
  );
}

function run(label, testFiles, env, node = process.execPath) {
  if (testFiles.length === 0) {
    if (filters.length > 0) return 0;
    process.stderr.write(`\n${label}: no test files found\n`);
    return 1;
  }
  process.stdout.write(`\n# ${label}: ${testFiles.length} files\n`);
  const started = performance.now();
  const timesFile = path.join(root, buildDir, `times-${++runs}.jsonl`);
  mkdirSync(path.dirname(timesFile), { recursive: true });
  const result = spawnSync(
    node,
    [
      '--enable-source-maps',
      // Each test process compiles PGlite's 9 MB of WebAssembly anew, and V8's optimising tier then recompiles
      // what runs often on other threads: for processes that live seconds this costs more CPU than it saves
      // (measured 7-17% of a test file's CPU time). Only how Postgres's code is compiled changes, not what it does.
      '--liftoff-only',
      '--import',
      timingHook,
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=2',
      ...testFiles.map((file) => built.get(file)),
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env, OPENPSB_TEST_TIMES: timesFile } },
  );
  reportTimes(label, timesFile);
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  process.stdout.write(`\n# ${label}: finished in ${minutes} min\n`);
  return result.status ?? 1;
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  return undefined;
}

const unit = files('src', /\.test\.tsx?$/);
const integration = files('test', /\.test\.tsx?$/);
const journeys = files('test', /\.e2e\.tsx?$/);
const postgresUrl = process.env.TEST_DATABASE_URL;

// Programs some tests start as processes of their own (the relay that the crash tests kill and restart dozens of
// times): built with the tests, so each start loads a few plain modules instead of compiling through tsx. A
// test finds them under OPENPSB_TEST_BUILD and falls back to the sources when run on its own.
const programs = ['src/main.ts', 'test/cases/crash.child.ts'].filter((file) =>
  existsSync(path.join(root, file)),
);
await buildAll([...unit, ...integration, ...journeys, ...programs]);
process.env.OPENPSB_TEST_BUILD = path.join(root, buildDir);

let failed = 0;
if (filters.length === 0 && unit.length === 0) {
  process.stderr.write('\nunit tests: no test files found beside the code (src/**/*.test.ts)\n');
  failed += 1;
}
if (filters.length === 0 && integration.length === 0) {
  process.stderr.write('\nintegration tests: no test files found (test/**/*.test.ts)\n');
  failed += 1;
}
if (unit.length + integration.length > 0)
  failed += run('unit and integration tests on PGlite', [...unit, ...integration], { TEST_DATABASE_URL: '' })
    ? 1
    : 0;
const postgresNode = process.env.TEST_NODE_POSTGRES;
if (postgresUrl && postgresNode) {
  const version = spawnSync(postgresNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const label = `unit tests and integration tests on PostgreSQL, Node.js ${version}`;
  failed += run(label, [...unit, ...integration], { TEST_DATABASE_URL: postgresUrl }, postgresNode) ? 1 : 0;
} else if (postgresUrl)
  failed += run('integration tests on PostgreSQL', integration, { TEST_DATABASE_URL: postgresUrl }) ? 1 : 0;
else process.stdout.write('\n# PostgreSQL suite not run: set TEST_DATABASE_URL to run it\n');

// SKIP_BROWSER=1 leaves the journeys out.
const chromium = process.env.SKIP_BROWSER === '1' ? undefined : findChromium();
const browserRequired = process.env.REQUIRE_BROWSER === '1';
if (process.env.SKIP_BROWSER === '1')
  process.stdout.write('\n# browser journeys left out (SKIP_BROWSER=1)\n');
else if (chromium && (journeys.length > 0 || browserRequired))
  failed += run('browser journeys in Chromium', journeys, { CHROMIUM_PATH: chromium, TEST_DATABASE_URL: '' })
    ? 1
    : 0;
else if (chromium) process.stdout.write('\n# browser journeys: none found\n');
else if (browserRequired) {
  process.stderr.write('\nChromium is required (REQUIRE_BROWSER=1) but none was found\n');
  failed += 1;
} else process.stdout.write('\n# browser journeys not run: no Chromium found (apt-get install chromium)\n');

process.stdout.write(failed ? `\n${failed} test run(s) failed\n` : '\nall test runs passed\n');
process.exit(failed ? 1 : 0);
