// Loaded into every test process by run-tests.mjs (`--import`): when the file is done, it appends one line to
// OPENPSB_TEST_TIMES with the test file, its wall time and CPU time from process start, and what the test helpers
// counted (zones and databases started, and the time spent starting them), so the runner can list the slowest.
import { appendFileSync } from 'node:fs';

const out = process.env.OPENPSB_TEST_TIMES;
// Only the processes the test runner starts for each file; not the runner itself.
if (out && process.env.NODE_TEST_CONTEXT) {
  const counts = { zones: 0, zoneMs: 0, databaseMs: 0, appMs: 0 };
  globalThis[Symbol.for('openpsb.test-timing')] = counts;
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    const line = {
      file: process.argv[1],
      wallMs: Math.round(performance.now()),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      ...counts,
    };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
  });
}
