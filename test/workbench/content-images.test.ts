import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { FormClient } from '../helpers/browser-like.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { postUpload } from './content-images.support.ts';
import { logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

// A picture for an article: uploaded with its alternative text (refused without, refused when not a PNG, JPEG
// or WebP picture, or too large), re-encoded without its metadata, put into the body, published, carried ahead
// of the article through the exchange and served by the portal as the picture type it is.

let portal: TestZone;
let workbench: Workbench;
let boundary: Boundary;
let editor: Officer;
let approver: Officer;
let bystander: Officer;

before(async () => {
  [portal, workbench] = await Promise.all([startTestZone('portal'), startWorkbench()]);
  boundary = joinZones(portal, workbench, { intervalMs: 60_000, beatMs: 0 });
  editor = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'content-editor', enrolled: true });
  approver = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'approver', enrolled: true });
  bystander = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'window-clerk', enrolled: true });
});
after(async () => {
  await boundary.close();
});

const upload = (
  client: FormClient,
  id: number,
  fields: Record<string, string>,
  file?: { bytes: Buffer; type: string },
) => postUpload(workbench, client, id, fields, file);

const picture = (format: 'png' | 'jpeg' | 'webp') => {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: '#b8322a' } });
  const encoded = format === 'png' ? image.png() : format === 'jpeg' ? image.jpeg() : image.webp();
  // As a phone would write it: where, when and by whom.
  return encoded
    .withExif({ IFD0: { Artist: 'Someone private', ImageDescription: 'GPS 31.2,121.4' } })
    .toBuffer();
};

