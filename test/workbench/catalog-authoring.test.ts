import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { messageHandlers } from '../../src/exchange/facade.ts';
import { catalogInboxHandlers } from '../../src/portal/catalog/catalog.inbox.ts';
import { loadCatalogDocuments, loadCatalogItems, type ServiceItem } from '../../src/shared/catalog/index.ts';
import { itemToInput } from '../../src/workbench/catalog-authoring/catalog-authoring.form.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { buildPdf } from '../../src/shared/files/pdf.fixture.ts';
import {
  catalogDocuments,
  catalogItems,
  catalogItemVersions,
  type EditorInput,
} from '../../src/workbench/catalog-authoring/catalog-authoring.tables.ts';
import { auditLog, outbox } from '../../src/workbench/db/schema.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import {
  codeNow,
  csrf,
  makeOfficer,
  PASSWORD,
  startWorkbench,
  type Officer,
  type Workbench,
} from './support.ts';

// The whole journey of a service guide: the catalogue seeded and published through the exchange, an editor's
// draft with every problem listed, review, return, fix, publication to the portal, history and comparison,
// withdrawal; and who may do each of these.

let portal: TestZone;
let workbench: Workbench;
/** Each zone signs what it wrote to its outbox, as its worker would, before the relay takes it. */
const signAll = async () => {
  await portal.signOutbox();
  await workbench.signOutbox();
};
let boundary: Boundary;

const ITEM = 'passport-first-issue';
const OTHER = 'passport-reissue';
const original = (id: string): ServiceItem => {
  const item = loadCatalogItems().find((i) => i.id === id);
  assert.ok(item, id);
  return item;
};

before(async () => {
  [portal, workbench] = await Promise.all([startTestZone('portal'), startWorkbench()]);
  // What src/zones.ts wires for the running system.
  Object.assign(portal.inboxHandlers, messageHandlers(catalogInboxHandlers));
  boundary = joinZones(portal, workbench, { intervalMs: 60_000, beatMs: 0 });
  await makeOfficers();
});
after(async () => {
  await boundary.close();
});

/** The workbench's messages relayed to the portal and handled there. */
async function cross(): Promise<void> {
  await signAll();
  const report = await boundary.toPortal();
  assert.equal(report.failed, 0);
}

/** A browser over app.inject that keeps cookies and posts repeated fields (checkbox groups) as a browser does. */
class Browser {
  private cookies = new Map<string, string>();
  private static next = 1;
  private readonly address = `10.77.${Math.floor(Browser.next / 250)}.${(Browser.next++ % 250) + 1}`;
  constructor(private readonly app: FastifyInstance) {}

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies) {
      if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }
  private get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: this.address,
        headers: { cookie: this.cookie, ...headers },
      }),
    );
  }

  async send(
    method: 'POST',
    url: string,
    payload: Buffer,
    contentType: string,
  ): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method,
        url,
        remoteAddress: this.address,
        payload,
        headers: { cookie: this.cookie, 'content-type': contentType },
      }),
    );
  }

  /** Posts a form; the token is read from `formUrl` (default: the same URL) unless given; null sends none. */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    options: { formUrl?: string; csrf?: string | null; json?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    let token = options.csrf;
    if (token === undefined) token = csrf((await this.get(options.formUrl ?? url)).body);
    const body = new URLSearchParams();
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.address,
        payload: body.toString(),
        headers: {
          cookie: this.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          ...(options.json ? { accept: 'application/json' } : {}),
        },
      }),
    );
  }
}

/** A multipart form post, as a browser sends a file upload; the token comes from `formUrl` unless given. */
async function upload(
  b: Browser,
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Buffer } | undefined,
  options: { csrf?: string | null } = {},
): Promise<LightMyRequestResponse> {
  let token = options.csrf;
  if (token === undefined) token = csrf((await b.get('/catalog/documents')).body);
  const boundary = '----openpsb-test-boundary';
  const parts: Buffer[] = [];
  const all = token === null ? fields : { _csrf: token, ...fields };
  for (const [name, value] of Object.entries(all))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return b.send(
    'POST',
    '/catalog/documents',
    Buffer.concat(parts),
    `multipart/form-data; boundary=${boundary}`,
  );
}

async function signIn(officer: Officer): Promise<Browser> {
  const b = new Browser(workbench.app);
  workbench.advance(30_000);
  const step1 = await b.post('/staff/login', { badgeNo: officer.badgeNo, password: PASSWORD });
  assert.equal(step1.headers.location, '/staff/login/totp');
  const step2 = await b.post('/staff/login/totp', { code: codeNow(workbench, officer) });
  assert.equal(step2.statusCode, 303, step2.body.slice(0, 300));
  return b;
}

