import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UnitInfo } from './supervision.repository.ts';
import type { TallyRow } from './supervision.sources.ts';
import { unitView } from './supervision.view.ts';

const unit = (code: string, parentCode: string | null, path: string): UnitInfo => ({
  code,
  parentCode,
  path,
  name: code,
  nameEn: code,
});
const district = unit('SF-D01', 'SF-0000', 'SF-0000/SF-D01');
const subtree = [
  district,
  unit('SF-D01-P01', 'SF-D01', 'SF-0000/SF-D01/SF-D01-P01'),
  unit('SF-D01-P01-C01', 'SF-D01-P01', 'SF-0000/SF-D01/SF-D01-P01/SF-D01-P01-C01'),
  unit('SF-D01-P02', 'SF-D01', 'SF-0000/SF-D01/SF-D01-P02'),
];
const row = (
  unitCode: string,
  open: number,
  amber: number,
  red: number,
  officer: string | null = null,
): TallyRow => ({
  source: 'case',
  unitCode,
  service: 'svc',
  serviceName: { zh: '事项', en: 'Service' },
  workflowId: 'case-certificate',
  step: 'submitted',
  officer,
  open,
  amber,
  red,
});

test('a unit’s figures roll up each unit below into the child it sits under, and ignore units outside', () => {
  const view = unitView(district, subtree, [
    row('SF-D01', 1, 0, 0),
    row('SF-D01-P01', 3, 1, 1, 'T1'),
    row('SF-D01-P01-C01', 2, 0, 2),
    row('SF-D01-P02', 1, 1, 0),
    row('SF-D02-P01', 9, 9, 9),
  ]);
  assert.deepEqual(view.total, { open: 7, amber: 2, red: 3 });
  assert.deepEqual(view.own, { open: 1, amber: 0, red: 0 });
  // Most overdue first.
  assert.deepEqual(
    view.children.map((c) => [c.key, c.open, c.amber, c.red, c.hasChildren]),
    [
      ['SF-D01-P01', 5, 1, 3, true],
      ['SF-D01-P02', 1, 1, 0, false],
    ],
  );
  assert.deepEqual(
    view.byOfficer.map((o) => [o.key, o.open]),
    [
      ['', 4],
      ['T1', 3],
    ],
  );
});

test('past the first twenty officers by urgency, the rest are summed in one line', () => {
  const many = Array.from({ length: 25 }, (_, i) => row('SF-D01-P02', 1, 0, i < 3 ? 1 : 0, `T${String(i)}`));
  const view = unitView(district, subtree, many);
  assert.equal(view.byOfficer.length, 20);
  assert.deepEqual(
    view.byOfficer.slice(0, 3).map((o) => o.red),
    [1, 1, 1],
  );
  assert.deepEqual(view.otherOfficers, { officers: 5, open: 5, amber: 0, red: 0 });
  assert.equal(unitView(district, subtree, many.slice(0, 3)).otherOfficers, null);
});
