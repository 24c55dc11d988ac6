import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatDateTime, htmlLang, isLang, otherLang, t } from './index.ts';
import { en } from './messages.en.ts';
import { zh } from './messages.zh.ts';

test('both dictionaries have the same keys and no empty message', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
  for (const [key, value] of [...Object.entries(zh), ...Object.entries(en)]) {
    assert.ok(value.trim().length > 0, `empty message ${key}`);
  }
});

test('placeholders match between languages', () => {
  const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
    assert.deepEqual(names(en[key]), names(zh[key]), key);
  }
});

test('t looks up and interpolates', () => {
  assert.equal(t('zh', 'site.portal'), '示范市公安局 网上公安局');
  assert.equal(t('en', 'site.workbench'), 'Officer Workbench');
  assert.equal(t('zh', 'auth.signedInAs', { name: '张三' }), '当前用户：张三');
  assert.equal(t('en', 'pagination.page', { page: 3 }), 'Page 3');
  assert.equal(t('zh', 'footer.emergency'), '紧急情况请拨打110');
  assert.equal(t('en', 'error.summaryTitle'), 'There is a problem');
});

test('t leaves unknown placeholders visible and ignores inherited properties', () => {
  assert.equal(t('en', 'auth.signedInAs'), 'Signed in as {name}');
  assert.equal(t('en', 'auth.signedInAs', {}), 'Signed in as {name}');
  assert.equal(t('en', 'auth.signedInAs', { toString: 'x' }), 'Signed in as {name}');
});

test('language helpers', () => {
  assert.equal(htmlLang('zh'), 'zh-CN');
  assert.equal(htmlLang('en'), 'en');
  assert.equal(otherLang('zh'), 'en');
  assert.ok(isLang('en'));
  assert.ok(!isLang('fr'));
  assert.ok(!isLang(undefined));
});

test('dates are formatted in Asia/Shanghai', () => {
  // 20:05 UTC is already the next day in Shanghai.
  const d = new Date('2025-01-02T20:05:00Z');
  assert.equal(formatDate('zh', d), '2025年1月3日');
  assert.equal(formatDate('en', d), '3 January 2025');
  assert.equal(formatDateTime('zh', d), '2025年1月3日 04:05');
  assert.match(formatDateTime('en', d), /^3 January 2025,? (at )?04:05$/);
  assert.equal(formatDate('zh', '2025-06-01T00:00:00+08:00'), '2025年6月1日');
  assert.throws(() => formatDate('zh', 'not a date'), RangeError);
});
