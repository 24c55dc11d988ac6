// `npm run bench` runs every benchmark; `npm run bench -- NAME` runs one. Results go to bench/results/NAME.json.
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n));

if (names.length === 0) {
  process.stderr.write(`no benchmark named ${wanted.join(', ')}\n`);
  process.exit(2);
}

let allPass = true;
for (const name of names) {
  const module = (await import(path.join(dir, `${name}.bench.ts`))) as { run: () => Promise<boolean> };
  allPass = (await module.run()) && allPass;
}
process.stdout.write(allPass ? '\nall targets met\n' : '\nsome targets missed (see FAIL above)\n');
