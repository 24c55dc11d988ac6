import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/shared/db/database.ts';
import { logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';
import {
  colouredPng,
  followRedirect,
  newArticle,
  postUpload,
  textareaValue,
} from './content-images.support.ts';
import {
  deleteExpiredEditorDrafts,
  keepEditorDraft,
} from '../../src/workbench/content/content.editor-drafts.ts';
import { inputFrom } from '../../src/workbench/content/content.forms.ts';
import { sweepUnusedImages } from '../../src/workbench/content/content.image-sweep.ts';

// An uploaded picture goes into the article without the editor copying its line: posted with the editor's
// form (the upload button, no scripts), everything typed is kept for the officer with the picture's line at the
// marker or at the end of the body, and the answer is a redirect to the editor page that shows it (post,
// redirect, get: a reload reads it again and uploads nothing), nothing saved to the article; the kept form is
// its officer's only and lasts a day. A refused upload keeps the typing too; an uploaded picture's insert
// button does the same; the page's script gets the line as JSON. A draft that shows a picture no longer kept
// cannot be submitted.

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

const DRAFT_URL = (id: number) => new RegExp(`^/content/${id}\\?draft=[0-9a-f-]{36}$`);

async function uploadsOf(id: number): Promise<number> {
  const [row] = rows<{ n: number | string }>(
    await workbench.services.db.execute(
      sql`select count(*) as n from audit_log where action = 'content.image.upload' and target = ${`content:${id}`}`,
    ),
  );
  return Number(row?.n ?? 0);
}

async function keptForms(): Promise<number> {
  const [row] = rows<{ n: number | string }>(
    await workbench.services.db.execute(sql`SELECT count(*) AS n FROM content_editor_drafts`),
  );
  return Number(row?.n ?? 0);
}

async function storedBody(id: number): Promise<string> {
  const [row] = rows<{ body: string }>(
    await workbench.services.db.execute(
      sql`select body from content_versions where article_id = ${id} order by version desc limit 1`,
    ),
  );
  return row?.body ?? '';
}

describe('pictures inserted into the article', () => {
  test('without scripts: at the marker, everything typed kept, nothing saved, a reload repeats nothing', async () => {
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
    const posted = await postUpload(
      workbench,
      ed,
      id,
      { ...typed, uploadAlt: '派出所新址 [正门]' },
      await colouredPng('#1d4f91'),
    );
    assert.equal(posted.statusCode, 303, posted.body.slice(0, 300));
    const address = posted.headers.location ?? '';
    assert.match(address, DRAFT_URL(id));
    const page = await followRedirect(workbench, ed, posted);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const body = textareaValue(page.body, 'body') ?? '';
    const name = LINE.exec(body)?.[1] ?? '';
    assert.ok(name, body);
    assert.equal(body, `新址今日启用。\n\n![派出所新址 ［正门］](/media/content/${name})\n\n办公时间不变。`);
    assert.match(page.body, /value="派出所新址启用（改）"/, 'the title typed is kept');
    assert.match(page.body, /新址今日启用。<\/textarea>/, 'the summary typed is kept');
    assert.match(page.body, /name="hitsForApprover" [^>]*value="yes" checked/, 'the box ticked stays ticked');
    assert.match(page.body, /name="baseVersion" value="1"/);
    assert.match(page.body, /图片已上传，并插入正文标记处。保存草稿后才会保存。/);
    assert.doesNotMatch(page.body, /name="uploadAlt"[^>]*value="派出所/, 'the upload fields are empty again');
    assert.match(page.body, new RegExp(`name="insert" value="${name}"`), 'the picture is listed to insert');
    assert.equal(await storedBody(id), '', 'nothing is saved until the editor saves');
    assert.equal(await uploadsOf(id), 1);

    // A reload is a GET of that address: the same form, the flash gone, nothing uploaded again.
    const reloaded = await ed.get(address);
    assert.equal(reloaded.statusCode, 200);
    assert.equal(textareaValue(reloaded.body, 'body'), body);
    assert.match(reloaded.body, /value="派出所新址启用（改）"/);
    assert.doesNotMatch(reloaded.body, /图片已上传/);
    assert.match(reloaded.body, /下面是您尚未保存的编辑内容（保留一天）：保存草稿后才会保存。/);
    assert.doesNotMatch(page.body, /下面是您尚未保存的编辑内容/, 'the flash says it the first time');
    assert.equal(reloaded.body.split(`name="insert" value="${name}"`).length, 2, 'one picture listed');
    assert.equal(await uploadsOf(id), 1, 'the reload uploaded nothing');

    // Saving the restored form saves what was typed, picture included.
    const saved = await ed.post(
      `/content/${id}`,
      { ...typed, action: 'save', body, upload: '', uploadAlt: '' },
      { formUrl: address },
    );
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    assert.equal(await storedBody(id), body);

    // No marker: at the end of the body.
    const again = await postUpload(
      workbench,
      ed,
      id,
      { ...typed, baseVersion: '1', body: '只有一段。', uploadAlt: '新址外景' },
      await colouredPng('#2e7d32'),
    );
    assert.equal(again.statusCode, 303);
    const againPage = await followRedirect(workbench, ed, again);
    assert.match(
      textareaValue(againPage.body, 'body') ?? '',
      /^只有一段。\n\n!\[新址外景\]\(\/media\/content\/[0-9a-f]{32}\.png\)\n$/,
    );
    assert.match(againPage.body, /插入正文末尾/);

    // In English the editor marks the English body.
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
    assert.equal(inEnglish.statusCode, 303);
    const englishPage = await followRedirect(workbench, ed, inEnglish);
    assert.equal(textareaValue(englishPage.body, 'body'), '正文。');
    assert.match(textareaValue(englishPage.body, 'bodyEn') ?? '', /^Opened today\.\n\n!\[新址外景\]\(/);
    assert.match(englishPage.body, /插入英文正文标记处/);
  });

  test('the unsaved form is its officer’s only, for a day', async () => {
    const ed = await logIn(workbench, editor);
    const id = await newArticle(ed, '冬季防火提示');
    const posted = await postUpload(
      workbench,
      ed,
      id,
      { baseVersion: '1', title: '冬季防火提示', body: '注意用电安全。', uploadAlt: '灭火器' },
      await colouredPng('#c62828'),
    );
    assert.equal(posted.statusCode, 303);
    const address = posted.headers.location ?? '';
    const name = LINE.exec(textareaValue((await ed.get(address)).body, 'body') ?? '')?.[1] ?? '';
    assert.ok(name);

    // A colleague of the same unit given the address sees the article as saved, not the form.
    const colleague = await makeOfficer(workbench, {
      unitCode: 'SF-D01',
      role: 'content-editor',
      enrolled: true,
    });
    const other = await logIn(workbench, colleague);
    const seen = await other.get(address);
    assert.equal(seen.statusCode, 200);
    assert.equal(textareaValue(seen.body, 'body'), '');
    assert.match(seen.body, /这份未保存的编辑内容已不再保留/);
    // A form begun on a version since replaced says that saving it will be refused.
    const stale = await keepEditorDraft(
      workbench.services.db,
      { articleId: id, badgeNo: editor.badgeNo },
      { baseVersion: 0, input: inputFrom({ title: '冬季防火提示', body: '旧的。' }), values: {} },
      workbench.services.now(),
    );
    const stalePage = await ed.get(`/content/${id}?draft=${stale}`);
    assert.equal(textareaValue(stalePage.body, 'body'), '旧的。');
    assert.match(stalePage.body, /name="baseVersion" value="0"/);
    assert.match(stalePage.body, /此后稿件已有改动（现为第1版），保存时会被拒绝/);
    const malformed = await ed.get(`/content/${id}?draft=not-an-id`);
    assert.equal(malformed.statusCode, 422);

    // Nearly a day on the picture is inserted again without scripts: a new unsaved form, which keeps the
    // picture past its day; the first form is gone a day after it was kept, even for its officer.
    const DAY = 24 * 60 * 60 * 1000;
    workbench.advance(DAY - 60 * 60 * 1000);
    const late = await logIn(workbench, editor);
    const inserted = await late.post(
      `/content/${id}`,
      { baseVersion: '1', title: '冬季防火提示', body: '注意用电安全。', insert: name },
      { formUrl: address },
    );
    assert.equal(inserted.statusCode, 303, inserted.body.slice(0, 300));
    workbench.advance(2 * 60 * 60 * 1000);
    const sweep = () =>
      workbench.services.db.transaction(async (tx) => ({
        pictures: await sweepUnusedImages(tx, workbench.services.now()),
        forms: await deleteExpiredEditorDrafts(tx, workbench.services.now()),
      }));
    const first = await sweep();
    assert.ok(!first.pictures.some((p) => p.name === name), 'a picture a live unsaved form shows is kept');
    assert.ok(first.forms >= 1, 'the expired form is deleted');
    const gone = await (await logIn(workbench, editor)).get(address);
    assert.equal(gone.statusCode, 200);
    assert.equal(textareaValue(gone.body, 'body'), '');
    assert.match(gone.body, /这份未保存的编辑内容已不再保留/);
    workbench.advance(DAY);
    const second = await sweep();
    assert.ok(
      second.pictures.some((p) => p.name === name),
      'then the unused picture goes',
    );
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
    assert.equal(inserted.statusCode, 303, inserted.body.slice(0, 300));
    assert.match(inserted.headers.location ?? '', DRAFT_URL(id));
    const shown = await ed.get(inserted.headers.location ?? '');
    assert.equal(textareaValue(shown.body, 'body'), `欢迎参观。\n\n${answer.line}\n`);
    assert.match(shown.body, /图片已插入正文标记处/);
    assert.equal(await storedBody(id), '');
    const unknown = await ed.post(`/content/${id}`, {
      baseVersion: '1',
      title: '警营开放日',
      body: '欢迎参观。',
      insert: `${'0'.repeat(32)}.png`,
    });
    assert.equal(unknown.statusCode, 404);

    // Another unit's editor, with a picture of his own, keeps nothing against this article, nor a missing one.
    const other = await logIn(
      workbench,
      await makeOfficer(workbench, { unitCode: 'SF-D02', role: 'content-editor', enrolled: true }),
    );
    const hisArticle = await newArticle(other, '分局开放日', 'police-news', 'SF-D02');
    const his = await postUpload(
      workbench,
      other,
      hisArticle,
      { uploadAlt: '分局大门' },
      await colouredPng('#2e7d32'),
      { accept: 'application/json' },
    );
    assert.equal(his.statusCode, 201, his.body.slice(0, 300));
    const hisName = his.json<{ path: string }>().path.split('/').pop() ?? '';
    const keptBefore = await keptForms();
    for (const target of [id, 999_999]) {
      const refused = await other.post(
        `/content/${target}`,
        { baseVersion: '1', title: '开放日', body: '正文', insert: hisName },
        { formUrl: `/content/${hisArticle}` },
      );
      assert.equal(refused.statusCode, 404, `article ${target}`);
    }
    assert.equal(await keptForms(), keptBefore, 'no unsaved form was kept');

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
