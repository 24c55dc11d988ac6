import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/shared/db/database.ts';
import { logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';
import { colouredPng, newArticle, postUpload, textareaValue } from './content-images.support.ts';

// An uploaded picture goes into the article without the editor copying its line: posted with the editor's
// form (the upload button, no scripts), the form comes back with everything typed and the picture's line at
// the marker or at the end of the body, nothing saved; a refused upload keeps the typing too; an uploaded
// picture's insert button does the same; the page's script gets the line as JSON. A draft that shows a picture
// no longer kept cannot be submitted.

let workbench: Workbench;
let editor: Officer;

before(async () => {
  workbench = await startWorkbench();
  editor = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'content-editor', enrolled: true });
});
after(async () => {
  await workbench.close();
});

const LINE = /!\[[^\]]+\]\(\/media\/content\/([0-9a-f]{32}\.png)\)/;

async function storedBody(id: number): Promise<string> {
  const [row] = rows<{ body: string }>(
    await workbench.services.db.execute(
      sql`select body from content_versions where article_id = ${id} order by version desc limit 1`,
    ),
  );
  return row?.body ?? '';
}

describe('pictures inserted into the article', () => {
  test('without scripts: at the marker, everything typed kept, nothing saved', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, '派出所新址启用');
    const typed = {
      baseVersion: '1',
      title: '派出所新址启用（改）',
      summary: '新址今日启用。',
      body: '新址今日启用。\n[[图片]]\n办公时间不变。',
      titleEn: '',
      summaryEn: '',
      bodyEn: '',
      withdrawAt: '',
      hitsForApprover: 'yes',
    };
    const page = await postUpload(
      workbench,
      ed,
      id,
      { ...typed, uploadAlt: '派出所新址 [正门]' },
      await colouredPng('#1d4f91'),
    );
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const body = textareaValue(page.body, 'body') ?? '';
    const name = LINE.exec(body)?.[1] ?? '';
    assert.ok(name, body);
    assert.equal(body, `新址今日启用。\n\n![派出所新址 ［正门］](/media/content/${name})\n\n办公时间不变。`);
    assert.match(page.body, /value="派出所新址启用（改）"/, 'the title typed is kept');
    assert.match(page.body, /新址今日启用。<\/textarea>/, 'the summary typed is kept');
    assert.match(page.body, /name="hitsForApprover" [^>]*value="yes" checked/, 'the box ticked stays ticked');
    assert.match(page.body, /图片已上传，并插入正文标记处。保存草稿后才会保存。/);
    assert.doesNotMatch(page.body, /name="uploadAlt"[^>]*value="派出所/, 'the upload fields are empty again');
    assert.match(page.body, new RegExp(`name="insert" value="${name}"`), 'the picture is listed to insert');
    assert.equal(await storedBody(id), '', 'nothing is saved until the editor saves');

    // No marker: at the end of the body.
    const again = await postUpload(
      workbench,
      ed,
      id,
      { ...typed, body: '只有一段。', uploadAlt: '新址外景' },
      await colouredPng('#2e7d32'),
    );
    assert.equal(again.statusCode, 200);
    assert.match(
      textareaValue(again.body, 'body') ?? '',
      /^只有一段。\n\n!\[新址外景\]\(\/media\/content\/[0-9a-f]{32}\.png\)\n$/,
    );
    assert.match(again.body, /插入正文末尾/);

    // In English the editor marks the English body.
    const english = await workbench.app.inject({
      method: 'GET',
      url: `/content/${id}`,
      headers: { cookie: ed.cookieHeader() },
    });
    assert.equal(english.statusCode, 200);
    const inEnglish = await postUpload(
      workbench,
      ed,
      id,
      {
        ...typed,
        body: '正文。',
        titleEn: 'New station',
        bodyEn: 'Opened today.\n\n[[picture]]',
        uploadAlt: '新址外景',
      },
      await colouredPng('#2e7d32'),
    );
    assert.equal(inEnglish.statusCode, 200);
    assert.equal(textareaValue(inEnglish.body, 'body'), '正文。');
    assert.match(textareaValue(inEnglish.body, 'bodyEn') ?? '', /^Opened today\.\n\n!\[新址外景\]\(/);
    assert.match(inEnglish.body, /插入英文正文标记处/);
  });

  test('refused without alternative text, with everything typed kept', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, '交通管制通告');
    const refused = await postUpload(
      workbench,
      ed,
      id,
      { baseVersion: '1', title: '交通管制通告', body: '明日起管制。\n\n[[图片]]', uploadAlt: '  ' },
      await colouredPng('#b8322a'),
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /请填写图片的替代文字/);
    assert.equal(textareaValue(refused.body, 'body'), '明日起管制。\n\n[[图片]]');
    const none = await postUpload(workbench, ed, id, {
      baseVersion: '1',
      title: '交通管制通告',
      body: '明日起管制。',
      uploadAlt: '管制路段示意图',
    });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /请选择要上传的图片/);
    assert.match(none.body, /value="管制路段示意图"/);
    assert.equal(textareaValue(none.body, 'body'), '明日起管制。');
  });

  test('an uploaded picture’s insert button, and the JSON answer the page’s script uses', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, '警营开放日');
    const json = await postUpload(
      workbench,
      ed,
      id,
      { uploadAlt: '开放日现场' },
      await colouredPng('#6a1b9a'),
      { accept: 'application/json' },
    );
    assert.equal(json.statusCode, 201);
    const answer = json.json<{ path: string; alt: string; line: string }>();
    assert.equal(answer.line, `![开放日现场](${answer.path})`);
    const name = answer.path.split('/').pop() ?? '';

    const page = await ed.get(`/content/${id}`);
    assert.match(
      page.body,
      new RegExp(`data-picture-line="!\\[开放日现场\\]\\(/media/content/${name.replace('.', '\\.')}\\)"`),
    );
    assert.match(page.body, /aria-label="插入图片：开放日现场"/);
    assert.match(page.body, /<script src="\/static\/content-pictures.js" defer=""><\/script>/);

    const inserted = await ed.post(`/content/${id}`, {
      baseVersion: '1',
      title: '警营开放日',
      body: '欢迎参观。\n[[图片]]',
      insert: name,
      upload: '',
      uploadAlt: '',
    });
    assert.equal(inserted.statusCode, 200, inserted.body.slice(0, 300));
    assert.equal(textareaValue(inserted.body, 'body'), `欢迎参观。\n\n${answer.line}\n`);
    assert.match(inserted.body, /图片已插入正文标记处/);
    assert.equal(await storedBody(id), '');
    const unknown = await ed.post(`/content/${id}`, {
      baseVersion: '1',
      title: '警营开放日',
      body: '欢迎参观。',
      insert: `${'0'.repeat(32)}.png`,
    });
    assert.equal(unknown.statusCode, 404);

    // The save button posts the picture fields too; they are ignored.
    const saved = await ed.post(`/content/${id}`, {
      baseVersion: '1',
      action: 'save',
      title: '警营开放日',
      body: `欢迎参观。\n\n${answer.line}`,
      upload: '',
      uploadAlt: '',
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    assert.equal(await storedBody(id), `欢迎参观。\n\n${answer.line}`);
  });

  test('a draft showing a picture that is not kept is saved but cannot be submitted', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, '失物招领');
    const gone = `/media/content/${'a'.repeat(32)}.png`;
    const submitted = await ed.post(`/content/${id}`, {
      baseVersion: '1',
      action: 'submit',
      title: '失物招领',
      body: `请失主认领。\n\n![钱包](${gone})`,
    });
    assert.equal(submitted.statusCode, 422);
    assert.match(submitted.body, /已不存在.*请重新上传/);
    assert.match(await storedBody(id), /请失主认领/);
  });
});