const editorOf = (id: string) => `/catalog/${id}/edit`;

async function portalGuide(id: string): Promise<LightMyRequestResponse> {
  return portal.app.inject({ method: 'GET', url: `/services/items/${id}` });
}

async function versionRow(id: string, version: number) {
  const [row] = await workbench.services.db
    .select()
    .from(catalogItemVersions)
    .where(and(eq(catalogItemVersions.itemId, id), eq(catalogItemVersions.version, version)));
  return row;
}

async function itemRow(id: string) {
  const [row] = await workbench.services.db.select().from(catalogItems).where(eq(catalogItems.id, id));
  return row;
}

/** The editor's form for `item`, as the page would post it, with some fields changed. */
function formFor(
  item: ServiceItem,
  changes: Partial<EditorInput>,
  baseVersion: number,
  action: 'save' | 'submit',
) {
  return { ...itemToInput(item), ...changes, baseVersion: String(baseVersion), action } as Record<
    string,
    string | string[]
  >;
}

let editor: Officer;
let approver: Officer;
let editorApprover: Officer;
let outsider: Officer;
let clerk: Officer;

async function makeOfficers(): Promise<void> {
  const unit = 'SF-CRJ';
  editor = await makeOfficer(workbench, { unitCode: unit, role: 'content-editor', enrolled: true });
  approver = await makeOfficer(workbench, { unitCode: unit, role: 'approver', enrolled: true });
  editorApprover = await makeOfficer(workbench, {
    unitCode: unit,
    enrolled: true,
    assignments: [
      { role: 'content-editor', unitCode: unit, scope: 'unit' },
      { role: 'approver', unitCode: unit, scope: 'unit' },
    ],
  });
  outsider = await makeOfficer(workbench, { unitCode: 'SF-JJ', role: 'content-editor', enrolled: true });
  clerk = await makeOfficer(workbench, { unitCode: unit, role: 'window-clerk', enrolled: true });
}

