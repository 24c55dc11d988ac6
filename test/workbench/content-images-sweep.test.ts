import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/shared/db/database.ts';
import { MUSEUM_COLUMN } from '../../src/shared/museum/museum.halls.ts';
import { IMAGE_SWEEP_QUEUE, scheduleImageSweep } from '../../src/workbench/content/content.image-sweep.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';
import { colouredPng, newArticle, postUpload } from './content-images.support.ts';

// Pictures uploaded and never used are deleted by the zone's job a day after their upload, each deletion
// audited; a picture any version of any article shows is kept: a draft's, one in review, a published one's
// (also once a newer draft leaves it out), a withdrawn version's, an exhibit's picture field. Time moves by the
// zone's clock, not by waiting.

let workbench: Workbench;
let editor: Officer;
let approver: Officer;
const HOUR = 3_600_000;

before(async () => {
  workbench = await startWorkbench();
  editor = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'content-editor', enrolled: true });
  approver = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'approver', enrolled: true });
});
after(async () => {
  await workbench.close();
});

let colour = 0;
async function uploaded(client: FormClient, id: number, alt: string): Promise<string> {
  const hex = (0x102030 + ++colour * 0x0b0705).toString(16).slice(-6);
  const res = await postUpload(workbench, client, id, { uploadAlt: alt }, await colouredPng(`#${hex}`), {
    accept: 'application/json',
  });
  assert.equal(res.statusCode, 201, res.body.slice(0, 300));
  return res.json<{ path: string }>().path;
}

const nameOf = (path: string) => path.split('/').pop() ?? '';

async function save(client: FormClient, id: number, fields: Record<string, string>, submit = false) {
  const [row] = rows<{ current_version: number }>(
    await workbench.services.db.execute(sql`select current_version from content_articles where id = ${id}`),
  );
  const res = await client.post(`/content/${id}`, {
    baseVersion: String(row?.current_version ?? 1),
    action: submit ? 'submit' : 'save',
    ...fields,
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 600));
}

async function approve(client: FormClient, id: number) {
  const [row] = rows<{ current_version: number }>(
    await workbench.services.db.execute(sql`select current_version from content_articles where id = ${id}`),
  );
  const res = await client.post(
    `/content/${id}/approve`,
    { version: String(row?.current_version ?? 1), publishAt: '' },
    { formUrl: `/content/${id}` },
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 600));
}

async function kept(): Promise<Set<string>> {
  const found = rows<{ name: string }>(
    await workbench.services.db.execute(sql`select name from content_images`),
  );
  return new Set(found.map((r) => r.name));
}

async function sweep(): Promise<number> {
  await scheduleImageSweep(workbench.services);
  return workbench.drainJobs();
}

describe('unused pictures swept', () => {
  test('a day after upload, only the pictures no version shows are deleted, each audited', async () => {
    assert.ok(workbench.handlers[IMAGE_SWEEP_QUEUE], 'the workbench worker runs the sweep');
    const ed = await logIn(workbench, editor);
    const ap = await logIn(workbench, approver);

    const draft = await newArticle(ed, '社区民警走访');
    const inDraft = await uploaded(ed, draft, '民警走访');
    const droppedFromDraft = await uploaded(ed, draft, '走访旧照');
    const neverUsed = await uploaded(ed, draft, '未用的照片');
    await save(ed, draft, {
      title: '社区民警走访',
      body: `走访。\n\n![民警走访](${inDraft})\n\n![走访旧照](${droppedFromDraft})`,
    });
    await save(ed, draft, { title: '社区民警走访', body: `走访。\n\n![民警走访](${inDraft})` });

    const review = await newArticle(ed, '反诈宣传进校园');
    const inReview = await uploaded(ed, review, '宣传现场');
    await save(ed, review, { title: '反诈宣传进校园', body: `宣传。\n\n![宣传现场](${inReview})` }, true);

    const live = await newArticle(ed, '新巡逻车列装');
    const onlyInPublished = await uploaded(ed, live, '巡逻车');
    await save(ed, live, { title: '新巡逻车列装', body: `列装。\n\n![巡逻车](${onlyInPublished})` }, true);
    await approve(ap, live);
    // A newer draft leaves the picture out; the live version still shows it.
    await save(ed, live, { title: '新巡逻车列装', body: '列装，配图另附。' });

    const gone = await newArticle(ed, '节前安全提示');
    const inWithdrawn = await uploaded(ed, gone, '提示海报');
    await save(ed, gone, { title: '节前安全提示', body: `提示。\n\n![提示海报](${inWithdrawn})` }, true);
    await approve(ap, gone);
    const withdrawn = await ap.post(
      `/content/${gone}/withdraw`,
      { reason: '过期' },
      { formUrl: `/content/${gone}` },
    );
    assert.equal(withdrawn.statusCode, 303);

    const exhibit = await newArticle(ed, '老式警用摩托', MUSEUM_COLUMN);
    const exhibitPicture = await uploaded(ed, exhibit, '老式警用摩托');
    await save(ed, exhibit, {
      title: '老式警用摩托',
      body: '展品。',
      image: exhibitPicture,
      imageAlt: '老式警用摩托',
    });

    // Less than a day on, nothing is deleted, and a picture uploaded now is fresh.
    workbench.advance(23 * HOUR);
    await sweep();
    assert.equal((await kept()).size, 7);
    const fresh = await uploaded(await logIn(workbench, editor), draft, '刚上传');

    workbench.advance(2 * HOUR);
    await sweep();
    const after = await kept();
    for (const path of [inDraft, inReview, onlyInPublished, inWithdrawn, exhibitPicture, fresh])
      assert.ok(after.has(nameOf(path)), `${path} is kept`);
    assert.ok(!after.has(nameOf(neverUsed)), 'the picture never used is deleted');
    assert.ok(!after.has(nameOf(droppedFromDraft)), 'the picture the draft no longer shows is deleted');
    assert.equal(after.size, 6);

    const audited = rows<{ actor: string; target: string; detail: { name: string; uploadedBy: string } }>(
      await workbench.services.db.execute(
        sql`select actor, target, detail from audit_log where action = 'content.image.delete-unused' order by seq`,
      ),
    );
    assert.deepEqual(
      audited.map((a) => [a.actor, a.target, a.detail.name, a.detail.uploadedBy]).sort(),
      [neverUsed, droppedFromDraft]
        .map((p) => ['system', `content:${draft}`, nameOf(p), editor.badgeNo])
        .sort(),
    );
    const ed2 = await logIn(workbench, editor);
    assert.equal((await ed2.get(neverUsed)).statusCode, 404);
    assert.equal((await ed2.get(inDraft)).statusCode, 200);

    // A sweep again deletes nothing more; a day after its upload the fresh one goes too.
    await sweep();
    assert.equal((await kept()).size, 6);
    workbench.advance(24 * HOUR);
    await sweep();
    assert.ok(!(await kept()).has(nameOf(fresh)));
    assert.equal((await kept()).size, 5);
  });
});
