import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { plainText, renderMarkup } from './content.markup.ts';

describe('article markup', () => {
  test('headings, lists, tables with a header row, images with alt text, links', () => {
    const { html, problems } = renderMarkup(
      [
        '## 办理须知',
        '请携带**身份证**，详见[办事指南](/services/passport-first-issue)。',
        '',
        '- 第一项',
        '- 第二项',
        '',
        '1. 预约',
        '2. 办理',
        '',
        '| 时间 | 地点 |',
        '| --- | --- |',
        '| 周一 | 大厅 |',
        '',
        '![民警讲解防诈骗知识](/media/talk.png)',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.match(html, /<h2>办理须知<\/h2>/);
    assert.match(html, /<strong>身份证<\/strong>/);
    assert.match(html, /<a href="\/services\/passport-first-issue">办事指南<\/a>/);
    assert.match(html, /<ul><li>第一项<\/li><li>第二项<\/li><\/ul>/);
    assert.match(html, /<ol><li>预约<\/li><li>办理<\/li><\/ol>/);
    assert.match(html, /<th scope="col">时间<\/th>/);
    assert.match(html, /<td>大厅<\/td>/);
    assert.match(html, /<img src="\/media\/talk.png" alt="民警讲解防诈骗知识"/);
  });

  test('nothing typed becomes markup of its own', () => {
    const { html, problems } = renderMarkup(
      '<script>alert(1)</script>\n[点我](javascript:alert(1))\n![x" onerror="y](/a.png)',
    );
    assert.ok(!html.includes('<script'));
    assert.ok(!html.includes('href="javascript'));
    // The quote is escaped, so the would-be handler stays inside the alt text.
    assert.ok(!html.includes('onerror="'));
    assert.equal(problems.length, 2);
  });

  test('refusals: an image without alt text, a table without a header, a first-level heading', () => {
    const { problems } = renderMarkup('# 大标题\n\n![](/media/a.png)\n\n| a | b |\n| c | d |');
    assert.deepEqual(
      problems.map((p) => p.line),
      [1, 3, 5],
    );
  });

  test('plain text for search and summaries', () => {
    assert.equal(plainText('## 标题\n**粗**[链接](/x)'), '标题 粗链接');
  });
});