describe('service guides from authoring to the portal', () => {
  const bad: Partial<EditorInput> = {
    nameEn: '',
    feeCharged: 'no',
    complaintPhone: '0000-61010001',
    promisedValue: '20',
    visitsCount: 'abc',
    nested: '{ "situations": [ }',
  };
  const fixedName = '普通护照首次申领（2026年修订）';

  test('the seeded catalogue crosses to the portal, once', async () => {
    const first = await seedCatalog(workbench.services);
    assert.equal(first.imported, loadCatalogItems().length);
    assert.equal(first.documents, loadCatalogDocuments().length);
    const again = await seedCatalog(workbench.services);
    assert.deepEqual(again, { imported: 0, documents: 0 });
    // Each guide once, and each document once however many guides name it.
    const [queued] = await workbench.services.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
    assert.equal(queued?.n, first.imported + first.documents);
    await cross();
    const guide = await portalGuide(ITEM);
    assert.equal(guide.statusCode, 200);
    assert.match(guide.body, /普通护照首次申领/);
    assert.match(guide.body, /版本<\/dt>\s*<dd class="summary-value">1</);
  });

  test('an editor saves a draft that breaks rules: every problem is listed and the input kept', async () => {
    const b = await signIn(editor);
    const page = await b.get(editorOf(ITEM));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /全部通过，可以提交审核/);
    assert.match(page.body, /保存后将生成第2版草稿/);

    const saved = await b.post(editorOf(ITEM), formFor(original(ITEM), bad, 1, 'save'));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    assert.equal(saved.headers.location, editorOf(ITEM));
    const shown = await b.get(editorOf(ITEM));
    assert.match(shown.body, /第2版草稿已保存，尚有 7 个问题/);
    for (const message of [
      '事项名称（英文）：不能为空',
      '不收费事项不应列有收费项目',
      '不收费事项不能开通网上支付',
      '承诺时限（20个工作日）不得超过法定时限（15个工作日）',
      '到办事现场次数须为整数',
      '监督投诉电话不能与咨询电话相同',
      'JSON 格式有误，第1行第19列',
    ])
      assert.ok(shown.body.includes(message), message);
    // What was typed comes back as typed; the lists, sent as unreadable JSON, as the draft still holds them.
    assert.match(shown.body, /name="visitsCount" type="text" value="abc"/);
    assert.match(shown.body, /name="situations\[0\]\.name"[^>]*value="[^"]+"/);

    assert.equal((await versionRow(ITEM, 2))?.state, 'draft');
    const item = await itemRow(ITEM);
    assert.equal(item?.publishedVersion, 1);
    assert.equal(item?.currentVersion, 2);
    // The published version stays live on the portal meanwhile.
    assert.match((await portalGuide(ITEM)).body, /版本<\/dt>\s*<dd class="summary-value">1</);
  });

  test('submitting is refused while any rule fails, with the whole list (page and JSON)', async () => {
    const b = await signIn(editor);
    const refused = await b.post(editorOf(ITEM), formFor(original(ITEM), bad, 2, 'submit'));
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /class="error-summary"/);
    assert.equal((refused.body.match(/<li><a href="#field-/g) ?? []).length, 7);
    assert.match(refused.body, /aria-invalid="true"/);

    const json = await b.post(editorOf(ITEM), formFor(original(ITEM), bad, 2, 'submit'), {
      formUrl: editorOf(ITEM),
      json: true,
    });
    assert.equal(json.statusCode, 422);
    const body = JSON.parse(json.body) as { ready: boolean; problems: { field: string; rule?: string }[] };
    assert.equal(body.ready, false);
    assert.deepEqual(
      body.problems.map((p) => p.rule ?? p.field),
      [
        'nameEn',
        'promised-within-statutory',
        'no-fee-no-items',
        'no-fee-no-online-payment',
        'visitsCount',
        'phones-must-differ',
        'nested',
      ],
    );
    assert.equal((await versionRow(ITEM, 2))?.state, 'draft');
  });

  test('the live check answers without saving', async () => {
    const b = await signIn(editor);
    const token = csrf((await b.get(editorOf(ITEM))).body);
    const fields = formFor(original(ITEM), { promisedValue: '99' }, 2, 'save');
    const checked = await b.post(`/catalog/${ITEM}/check`, fields, { csrf: token, json: true });
    assert.equal(checked.statusCode, 200);
    const body = JSON.parse(checked.body) as { problems: { rule?: string }[] };
    assert.deepEqual(
      body.problems.map((p) => p.rule),
      ['promised-within-statutory'],
    );
    assert.equal((await versionRow(ITEM, 2))?.input?.promisedValue, '20');
    const noToken = await b.post(`/catalog/${ITEM}/check`, fields, { csrf: null, json: true });
    assert.equal(noToken.statusCode, 403);
  });

  test('a valid draft goes to review, after which it cannot be edited', async () => {
    const b = await signIn(editor);
    const sent = await b.post(editorOf(ITEM), formFor(original(ITEM), { nameZh: fixedName }, 2, 'submit'));
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    assert.equal(sent.headers.location, `/catalog/${ITEM}`);
    const v2 = await versionRow(ITEM, 2);
    assert.equal(v2?.state, 'in-review');
    assert.equal(v2?.submittedBy, editor.badgeNo);
    assert.equal((await itemRow(ITEM))?.status, 'in-review');

    const editPage = await b.get(editorOf(ITEM));
    assert.equal(editPage.statusCode, 303);
    const again = await b.post(editorOf(ITEM), formFor(original(ITEM), {}, 2, 'save'), {
      formUrl: `/catalog/${ITEM}`,
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /未保存：事项已被他人修改/);
    // The editor holds no approver role: deciding is not his to do.
    const publish = await b.post(
      `/catalog/${ITEM}/publish`,
      { version: '2' },
      { formUrl: `/catalog/${ITEM}` },
    );
    assert.equal(publish.statusCode, 403);
  });

  test('the approver sees it in the queue and returns it with a required comment', async () => {
    const b = await signIn(approver);
    const queue = await b.get('/catalog/review');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.includes(fixedName));
    const item = await b.get(`/catalog/${ITEM}`);
    assert.match(item.body, /审核通过并发布/);

    const empty = await b.post(
      `/catalog/${ITEM}/return`,
      { version: '2', comment: '  ' },
      { formUrl: `/catalog/${ITEM}` },
    );
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /请填写退回意见/);
    assert.equal((await versionRow(ITEM, 2))?.state, 'in-review');

    const comment = '英文名称请与国家政务服务平台保持一致，并补充加急办理说明。';
    const returned = await b.post(
      `/catalog/${ITEM}/return`,
      { version: '2', comment },
      { formUrl: `/catalog/${ITEM}` },
    );
    assert.equal(returned.statusCode, 303);
    const v2 = await versionRow(ITEM, 2);
    assert.equal(v2?.state, 'returned');
    assert.equal(v2?.reviewComment, comment);
    assert.equal(v2?.reviewerBadge, approver.badgeNo);
  });

  test('the editor sees the comment, fixes the guide, and submits it again as the next version', async () => {
    const b = await signIn(editor);
    const page = await b.get(editorOf(ITEM));
    assert.match(page.body, /英文名称请与国家政务服务平台保持一致/);
    assert.match(page.body, /保存后将生成第3版草稿/);
    const sent = await b.post(
      editorOf(ITEM),
      formFor(
        original(ITEM),
        { nameZh: fixedName, nameEn: 'Ordinary passport: first application', timeNote: '可申请加急办理。' },
        2,
        'submit',
      ),
    );
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    assert.equal((await versionRow(ITEM, 3))?.state, 'in-review');
    // The returned version stays as it was, comment and all.
    assert.equal((await versionRow(ITEM, 2))?.state, 'returned');
  });

  test('the approver publishes; after crossing, the portal shows the new version', async () => {
    const b = await signIn(approver);
    const published = await b.post(
      `/catalog/${ITEM}/publish`,
      { version: '3' },
      { formUrl: `/catalog/${ITEM}` },
    );
    assert.equal(published.statusCode, 303);
    assert.equal((await versionRow(ITEM, 3))?.state, 'published');
    assert.equal((await versionRow(ITEM, 1))?.state, 'superseded');
    const item = await itemRow(ITEM);
    assert.equal(item?.publishedVersion, 3);
    assert.equal(item?.status, 'published');

    // Not on the portal before the exchange has carried it.
    assert.doesNotMatch((await portalGuide(ITEM)).body, /2026年修订/);
    await cross();
    const guide = await portalGuide(ITEM);
    assert.equal(guide.statusCode, 200);
    assert.ok(guide.body.includes(fixedName));
    assert.ok(guide.body.includes('可申请加急办理。'));
    assert.match(guide.body, /版本<\/dt>\s*<dd class="summary-value">3</);
  });

  test('the history keeps every version and the comparison shows the changed fields', async () => {
    const b = await signIn(editor);
    const page = await b.get(`/catalog/${ITEM}`);
    assert.equal(page.statusCode, 200);
    for (const v of [1, 2, 3])
      assert.ok(page.body.includes(`/catalog/${ITEM}/versions/${v}`), `link to ${v}`);
    assert.match(page.body, /已被替代/);
    assert.match(page.body, /已退回/);

    const v2 = await b.get(`/catalog/${ITEM}/versions/2`);
    assert.equal(v2.statusCode, 200);
    assert.match(v2.body, /与第1版相比的变化/);
    assert.match(v2.body, /事项名称（中文）<\/td>[\s\S]*?普通护照首次申领<\/span>[\s\S]*?2026年修订/);

    const v3 = await b.get(`/catalog/${ITEM}/versions/3`, { accept: 'application/json' });
    const diff = (
      JSON.parse(v3.body) as { diff: { path: string; before: string | null; after: string | null }[] }
    ).diff;
    assert.deepEqual(
      diff.map((d) => [d.path, d.before, d.after]),
      [
        ['name.en', 'Ordinary passport: first issue', 'Ordinary passport: first application'],
        ['timeLimits.note', original(ITEM).timeLimits.note ?? null, '可申请加急办理。'],
      ],
    );
    assert.equal((await b.get(`/catalog/${ITEM}/versions/9`)).statusCode, 404);
  });

  test('the rules are checked again at publication', async () => {
    const b = await signIn(editor);
    const sent = await b.post(
      editorOf(OTHER),
      formFor(original(OTHER), { summaryZh: '更新后的简介。' }, 1, 'submit'),
    );
    assert.equal(sent.statusCode, 303);
    // The stored version is changed behind the pages' back, as a rule change would make it fail.
    await workbench.services.db.execute(
      sql`UPDATE catalog_item_versions SET content = jsonb_set(content, '{complaintPhone}', content->'enquiryPhone')
          WHERE item_id = ${OTHER} AND version = 2`,
    );
    const a = await signIn(approver);
    const refused = await a.post(
      `/catalog/${OTHER}/publish`,
      { version: '2' },
      { formUrl: `/catalog/${OTHER}` },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /未发布：该版本不再符合以下发布规则/);
    assert.match(refused.body, /监督投诉电话不能与咨询电话相同/);
    assert.equal((await versionRow(OTHER, 2))?.state, 'in-review');
    assert.equal((await itemRow(OTHER))?.publishedVersion, 1);
  });

  test('withdrawal takes the guide off the portal', async () => {
    const b = await signIn(approver);
    const done = await b.post(
      `/catalog/${ITEM}/withdraw`,
      { reason: '政策调整' },
      { formUrl: `/catalog/${ITEM}` },
    );
    assert.equal(done.statusCode, 303);
    assert.equal((await versionRow(ITEM, 3))?.state, 'withdrawn');
    assert.equal((await itemRow(ITEM))?.publishedVersion, null);
    assert.equal((await itemRow(ITEM))?.status, 'withdrawn');
    await cross();
    // The portal says the service is no longer offered (410), rather than that it never existed.
    assert.equal((await portalGuide(ITEM)).statusCode, 410);
    const page = await b.get(`/catalog/${ITEM}`);
    assert.match(page.body, /未发布/);
    // Nothing left to withdraw.
    const again = await b.post(`/catalog/${ITEM}/withdraw`, {}, { formUrl: `/catalog/${ITEM}` });
    assert.equal(again.statusCode, 303);
    assert.match((await b.get(`/catalog/${ITEM}`)).body, /该事项的状态已变化/);
  });

  test('every step is in the audit log', async () => {
    const rows = await workbench.services.db
      .select({ action: auditLog.action, actor: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.target, `catalog:${ITEM}`));
    const actions = rows.map((r) => r.action);
    for (const action of [
      'catalog.save',
      'catalog.submit',
      'catalog.return',
      'catalog.publish',
      'catalog.withdraw',
    ])
      assert.ok(actions.includes(action), action);
    assert.ok(rows.some((r) => r.action === 'catalog.publish' && r.actor === approver.badgeNo));
  });
});

