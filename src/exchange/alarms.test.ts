import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_THRESHOLDS, evaluateAlarms, type FlowFigures } from './alarms.ts';

const now = new Date('2026-03-02T10:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

function figures(overrides: Partial<FlowFigures> = {}): FlowFigures {
  return {
    flow: 'portal-to-workbench',
    pending: 0,
    oldestPendingAt: null,
    unprocessed: 0,
    oldestUnprocessedAt: null,
    rejectsInWindow: 0,
    badSignaturesInWindow: 0,
    volumeInWindow: 0,
    volumeBaseline: 0,
    ...overrides,
  };
}

const rules = (f: Partial<FlowFigures>) => evaluateAlarms([figures(f)], now).map((c) => c.rule);

test('a quiet, healthy flow raises nothing', () => {
  assert.deepEqual(rules({}), []);
  assert.deepEqual(rules({ pending: 5, oldestPendingAt: ago(59_000) }), []);
});

test('stalled: waiting at the sender past the limit, or unprocessed at the receiver past its own', () => {
  assert.deepEqual(rules({ pending: 1, oldestPendingAt: ago(DEFAULT_THRESHOLDS.stallMs) }), ['stalled']);
  assert.deepEqual(rules({ unprocessed: 1, oldestUnprocessedAt: ago(4 * 60_000) }), []);
  assert.deepEqual(rules({ unprocessed: 1, oldestUnprocessedAt: ago(5 * 60_000) }), ['stalled']);
});

test('any signature failure is critical; refusals alarm from the threshold on', () => {
  const [sig] = evaluateAlarms([figures({ badSignaturesInWindow: 1, rejectsInWindow: 1 })], now);
  assert.equal(sig?.rule, 'signature');
  assert.equal(sig?.severity, 'critical');
  assert.deepEqual(rules({ rejectsInWindow: DEFAULT_THRESHOLDS.rejectThreshold - 1 }), []);
  assert.deepEqual(rules({ rejectsInWindow: DEFAULT_THRESHOLDS.rejectThreshold }), ['rejects']);
});

test('volume: far above its recent normal and above the floor', () => {
  // 24 h of 1,000 per 5 min (288 windows) is the normal; 5× that is the line.
  const baseline = 1_000 * 288;
  assert.deepEqual(rules({ volumeInWindow: 4_999, volumeBaseline: baseline }), []);
  assert.deepEqual(rules({ volumeInWindow: 5_001, volumeBaseline: baseline }), ['volume']);
  // A quiet flow waking up with a handful of messages is not news.
  assert.deepEqual(rules({ volumeInWindow: DEFAULT_THRESHOLDS.volumeFloor, volumeBaseline: 0 }), []);
  assert.deepEqual(rules({ volumeInWindow: DEFAULT_THRESHOLDS.volumeFloor + 1, volumeBaseline: 0 }), [
    'volume',
  ]);
  assert.equal(evaluateAlarms([figures({ volumeInWindow: 10_000 })], now)[0]?.severity, 'warning');
});
