import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { itemToInput } from '../../src/workbench/catalog-authoring/catalog-authoring.form.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import {
  catalogDocuments,
  catalogItems,
} from '../../src/workbench/catalog-authoring/catalog-authoring.tables.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { csrf, logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

// What the catalogue's routes refuse before any of their own code runs: the permission the route names, then
// the input guard and the route's schema, in the reader's language, with the form shown again as typed.

let zone: Workbench;
let editor: Officer;
let approver: Officer;
const ITEM = 'passport-first-issue';

before(async () => {
  zone = await startWorkbench();
  await seedCatalog(zone.services);
  editor = await makeOfficer(zone, { unitCode: 'SF-CRJ', role: 'content-editor', enrolled: true });
  approver = await makeOfficer(zone, { unitCode: 'SF-CRJ', role: 'approver', enrolled: true });
});
after(async () => zone.close());

/** The editor's text fields for the item as the page shows them (checkbox groups left out). */
function editorFields(changes: Record<string, string>): Record<string, string> {
  const item = loadCatalogItems().find((i) => i.id === ITEM);
  assert.ok(item);
  const fields: Record<string, string> = { baseVersion: '1', action: 'save' };
  for (const [key, value] of Object.entries(itemToInput(item)))
    if (typeof value === 'string') fields[key] = value;
  return { ...fields, ...changes };
}

async function currentVersion(): Promise<number | undefined> {
  const [row] = await zone.services.db.select().from(catalogItems).where(eq(catalogItems.id, ITEM));
  return row?.currentVersion;
}