describe('creating an item', () => {
  test('a new item starts as a draft listing everything still missing', async () => {
    const b = await signIn(editor);
    const form = await b.get('/catalog/new');
    assert.equal(form.statusCode, 200);
    const wrong = await b.post('/catalog/new', {
      id: 'Bad Id',
      nameZh: '',
      nameEn: 'x',
      area: 'exit-entry',
      unitCode: 'SF-JJ',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /事项编号只能由小写字母/);
    assert.match(wrong.body, /请填写中文名称/);
    assert.match(wrong.body, /请选择您管辖范围内的实施主体/);
    assert.ok(wrong.body.includes('value="Bad Id"'));
    const taken = await b.post('/catalog/new', {
      id: ITEM,
      nameZh: '重复',
      nameEn: 'Duplicate',
      area: 'exit-entry',
      unitCode: 'SF-CRJ',
    });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /该事项编号已被使用/);

    const made = await b.post('/catalog/new', {
      id: 'visa-extension',
      nameZh: '外国人签证延期',
      nameEn: 'Visa extension for foreigners',
      area: 'exit-entry',
      unitCode: 'SF-CRJ',
    });
    assert.equal(made.statusCode, 303);
    assert.equal(made.headers.location, editorOf('visa-extension'));
    const editor1 = await b.get(editorOf('visa-extension'));
    assert.equal(editor1.statusCode, 200);
    assert.match(editor1.body, /草稿已创建/);
    assert.match(editor1.body, /发现 \d+ 个问题/);
    assert.match(editor1.body, /name="unitName" type="text" value="[^"]*出入境管理支队"/);
    const list = await b.get('/catalog?q=%E7%AD%BE%E8%AF%81');
    assert.ok(list.body.includes('外国人签证延期'));
    assert.match(list.body, /草稿 第1版/);
  });
});

