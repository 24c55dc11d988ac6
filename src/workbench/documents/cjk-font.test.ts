import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleInputs } from './documents.fixture.ts';
import { findCjkFont, NoCjkFont } from '../../shared/pdf/cjk-font.ts';
import { renderCaseDocument } from './render.ts';

test('a font named in the environment is used, with its face; a missing one is a clear error', async () => {
  const found = findCjkFont({});
  assert.deepEqual(findCjkFont({ OPENPSB_CJK_FONT: `${found.path}#${found.face ?? ''}` }), found);
  assert.throws(() => findCjkFont({ OPENPSB_CJK_FONT: '/nonexistent/font.ttc' }), NoCjkFont);
  await assert.rejects(
    renderCaseDocument(sampleInputs['acceptance-notice'], { font: { path: '/nonexistent/font.ttc' } }),
    /ENOENT/,
  );
});