/** A multipart upload as the document library's form sends it, without a file. */
async function upload(
  client: FormClient,
  fields: Record<string, string>,
  lang = '',
): Promise<LightMyRequestResponse> {
  const token = csrf((await client.get('/catalog/documents')).body);
  const boundary = '----catalog-edge-boundary';
  const body = Object.entries({ _csrf: token, ...fields })
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  return zone.app.inject({
    method: 'POST',
    url: `/catalog/documents${lang}`,
    remoteAddress: client.remoteAddress,
    payload: Buffer.from(`${body}--${boundary}--\r\n`),
    headers: {
      cookie: client.cookieHeader(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
}

describe('catalogue forms refused at the edge', () => {
  test('a new item with an overlong name comes back as typed, in Chinese and English', async () => {
    const client = await logIn(zone, editor);
    const fields = {
      id: 'long-name',
      nameZh: '长'.repeat(201),
      nameEn: 'Long',
      area: 'exit-entry',
      unitCode: 'SF-CRJ',
    };
    const zh = await client.post('/catalog/new', fields);
    assert.equal(zh.statusCode, 422);
    assert.ok(zh.body.includes('<a href="#field-nameZh">事项名称（中文）：过长，最多 200 个字符</a>'));
    assert.ok(zh.body.includes('value="long-name"'), 'what was typed is kept');
    const en = await client.post('/catalog/new?lang=en', fields, { formUrl: '/catalog/new' });
    assert.equal(en.statusCode, 422);
    assert.ok(
      en.body.includes('<a href="#field-nameZh">Name (Chinese): too long, at most 200 characters</a>'),
    );
    assert.equal((await client.get('/catalog/long-name')).statusCode, 404, 'nothing was created');
  });

  test('the editor refuses an overlong field or an unknown button, keeping everything typed', async () => {
    const client = await logIn(zone, editor);
    const page = `/catalog/${ITEM}/edit`;
    const long = await client.post(page, editorFields({ nameEn: 'x'.repeat(201), timeNote: '保留的说明' }));
    assert.equal(long.statusCode, 422);
    assert.ok(long.body.includes('<a href="#field-nameEn">事项名称（英文）：过长，最多 200 个字符</a>'));
    assert.match(long.body, /aria-invalid="true"/);
    assert.ok(long.body.includes('保留的说明'), 'the other fields come back as typed');
    assert.match(long.body, /name="situations\[0\]\.name"[^>]*value="[^"]+"/, 'the lists come back too');

    const button = await client.post(`${page}?lang=en`, editorFields({ action: 'publish' }), {
      formUrl: page,
    });
    assert.equal(button.statusCode, 422);
    // A button has no label: the summary speaks of what was sent.
    assert.ok(
      button.body.includes('<a href="#field-action">What was sent: not one of the allowed values</a>'),
    );
    assert.equal(await currentVersion(), 1, 'nothing was saved');
  });

  test('a decision naming a malformed version comes back on the item page', async () => {
    const client = await logIn(zone, approver);
    const item = `/catalog/${ITEM}`;
    const zh = await client.post(`${item}/withdraw`, { reason: '原因'.repeat(251) }, { formUrl: item });
    assert.equal(zh.statusCode, 422);
    assert.ok(zh.body.includes('<a href="#field-reason">撤回原因：过长，最多 500 个字符</a>'));
    assert.ok(zh.body.includes('版本历史'), 'the item page, with the form');
    const en = await client.post(`${item}/publish?lang=en`, { version: 'abc' }, { formUrl: item });
    assert.equal(en.statusCode, 422);
    assert.ok(en.body.includes('<a href="#field-version">What was sent: not in the expected form</a>'));
  });

  test('an officer without the approving duty is refused a decision before his form is read', async () => {
    const client = await logIn(zone, editor);
    const item = `/catalog/${ITEM}`;
    const refused = await client.post(`${item}/publish`, { version: 'abc' }, { formUrl: item });
    assert.equal(refused.statusCode, 403);
  });

  test('a catalogue address no item can have answers not found, signed in, as a missing item does', async () => {
    const client = await logIn(zone, editor);
    for (const url of ['/catalog/a%00b', `/catalog/${'a'.repeat(65)}`, '/catalog/no-such-item']) {
      const page = await client.get(url);
      assert.equal(page.statusCode, 404, url);
      const json = await client.get(url, { accept: 'application/json' });
      assert.equal(json.statusCode, 404, url);
      assert.deepEqual(json.json<{ error: { fields: unknown[] } }>().error.fields, [], 'nothing is named');
    }
  });

  test('the JSON API gets a wrong type refused in its error shape and language', async () => {
    const client = await logIn(zone, editor);
    const token = csrf((await client.get(`/catalog/${ITEM}/edit`)).body);
    for (const [lang, words] of [
      ['', '类型不正确'],
      ['?lang=en', 'Not the expected kind of value'],
    ] as const) {
      const answer = await client.json(
        'POST',
        `/catalog/${ITEM}/check${lang}`,
        { lifeEvents: { x: 'marriage' } },
        token,
      );
      assert.equal(answer.statusCode, 422);
      const { error } = answer.json<{
        error: { code: string; fields: { field: string; message: string }[] };
      }>();
      assert.equal(error.code, 'VALIDATION');
      assert.ok(
        error.fields.some((f) => f.field === 'lifeEvents' && f.message === words),
        JSON.stringify(error.fields),
      );
    }
  });
});

describe('the upload’s text fields, read from a multipart body', () => {
  test('a control character or a direction override is refused like any other field', async () => {
    const client = await logIn(zone, editor);
    const nul = await upload(client, { folder: 'forms', name: 'nul-title', title: '申请表\u0000' });
    assert.equal(nul.statusCode, 422);
    assert.ok(nul.body.includes('<a href="#field-title">文件标题：含有不允许的控制字符'));
    assert.ok(nul.body.includes('value="nul-title"'), 'what was typed is kept');
    const bidi = await upload(client, { folder: 'forms', name: 'bidi\u202e', title: '申请表' }, '?lang=en');
    assert.equal(bidi.statusCode, 422);
    assert.ok(bidi.body.includes('File name: contains a text-direction control character; remove it</a>'));
    const stored = await zone.services.db
      .select({ path: catalogDocuments.path })
      .from(catalogDocuments)
      .where(eq(catalogDocuments.path, 'forms/nul-title.pdf'));
    assert.deepEqual(stored, []);
  });

  test('an overlong title is refused by the schema, in Chinese and English', async () => {
    const client = await logIn(zone, editor);
    const fields = { folder: 'forms', name: 'long-title', title: '表'.repeat(61) };
    const zh = await upload(client, fields);
    assert.equal(zh.statusCode, 422);
    assert.ok(zh.body.includes('<a href="#field-title">文件标题：过长，最多 60 个字符</a>'));
    const en = await upload(client, fields, '?lang=en');
    assert.equal(en.statusCode, 422);
    assert.ok(en.body.includes('<a href="#field-title">Title: too long, at most 60 characters</a>'));
    assert.ok(en.body.includes('value="long-title"'));
  });
});