describe('who may do what', () => {
  test('the author may not approve his own version, even holding the approver role (four eyes)', async () => {
    const b = await signIn(editorApprover);
    const item = 'hk-macau-re-endorsement';
    const sent = await b.post(
      editorOf(item),
      formFor(original(item), { summaryEn: 'Renewed summary.' }, 1, 'submit'),
    );
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    const page = await b.get(`/catalog/${item}`);
    assert.match(page.body, /须由其他审批人员作出决定/);
    const own = await b.post(`/catalog/${item}/publish`, { version: '2' }, { formUrl: `/catalog/${item}` });
    assert.equal(own.statusCode, 403);
    const ownReturn = await b.post(
      `/catalog/${item}/return`,
      { version: '2', comment: '自己退回' },
      { formUrl: `/catalog/${item}` },
    );
    assert.equal(ownReturn.statusCode, 403);
    const other = await signIn(approver);
    const ok = await other.post(
      `/catalog/${item}/publish`,
      { version: '2' },
      { formUrl: `/catalog/${item}` },
    );
    assert.equal(ok.statusCode, 303);
  });

  test('a window clerk has no catalogue duty: 403', async () => {
    const b = await signIn(clerk);
    for (const url of ['/catalog', '/catalog/new', '/catalog/review', editorOf(OTHER)])
      assert.equal((await b.get(url)).statusCode, 403, url);
    const token = csrf((await b.get('/')).body);
    const post = await b.post(editorOf(OTHER), formFor(original(OTHER), {}, 2, 'save'), { csrf: token });
    assert.equal(post.statusCode, 403);
  });

  test('an approver may read but not edit; he may not create', async () => {
    const b = await signIn(approver);
    assert.equal((await b.get(`/catalog/${OTHER}`)).statusCode, 200);
    assert.equal((await b.get(editorOf(OTHER))).statusCode, 403);
    assert.equal((await b.get('/catalog/new')).statusCode, 403);
  });

  test('an editor outside the unit gets 404, the same as for an item that does not exist', async () => {
    const b = await signIn(outsider);
    for (const url of [
      `/catalog/${OTHER}`,
      editorOf(OTHER),
      `/catalog/${OTHER}/versions/1`,
      '/catalog/no-such-item',
    ])
      assert.equal((await b.get(url)).statusCode, 404, url);
    const list = await b.get('/catalog');
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(`/catalog/${OTHER}"`));
    assert.ok(list.body.includes('/catalog/licence-replacement"'), 'his own unit’s items are listed');
    const token = csrf(list.body);
    const post = await b.post(editorOf(OTHER), formFor(original(OTHER), {}, 2, 'save'), { csrf: token });
    assert.equal(post.statusCode, 404);
    // Nor can he move one of his own items into another unit's jurisdiction.
    const own = 'licence-replacement';
    const moved = await b.post(editorOf(own), formFor(original(own), { unitCode: 'SF-CRJ' }, 1, 'save'));
    assert.equal(moved.statusCode, 422);
    assert.match(moved.body, /不在您的管辖范围内/);
    assert.equal((await itemRow(own))?.currentVersion, 1);
  });

  const gets = [
    '/catalog',
    '/catalog/review',
    '/catalog/new',
    `/catalog/${ITEM}`,
    editorOf(ITEM),
    `/catalog/${ITEM}/versions/1`,
    '/catalog/documents',
    '/catalog/documents/forms/crj-application-form.pdf',
  ];
  const posts = [
    '/catalog/new',
    editorOf(ITEM),
    `/catalog/${ITEM}/check`,
    `/catalog/${ITEM}/publish`,
    `/catalog/${ITEM}/return`,
    `/catalog/${ITEM}/withdraw`,
    '/catalog/documents',
  ];

  for (const url of gets) {
    test(`GET ${url} signed out: 303 to the login page, 401 as JSON`, async () => {
      const b = new Browser(workbench.app);
      const page = await b.get(url);
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, `/staff/login?next=${encodeURIComponent(url)}`);
      const json = await b.get(url, { accept: 'application/json' });
      assert.equal(json.statusCode, 401);
    });
  }

  for (const url of posts) {
    test(`POST ${url} signed out with a valid token: 303 / 401; signed in without a token: 403`, async () => {
      const b = new Browser(workbench.app);
      const token = csrf((await b.get('/staff/login')).body);
      const page = await b.post(url, {}, { csrf: token });
      assert.equal(page.statusCode, 303);
      assert.match(String(page.headers.location), /^\/staff\/login\?next=/);
      const json = await b.post(url, {}, { csrf: token, json: true });
      assert.equal(json.statusCode, 401);

      // Holding every catalogue duty, so the route's permission lets him through to the token check.
      const signed = await signIn(editorApprover);
      const noToken = await signed.post(url, { version: '1' }, { csrf: null });
      assert.equal(noToken.statusCode, 403);
      assert.match(noToken.body, /页面已过期/);
      const forged = await signed.post(url, { version: '1' }, { csrf: 'forged-token' });
      assert.equal(forged.statusCode, 403);
    });
  }
});