describe('pictures in articles', () => {
  test('refused without alternative text or as the wrong kind; kept without metadata; sent and served', async () => {
    const ed = await logIn(workbench, editor);
    const created = await ed.post(
      '/content',
      { column: 'police-news', unitCode: 'SF-D01', title: '新警用巡逻车投入使用' },
      { formUrl: '/content/new' },
    );
    const id = Number(/\/content\/(\d+)$/.exec(created.headers.location ?? '')?.[1]);
    assert.ok(id > 0);

    const jpeg = await picture('jpeg');
    const noAlt = await upload(ed, id, { uploadAlt: ' ' }, { bytes: jpeg, type: 'image/jpeg' });
    assert.equal(noAlt.statusCode, 422);
    assert.match(noAlt.body, /请填写图片的替代文字/);
    const notPicture = await upload(
      ed,
      id,
      { uploadAlt: '巡逻车' },
      { bytes: Buffer.from('%PDF-1.4 not a picture'), type: 'image/png' },
    );
    assert.equal(notPicture.statusCode, 422);
    assert.match(notPicture.body, /只能上传 PNG、JPEG 或 WebP 图片/);
    assert.match(notPicture.body, /value="巡逻车"/, 'the alternative text typed is kept');
    const tooLarge = await upload(
      ed,
      id,
      { uploadAlt: '巡逻车' },
      { bytes: Buffer.alloc(2 * 1024 * 1024 + 10, 1), type: 'image/png' },
    );
    assert.equal(tooLarge.statusCode, 422);
    assert.match(tooLarge.body, /图片不能超过2MB/);
    // A small WebP of noise grows far past 2 MB as a PNG: refused at upload, not when the article crosses.
    const noise = Buffer.from(Array.from({ length: 1600 * 1000 * 3 }, (_, i) => (i * 2_654_435_761) % 251));
    const grows = await sharp(noise, { raw: { width: 1600, height: 1000, channels: 3 } })
      .webp({ quality: 30 })
      .toBuffer();
    assert.ok(grows.length < 2 * 1024 * 1024);
    const grown = await upload(ed, id, { uploadAlt: '巡逻车' }, { bytes: grows, type: 'image/webp' });
    assert.equal(grown.statusCode, 422);
    assert.match(grown.body, /图片转换后超过2MB/);

    const done = await upload(
      ed,
      id,
      { uploadAlt: '停在分局门前的新巡逻车' },
      { bytes: jpeg, type: 'image/jpeg' },
    );
    assert.equal(done.statusCode, 303, done.body.slice(0, 400));
    const webp = await upload(
      ed,
      id,
      { uploadAlt: '巡逻车侧面' },
      { bytes: await picture('webp'), type: 'image/webp' },
    );
    assert.equal(webp.statusCode, 303, webp.body.slice(0, 400));
    const page = await ed.get(`/content/${id}`);
    const lines = [...page.body.matchAll(/!\[([^\]]+)\]\((\/media\/content\/[0-9a-f]{32}\.(png|jpg))\)/g)];
    assert.equal(new Set(lines.map((l) => l[2])).size, 2, 'both pictures are listed with the line to copy');
    const jpegPath = lines.find((l) => l[3] === 'jpg')?.[2] ?? '';
    const pngPath = lines.find((l) => l[3] === 'png')?.[2] ?? '';
    assert.ok(jpegPath && pngPath, 'a JPEG stays a JPEG, a WebP becomes a PNG');

    const stored = await ed.get(jpegPath);
    assert.equal(stored.statusCode, 200);
    const meta = await sharp(stored.rawPayload).metadata();
    assert.equal(meta.exif, undefined, 'no metadata is kept');
    assert.ok(!stored.rawPayload.includes('Someone private'));

    // Only an officer with a content duty sees the pictures, and only an editor uploads.
    const clerk = await logIn(workbench, bystander);
    assert.equal((await clerk.get(jpegPath)).statusCode, 403);
    assert.ok([403, 404].includes((await upload(clerk, id, { uploadAlt: 'x' })).statusCode));

    const body = `新巡逻车今日投入使用。\n\n![停在分局门前的新巡逻车](${jpegPath})`;
    const submitted = await ed.post(`/content/${id}`, {
      baseVersion: '1',
      action: 'submit',
      title: '新警用巡逻车投入使用',
      summary: '',
      body,
      withdrawAt: '',
    });
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 400));
    const ap = await logIn(workbench, approver);
    const published = await ap.post(
      `/content/${id}/approve`,
      { version: '1', publishAt: '' },
      { formUrl: `/content/${id}` },
    );
    assert.equal(published.statusCode, 303, published.body.slice(0, 400));
    assert.equal((await boundary.toPortal()).failed, 0);

    const article = await portal.app.inject({ method: 'GET', url: `/articles/${id}` });
    assert.match(article.body, new RegExp(`<img src="${jpegPath}" alt="停在分局门前的新巡逻车"`));
    const served = await portal.app.inject({ method: 'GET', url: jpegPath });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    assert.equal(served.headers['content-security-policy'], 'sandbox');
    assert.equal((await sharp(served.rawPayload).metadata()).exif, undefined);
    assert.equal(served.headers['cache-control'], 'public, max-age=300');
    // Taken down, the article no longer makes its picture public.
    await portal.database.db.execute(
      sql`update published_articles set withdrawn_at = now() where id = ${id}`,
    );
    assert.equal((await portal.app.inject({ method: 'GET', url: jpegPath })).statusCode, 404);
    // The picture not shown by any published article did not cross.
    assert.equal((await portal.app.inject({ method: 'GET', url: pngPath })).statusCode, 404);
    assert.equal(
      (await portal.app.inject({ method: 'GET', url: '/media/content/evil.svg' })).statusCode,
      404,
    );
  });

  test('another unit’s picture is not seen, nor published by naming it in a body', async () => {
    const [otherEditor, otherApprover] = await Promise.all([
      makeOfficer(workbench, { unitCode: 'SF-D02', role: 'content-editor', enrolled: true }),
      makeOfficer(workbench, { unitCode: 'SF-D02', role: 'approver', enrolled: true }),
    ]);
    const create = async (client: FormClient, unitCode: string, title: string) => {
      const created = await client.post(
        '/content',
        { column: 'police-news', unitCode, title },
        { formUrl: '/content/new' },
      );
      return Number(/\/content\/(\d+)$/.exec(created.headers.location ?? '')?.[1]);
    };
    const pathOf = async (client: FormClient, id: number, bytes: Buffer) => {
      const sent = await upload(client, id, { uploadAlt: '照片' }, { bytes, type: 'image/png' });
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
      const page = await client.get(`/content/${id}`);
      return /\/media\/content\/[0-9a-f]{32}\.png/.exec(page.body)?.[0] ?? '';
    };
    const bytes = await picture('png');
    const ed = await logIn(workbench, editor);
    const ownId = await create(ed, 'SF-D01', '辖区民警走访');
    const theirs = await pathOf(ed, ownId, bytes);
    assert.ok(theirs);

    const other = await logIn(workbench, otherEditor);
    assert.equal((await other.get(theirs)).statusCode, 404, 'not found, as another unit’s article is');
    assert.ok([403, 404].includes((await upload(other, ownId, { uploadAlt: 'x' })).statusCode));
    // The same picture uploaded by the other unit is its own.
    const otherId = await create(other, 'SF-D02', '另一分局的文章');
    const mine = await pathOf(other, otherId, bytes);
    assert.ok(mine && mine !== theirs);
    assert.equal((await other.get(mine)).statusCode, 200);

    // Naming another unit's picture is refused at once, naming it (it would never be published with this unit's
    // article), with what was typed kept; the article goes for review with its own picture.
    const borrowed = `借用的图片：\n\n![照片](${theirs})\n\n自己的图片：\n\n![照片](${mine})`;
    const refused = await other.post(`/content/${otherId}`, {
      baseVersion: '1',
      action: 'submit',
      title: '另一分局的文章',
      summary: '',
      body: borrowed,
      withdrawAt: '',
    });
    assert.equal(refused.statusCode, 422);
    assert.ok(
      refused.body.includes(`图片 ${theirs.split('/').pop() ?? ''} 已不存在`),
      'the borrowed picture is named',
    );
    assert.ok(refused.body.includes(theirs), 'what was typed is kept');
    const submitted = await other.post(`/content/${otherId}`, {
      baseVersion: '1',
      action: 'submit',
      title: '另一分局的文章',
      summary: '',
      body: `自己的图片：\n\n![照片](${mine})\n\n借用的地址：${theirs}`,
      withdrawAt: '',
    });
    assert.equal(submitted.statusCode, 422, 'a bare address of another unit’s picture is refused too');
    const own = await other.post(`/content/${otherId}`, {
      baseVersion: '1',
      action: 'submit',
      title: '另一分局的文章',
      summary: '',
      body: `自己的图片：\n\n![照片](${mine})`,
      withdrawAt: '',
    });
    assert.equal(own.statusCode, 303, own.body.slice(0, 400));
    const ap = await logIn(workbench, otherApprover);
    const published = await ap.post(
      `/content/${otherId}/approve`,
      { version: '1', publishAt: '' },
      { formUrl: `/content/${otherId}` },
    );
    assert.equal(published.statusCode, 303, published.body.slice(0, 400));
    assert.equal((await boundary.toPortal()).failed, 0);
    assert.equal((await portal.app.inject({ method: 'GET', url: mine })).statusCode, 200);
    assert.equal(
      (await portal.app.inject({ method: 'GET', url: theirs })).statusCode,
      404,
      'the other unit’s picture did not cross',
    );
  });
});
