import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { loadCatalogItems, type ServiceItem } from '../../src/shared/catalog/index.ts';
import {
  applyGroupOp,
  groupsFromBody,
  toFormValues,
  toItemValues,
} from '../../src/workbench/catalog-authoring/catalog-authoring.groups.ts';
import { pathLabel } from '../../src/workbench/catalog-authoring/catalog-authoring.path-label.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { catalogItemVersions } from '../../src/workbench/catalog-authoring/catalog-authoring.tables.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// The guide's situations, materials, steps, places and FAQ are edited as field groups, not JSON: the form posts
// them by their place in the item, list buttons add, remove and move entries without scripts, a save that
// leaves a list alone keeps it as it was, and the comparison names each change by its label.

// Its channels are stored out of the form's order (window before online), which a save must keep.
const ITEM = 'detainee-leave-application';
const UNIT = 'SF-JG';
const items = loadCatalogItems();
const original = items.find((i) => i.id === ITEM) as ServiceItem;

let zone: Workbench;
let editor: FormClient;
before(async () => {
  zone = await startWorkbench();
  await seedCatalog(zone.services, items, []);
  const officer = await makeOfficer(zone, { unitCode: UNIT, role: 'content-editor', enrolled: true });
  editor = await logIn(zone, officer);
});
after(async () => zone.close());

const decode = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1] ?? '') : undefined;
};

/** What a browser would post from the editor's form, without pressing any of its buttons. */
function formOf(html: string): [string, string][] {
  const form = /<form[^>]*class="[^"]*catalog-editor[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: [string, string][] = [];
  for (const tag of form.match(/<input[^>]*>/g) ?? []) {
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') ?? 'text';
    if (!name) continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(tag)) continue;
    fields.push([name, attr(tag, 'value') ?? '']);
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    fields.push([decode(m[1] ?? ''), decode(m[2] ?? '')]);
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option[^>]*value="([^"]*)"[^>]*selected/.exec(m[2] ?? '')?.[1] ?? '';
    fields.push([decode(m[1] ?? ''), decode(chosen)]);
  }
  return fields;
}