describe('blank forms and samples', () => {
  const FORM = 'forms/crj-application-form.pdf';
  // Names FORM, and no other test here touches it.
  const GUIDE = 'hk-macau-permit-first-issue';
  const repoFile = (path: string) => readFileSync(new URL(`../../catalog/${path}`, import.meta.url));
  const portalFile = (path: string, headers: Record<string, string> = {}) =>
    portal.app.inject({ method: 'GET', url: `/services/files/${path}`, headers });
  const documentMessages = async (path: string) =>
    (
      await workbench.services.db.select().from(outbox).where(eq(outbox.type, 'catalog.document.published'))
    ).filter((m) => (m.payload as { path: string }).path === path).length;

  test('the seeded documents crossed with the guides and download from the portal', async () => {
    const form = await portalFile(FORM);
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['content-type'], 'application/pdf');
    assert.match(
      String(form.headers['content-disposition']),
      /^attachment; filename="crj-application-form\.pdf"/,
    );
    assert.ok(form.rawPayload.equals(repoFile(FORM)), 'the bytes the repository holds');
    const etag = String(form.headers.etag);
    assert.equal((await portalFile(FORM, { 'if-none-match': etag })).statusCode, 304);

    // Samples are saved too, never opened inline, and no file runs as part of the site.
    const sample = await portalFile('samples/passport.pdf');
    assert.equal(sample.statusCode, 200);
    assert.match(String(sample.headers['content-disposition']), /^attachment;/);
    for (const file of [form, sample]) assert.equal(file.headers['content-security-policy'], 'sandbox');

    for (const bad of [
      'forms/none.pdf',
      'forms/..%2F..%2Fpackage.json',
      'items/traffic/x.json',
      'forms/A.pdf',
    ])
      assert.equal((await portalFile(bad)).statusCode, 404, bad);

    // A form shared by several guides crossed once.
    assert.equal(await documentMessages(FORM), 1);

    const guide = await portalGuide(GUIDE);
    assert.ok(guide.body.includes(`href="/services/files/${FORM}" download=""`), 'linked for download');
    assert.match(
      guide.body,
      /下载空白表格<span class="visually-hidden">：[^<]+<\/span><span class="catalog-file-meta">（PDF，\d+ KB）/,
    );
    const api = await portal.app.inject({ method: 'GET', url: `/api/v1/services/${GUIDE}` });
    const { documents } = api.json<{ documents: { path: string; href: string }[] }>();
    assert.ok(documents.some((d) => d.path === FORM && d.href === `/services/files/${FORM}`));
  });

  test('the library lists the documents; a window clerk has no catalogue duty', async () => {
    const page = await (await signIn(editor)).get('/catalog/documents');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(FORM));
    assert.ok(page.body.includes('enctype="multipart/form-data"'));
    assert.equal((await (await signIn(clerk)).get('/catalog/documents')).statusCode, 403);
    // An approver may look but not upload.
    const asApprover = await signIn(approver);
    assert.ok(!(await asApprover.get('/catalog/documents')).body.includes('name="file"'));
    assert.equal(
      (await upload(asApprover, { folder: 'forms', name: 'x', title: '表' }, undefined)).statusCode,
      403,
    );
  });

  test('an upload that is not a PDF is refused with every problem, keeping what was typed', async () => {
    const b = await signIn(editor);
    const refused = await upload(
      b,
      { folder: 'forms', name: 'Bad Name', title: '出入境证件申请表（新版）' },
      { name: 'form.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf at all') },
    );
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.body.includes('文件名只能使用小写英文字母、数字和连字符'));
    assert.ok(refused.body.includes('只能上传 PDF 文件，所选文件不是 PDF'));
    assert.ok(refused.body.includes('value="Bad Name"'));
    assert.ok(refused.body.includes('value="出入境证件申请表（新版）"'));

    const scripted = Buffer.from(
      '%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF\n',
    );
    const active = await upload(
      b,
      { folder: 'forms', name: 'scripted', title: '带脚本的表格' },
      { name: 'scripted.pdf', type: 'application/pdf', bytes: scripted },
    );
    assert.equal(active.statusCode, 422);
    assert.ok(active.body.includes('该 PDF 含有脚本、嵌入文件等活动内容，不能上传'));

    const encrypted = await upload(
      b,
      { folder: 'forms', name: 'locked', title: '加密的表格' },
      {
        name: 'locked.pdf',
        type: 'application/pdf',
        bytes: Buffer.from(
          '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R /Encrypt 2 0 R >>\n',
        ),
      },
    );
    assert.equal(encrypted.statusCode, 422);
    assert.ok(encrypted.body.includes('该 PDF 已加密，无法检查其内容，不能上传'));

    const noFile = await upload(b, { folder: 'forms', name: 'ok-name', title: '表格' }, undefined);
    assert.equal(noFile.statusCode, 422);
    assert.ok(noFile.body.includes('请选择要上传的 PDF 文件'));

    const tooBig = Buffer.concat([repoFile(FORM), Buffer.alloc(2 * 1024 * 1024)]);
    const big = await upload(
      b,
      { folder: 'forms', name: 'big', title: '大文件' },
      { name: 'big.pdf', type: 'application/pdf', bytes: tooBig },
    );
    assert.equal(big.statusCode, 422, big.body.slice(-1500));
    assert.ok(big.body.includes('文件不能超过 2 MB'));

    const noToken = await upload(b, { folder: 'forms', name: 'x', title: '表格' }, undefined, { csrf: null });
    assert.equal(noToken.statusCode, 403);
  });

  test('a sample whose script hides behind #xx escapes is refused, and nothing of it is kept', async () => {
    // The attack that got through: /JavaScr#69pt is /JavaScript to every PDF reader.
    const b = await signIn(editor);
    const escaped = buildPdf({ catalog: '/OpenAction << /S /JavaScr#69pt /J#53 (app.alert(1)) >>' });
    const refused = await upload(
      b,
      { folder: 'samples', name: 'escaped-script', title: '带转义脚本的样本' },
      { name: 'escaped-script.pdf', type: 'application/pdf', bytes: escaped },
    );
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.body.includes('该 PDF 含有脚本、嵌入文件等活动内容，不能上传'));
    assert.ok(refused.body.includes('value="带转义脚本的样本"'), 'what was typed is kept');
    const [kept] = await workbench.services.db
      .select()
      .from(catalogDocuments)
      .where(eq(catalogDocuments.path, 'samples/escaped-script.pdf'));
    assert.equal(kept, undefined);
    assert.equal((await b.get('/catalog/documents/samples/escaped-script.pdf')).statusCode, 404);
  });

  test('the library serves a document as an attachment under a sandbox policy', async () => {
    const b = await signIn(editor);
    const file = await b.get(`/catalog/documents/${FORM}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(
      String(file.headers['content-disposition']),
      /^attachment; filename="crj-application-form\.pdf"; filename\*=UTF-8''%/,
    );
    assert.equal(file.headers['content-security-policy'], 'sandbox');
  });

  test('a guide naming a document the library lacks cannot be submitted', async () => {
    const b = await signIn(editor);
    const item = original(GUIDE);
    const [first] = item.situations;
    assert.ok(first?.materials[0]);
    first.materials[0].blankForm = 'forms/not-uploaded-yet.pdf';
    const current = (await itemRow(GUIDE))?.currentVersion ?? 1;
    const refused = await b.post(editorOf(GUIDE), formFor(item, {}, current, 'submit'));
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.body.includes('forms/not-uploaded-yet.pdf：文件库中没有这个文件'));
  });

  test('a replaced form goes to the portal with the next approved publication, once', async () => {
    const b = await signIn(editor);
    const replacement = repoFile('forms/passport-loss-statement.pdf');
    const saved = await upload(
      b,
      { folder: 'forms', name: 'crj-application-form', title: '中国公民出入境证件申请表（2026版）' },
      { name: 'new.pdf', type: 'application/pdf', bytes: replacement },
    );
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
    const list = await b.get('/catalog/documents');
    assert.ok(list.body.includes(`已保存 ${FORM} 第2版`));
    assert.ok(list.body.includes('待随指南发布'));

    // Uploading alone sends nothing to the portal.
    await cross();
    assert.ok((await portalFile(FORM)).rawPayload.equals(repoFile(FORM)));

    const current = (await itemRow(GUIDE))?.currentVersion ?? 1;
    const submitted = await b.post(
      editorOf(GUIDE),
      formFor(original(GUIDE), { summaryZh: '护照换发、补发（表格更新）' }, current, 'submit'),
    );
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 400));
    const version = (await itemRow(GUIDE))?.currentVersion ?? 0;

    const a = await signIn(approver);
    const review = await a.get(`/catalog/${GUIDE}`);
    assert.ok(review.body.includes('将随本次发布一并送往门户'), 'the approver is shown the replaced form');
    assert.ok(review.body.includes(`/catalog/documents/${FORM}`));
    const published = await a.post(
      `/catalog/${GUIDE}/publish`,
      { version: String(version) },
      { formUrl: `/catalog/${GUIDE}` },
    );
    assert.equal(published.statusCode, 303);
    await cross();

    const form = await portalFile(FORM);
    assert.ok(form.rawPayload.equals(replacement), 'the portal serves the replacement');
    assert.match(String(form.headers['content-disposition']), /filename\*=UTF-8''%E4%B8%AD%E5%9B%BD/);
    assert.equal(await documentMessages(FORM), 2);
    const [entry] = await workbench.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'catalog.document.replace'), eq(auditLog.target, `document:${FORM}`)));
    assert.equal(entry?.actor, editor.badgeNo);
  });
});
