import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkup } from '../../shared/content/content.markup.ts';
import { imageNamesIn, insertLine, pictureLine, placePicture } from './content.picture-markup.ts';

const PATH = '/media/content/0123456789abcdef0123456789abcdef.png';

test('a picture line keeps its alternative text whole and renders as an image with it', () => {
  const line = pictureLine(' 巡逻车 [侧面]\n夜间 ', PATH);
  assert.equal(line, `![巡逻车 ［侧面］ 夜间](${PATH})`);
  const rendered = renderMarkup(line);
  assert.deepEqual(rendered.problems, []);
  assert.match(rendered.html, /<img src="[^"]+" alt="巡逻车 ［侧面］ 夜间"/);
  assert.deepEqual(imageNamesIn([line]), ['0123456789abcdef0123456789abcdef.png']);
});

test('inserted as a paragraph of its own wherever the cursor is', () => {
  assert.deepEqual(insertLine('', 'L', 0), { text: 'L\n', cursor: 2 });
  assert.deepEqual(insertLine('第一段。', 'L', 4), { text: '第一段。\n\nL\n', cursor: 8 });
  // In the middle of a line: it is split, the picture between its halves.
  assert.equal(insertLine('前半句后半句', 'L', 3).text, '前半句\n\nL\n\n后半句');
  // At the start of a line after a blank one: no extra blank lines.
  assert.equal(insertLine('甲\n\n乙', 'L', 3).text, '甲\n\nL\n\n乙');
  assert.equal(insertLine('甲\n乙', 'L', 2).text, '甲\n\nL\n\n乙');
  const at = insertLine('甲\n\n乙', 'L', 3);
  assert.equal(at.text.slice(0, at.cursor), '甲\n\nL');
});

test('without scripts: at the marker of the body, else of the English body, else at the end', () => {
  const line = pictureLine('图', PATH);
  assert.deepEqual(placePicture({ body: '甲\n[[图片]]\n乙', bodyEn: '' }, line), {
    body: `甲\n\n${line}\n\n乙`,
    bodyEn: '',
    into: 'body',
    at: 'marker',
  });
  const english = placePicture({ body: '甲', bodyEn: 'A\n\n[[picture]]' }, line);
  assert.equal(english.into, 'bodyEn');
  assert.equal(english.bodyEn, `A\n\n${line}\n`);
  assert.equal(english.body, '甲');
  const end = placePicture({ body: '甲', bodyEn: '' }, line);
  assert.deepEqual([end.body, end.at], [`甲\n\n${line}\n`, 'end']);
});