async function post(fields: [string, string][]) {
  const page = await editor.get(`/catalog/${ITEM}/edit`);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return zone.app.inject({
    method: 'POST',
    url: `/catalog/${ITEM}/edit`,
    payload: new URLSearchParams([['_csrf', token], ...fields.filter(([k]) => k !== '_csrf')]).toString(),
    headers: { cookie: editor.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: '10.66.0.1',
  });
}

async function latestContent(): Promise<ServiceItem & Record<string, unknown>> {
  const rows = await zone.services.db
    .select()
    .from(catalogItemVersions)
    .where(and(eq(catalogItemVersions.itemId, ITEM)));
  const last = rows.sort((a, b) => b.version - a.version)[0];
  assert.ok(last);
  return last.content as ServiceItem & Record<string, unknown>;
}

describe('the repeatable parts as field groups', () => {
  test('the reading of posted fields and the list buttons', () => {
    const form = toFormValues(original);
    const flat: Record<string, string> = {};
    form.steps?.forEach((s, i) => {
      flat[`steps[${i}].name`] = String(s.name);
      flat[`steps[${i}].nameEn`] = String(s.nameEn);
      flat[`steps[${i}].description`] = String(s.description);
      flat[`steps[${i}].descriptionEn`] = String(s.descriptionEn);
    });
    const read = groupsFromBody(flat);
    assert.deepEqual(toItemValues(read).steps, original.steps);
    const added = applyGroupOp(read, 'add:steps');
    assert.equal(added.steps?.length, original.steps.length + 1);
    assert.deepEqual(toItemValues(added).steps, original.steps, 'an empty entry is not saved');
    const moved = applyGroupOp(read, 'down:steps[0]');
    assert.equal(moved.steps?.[1]?.name, original.steps[0]?.name);
    assert.deepEqual(applyGroupOp(read, 'up:steps[0]'), read, 'the first entry cannot move up');
    assert.equal(applyGroupOp(read, 'remove:steps[0]').steps?.length, original.steps.length - 1);
    assert.deepEqual(applyGroupOp(read, 'remove:steps[99]'), read);
    assert.deepEqual(applyGroupOp(read, 'nonsense'), read);
  });

  test('the editor shows fields, not a JSON text, and saving it untouched changes no list', async () => {
    const page = await editor.get(`/catalog/${ITEM}/edit`);
    assert.equal(page.statusCode, 200);
    assert.ok(!/<textarea[^>]*name="nested"/.test(page.body), 'no JSON text area');
    assert.match(page.body, /name="situations\[0\]\.materials\[0\]\.name"/);
    assert.match(page.body, /<label class="label" for="field-steps\[0\]\.name">步骤名称/);
    // Each English text right after its Chinese one, with what the guide holds.
    assert.match(
      page.body,
      /for="field-steps\[0\]\.name">步骤名称[^]*?for="field-steps\[0\]\.nameEn">步骤名称（英文）[^]*?value="Apply"/,
    );
    assert.match(page.body, /name="faq\[0\]\.aEn"/);
    assert.match(page.body, /name="acceptanceConditionsEn"/);
    const saved = await post([...formOf(page.body), ['action', 'save']]);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 600));
    const content = await latestContent();
    assert.ok(content.version > 1);
    for (const key of ['situations', 'steps', 'places', 'faq', 'channels', 'lifeEvents'] as const)
      assert.deepEqual(content[key], original[key], key);
    assert.deepEqual(content.onlineDepth, original.onlineDepth);
  });

  test('list buttons add, move and remove entries and save nothing', async () => {
    const page = await editor.get(`/catalog/${ITEM}/edit`);
    const before = await latestContent();
    const fields = formOf(page.body);
    const steps = original.steps.length;

    const added = await post([...fields, ['groupOp', `add:steps`]]);
    assert.equal(added.statusCode, 200);
    assert.match(added.body, new RegExp(`name="steps\\[${steps}\\]\\.name"[^>]*value=""`));
    const addedMaterial = await post([...fields, ['groupOp', 'add:situations[0].materials']]);
    const materials = original.situations[0]?.materials.length ?? 0;
    assert.match(
      addedMaterial.body,
      new RegExp(`name="situations\\[0\\]\\.materials\\[${materials}\\]\\.name"`),
    );

    const moved = await post([...fields, ['groupOp', 'down:steps[0]']]);
    const first = /name="steps\[0\]\.name"[^>]*value="([^"]*)"/.exec(moved.body)?.[1];
    assert.equal(first, original.steps[1]?.name);

    const removed = await post([...fields, ['groupOp', 'remove:faq[0]']]);
    assert.ok(!removed.body.includes(`>${original.faq[0]?.a}</textarea>`));
    assert.deepEqual(await latestContent(), before, 'nothing was saved');

    // The changed lists are saved by the save button, from the form the list button gave back.
    const saved = await post([...formOf(moved.body), ['action', 'save']]);
    assert.equal(saved.statusCode, 303);
    const content = await latestContent();
    assert.equal(content.steps[0]?.name, original.steps[1]?.name);
    assert.equal(content.steps[1]?.name, original.steps[0]?.name);
  });

  test('a problem in a list stands beside its field', async () => {
    const page = await editor.get(`/catalog/${ITEM}/edit`);
    const fields = formOf(page.body).map(([k, v]): [string, string] =>
      k === 'steps[0].name' ? [k, ''] : k === 'situations[0].materials[0].copies' ? [k, 'many'] : [k, v],
    );
    const refused = await post([...fields, ['action', 'submit']]);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /id="field-steps\[0\]\.name-error"/);
    assert.match(refused.body, /id="field-situations\[0\]\.materials\[0\]\.copies-error"/);
  });

  test('a guide whose English is incomplete is refused, each missing text named beside its field', async () => {
    const page = await editor.get(`/catalog/${ITEM}/edit`);
    const cleared = new Set(['steps[1].descriptionEn', 'faq[0].qEn', 'acceptanceConditionsEn', 'reviewEn']);
    const fields = formOf(page.body).map(([k, v]): [string, string] => [k, cleared.has(k) ? '' : v]);
    const refused = await post([...fields, ['action', 'submit']]);
    assert.equal(refused.statusCode, 422);
    for (const id of ['steps[1].descriptionEn', 'faq[0].qEn', 'acceptanceConditionsEn', 'reviewEn'])
      assert.match(refused.body, new RegExp(`id="field-${id.replace(/[[\].]/g, '\\$&')}-error"`), id);
    assert.match(refused.body, /缺少英文内容：steps\[1\]\.descriptionEn/);
    assert.match(refused.body, /缺少英文内容：acceptanceConditionsEn\[0\]/);
    assert.match(refused.body, /缺少英文内容：reviewAndLitigation\.reviewEn/);
  });

  test('the comparison names fields by their labels', async () => {
    assert.equal(pathLabel('summary.zh', 'zh'), '事项简介（中文）');
    assert.equal(pathLabel('situations[0].materials[1].copies', 'zh'), '情形 1 · 材料 2 · 纸质份数');
    assert.equal(pathLabel('steps[2].name', 'en'), 'Step 3 · Name');
    assert.equal(pathLabel('channels[1]', 'zh'), '办理形式 · 第2项');
    const content = await latestContent();
    const page = await editor.get(`/catalog/${ITEM}/versions/${content.version}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /步骤 1 · 步骤名称/);
    assert.ok(!page.body.includes('<code>steps[0].name</code>'));
  });
});
