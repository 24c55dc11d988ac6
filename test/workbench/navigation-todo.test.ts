import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { quarantine } from '../../src/exchange/tables.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { itemToInput } from '../../src/workbench/catalog-authoring/catalog-authoring.form.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { saveDraft } from '../../src/workbench/catalog-authoring/catalog-authoring.service.ts';
import type { Role, Scope } from '../../src/workbench/db/schema.ts';
import { workbenchPolicy } from '../../src/workbench/policy.ts';
import { loadCurrentStaff } from '../../src/workbench/session.ts';
import { workbenchTodo } from '../../src/workbench/todo.ts';
import { browser, logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// The sections an officer is offered are exactly the ones he may open, and the start page lists the work of
// every role: what waits for a decision, a review, a hand, or an administrator's eye.

const SECTIONS = [
  '/',
  '/cases',
  '/appointments',
  '/letters',
  '/kb',
  '/qa',
  '/ratings',
  '/ratings/window',
  '/traffic',
  '/supervision',
  '/statistics',
  '/questionnaires',
  '/finance/reconciliation',
  '/content',
  '/staff',
  '/catalog',
  '/org',
  '/exchange',
  '/open311-keys',
  '/holidays',
  '/audit',
];
const items = loadCatalogItems();

let zone: Workbench;
before(async () => {
  zone = await startWorkbench();
  await seedCatalog(zone.services, items);
});
after(async () => zone.close());

function navHrefs(html: string): string[] {
  const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
}

const people: { who: string; role: Role; unitCode: string; scope: Scope; sees: string[] }[] = [
  {
    who: 'window clerk',
    role: 'window-clerk',
    unitCode: 'SF-D01-P01',
    scope: 'unit',
    sees: ['/', '/cases', '/appointments', '/ratings/window', '/org'],
  },
  {
    who: 'content editor',
    role: 'content-editor',
    unitCode: 'SF-0000',
    scope: 'all',
    sees: ['/', '/kb', '/content', '/catalog', '/org'],
  },
  {
    who: 'approver',
    role: 'approver',
    unitCode: 'SF-D02',
    scope: 'subtree',
    sees: [
      '/',
      '/cases',
      '/kb',
      '/ratings',
      '/supervision',
      '/statistics',
      '/questionnaires',
      '/finance/reconciliation',
      '/content',
      '/catalog',
      '/org',
    ],
  },
  {
    who: 'auditor',
    role: 'auditor',
    unitCode: 'SF-0000',
    scope: 'all',
    sees: ['/', '/staff', '/org', '/exchange', '/audit'],
  },
  {
    who: 'administrator',
    role: 'administrator',
    unitCode: 'SF-0000',
    scope: 'all',
    sees: [
      '/',
      '/content',
      '/staff',
      '/catalog',
      '/org',
      '/exchange',
      '/open311-keys',
      '/holidays',
      '/audit',
    ],
  },
  {
    who: 'letter handler',
    role: 'letter-handler',
    unitCode: 'SF-0000',
    scope: 'all',
    sees: ['/', '/letters', '/kb', '/org'],
  },
];

describe('navigation by role', () => {
  for (const person of people) {
    test(`the ${person.who} is offered exactly the sections that open for him`, async () => {
      const officer = await makeOfficer(zone, { ...person, enrolled: true });
      const b = await logIn(zone, officer);
      const home = await b.get('/');
      assert.equal(home.statusCode, 200);
      assert.deepEqual(navHrefs(home.body), person.sees);
      for (const href of SECTIONS) {
        const page = await b.get(href);
        // A section may land on the officer's own part of it (一键督办 opens his top unit): a redirect, not a 403.
        const status =
          page.statusCode === 303 && !/login/.test(String(page.headers.location)) ? 200 : page.statusCode;
        assert.equal(status, person.sees.includes(href) ? 200 : 403, `${person.who} ${href}`);
        // Every section shows him the same menu as the start page: none brings back the full one.
        if (page.statusCode === 200)
          assert.deepEqual(navHrefs(page.body), person.sees, `${person.who} ${href}`);
      }
    });
  }

  test('a visitor who is not signed in sees no sections, on the sign-in page or an unknown address', async () => {
    const b = browser(zone.app);
    const missing = await b.get('/no-such-page');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(navHrefs(missing.body), []);
    const login = await b.get('/staff/login');
    assert.deepEqual(navHrefs(login.body), []);
  });

  test('a forbidden page shows the officer his own sections, not the full menu', async () => {
    const clerk = await makeOfficer(zone, { role: 'window-clerk', unitCode: 'SF-D01-P01', enrolled: true });
    const b = await logIn(zone, clerk);
    const refused = await b.get('/audit');
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(navHrefs(refused.body), ['/', '/cases', '/appointments', '/ratings/window', '/org']);
  });
});

function todoLine(html: string, title: string): number | undefined {
  const re = new RegExp(`${title}</a><span class="todo-count">(\\d+)</span>`);
  const found = re.exec(html)?.[1];
  return found === undefined ? undefined : Number(found);
}

describe('the to-do list', () => {
  test('every source names an action the registry knows', () => {
    for (const source of workbenchTodo) assert.ok(workbenchPolicy.has(source.permission), source.feature);
  });

  test('an approver sees the guide waiting for his review, and its author does not count his own', async () => {
    const editor = await makeOfficer(zone, {
      role: 'content-editor',
      unitCode: 'SF-0000',
      scope: 'all',
      enrolled: true,
    });
    const approver = await makeOfficer(zone, {
      role: 'approver',
      unitCode: 'SF-0000',
      scope: 'all',
      enrolled: true,
    });
    const approverBrowser = await logIn(zone, approver);
    const before = todoLine((await approverBrowser.get('/')).body, '待审核的办事指南');
    assert.equal(typeof before, 'number');

    const me = await loadCurrentStaff(zone.services.db, editor.id);
    assert.ok(me);
    const item = items[3];
    assert.ok(item);
    await saveDraft(
      zone.services,
      me,
      { actor: me.badgeNo, actorUnit: me.unitCode, sourceIp: '10.9.9.9' },
      item.id,
      { baseVersion: 1, input: { ...itemToInput(item), summaryEn: 'Edited for review.' }, submit: true },
    );
    const home = await approverBrowser.get('/');
    assert.equal(todoLine(home.body, '待审核的办事指南'), (before ?? 0) + 1);
    assert.ok(!home.body.includes('当前没有待办事项'));
  });

  test('an administrator sees quarantined messages and open alarms', async () => {
    const admin = await makeOfficer(zone, {
      role: 'administrator',
      unitCode: 'SF-0000',
      scope: 'all',
      enrolled: true,
    });
    const b = await logIn(zone, admin);
    const before = todoLine((await b.get('/')).body, '隔离区中待处置的消息') ?? -1;
    assert.ok(before >= 0, 'the quarantine line is there');
    assert.equal(todoLine((await b.get('/')).body, '边界交换未消除的告警'), 0);
    await zone.services.db.insert(quarantine).values({
      direction: 'inbound',
      raw: { envelope: { type: 'x.unknown' } },
      reason: 'type',
      detail: null,
    });
    assert.equal(todoLine((await b.get('/')).body, '隔离区中待处置的消息'), before + 1);
  });

  test('an officer with no role is told there is nothing to do, in his language', async () => {
    const nobody = await makeOfficer(zone, { unitCode: 'SF-0000', enrolled: true });
    const b = await logIn(zone, nobody);
    assert.match((await b.get('/')).body, /当前没有待办事项/);
  });
});
