import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { AppError } from '../../src/shared/http/errors.ts';
import type { AuditActor } from '../../src/workbench/audit/audit.actor.ts';
import { itemToInput } from '../../src/workbench/catalog-authoring/catalog-authoring.form.ts';
import {
  publishVersion,
  returnVersion,
} from '../../src/workbench/catalog-authoring/catalog-authoring.review.ts';
import { seedCatalog } from '../../src/workbench/catalog-authoring/catalog-authoring.seed.ts';
import { saveDraft } from '../../src/workbench/catalog-authoring/catalog-authoring.service.ts';
import { catalogItemVersions } from '../../src/workbench/catalog-authoring/catalog-authoring.tables.ts';
import { roleAssignments, staff, units } from '../../src/workbench/db/schema.ts';
import type { CurrentStaff } from '../../src/workbench/session.ts';
import type { FormClient } from '../helpers/browser-like.ts';
import { logIn, makeOfficer, startWorkbench, type Officer, type Workbench } from './support.ts';

// An administrator must not be able to approve his own edits by making himself a second account. The rule
// (shared/workflow/workflow.ts): an account that a contributor to the work created, or gave a role, in the
// last 24 hours may not decide on it, nor may one reached through a chain of such fresh accounts.

let zone: Workbench;
let admin: Officer;
let adminBrowser: FormClient;
const DAY_MS = 24 * 60 * 60 * 1000;
const items = loadCatalogItems();

before(async () => {
  zone = await startWorkbench();
  await seedCatalog(zone.services, items);
  // The attacker: an administrator who also writes guides, city-wide.
  admin = await makeOfficer(zone, {
    unitCode: 'SF-0000',
    enrolled: true,
    assignments: [
      { role: 'administrator', unitCode: 'SF-0000', scope: 'all' },
      { role: 'content-editor', unitCode: 'SF-0000', scope: 'all' },
    ],
  });
  adminBrowser = await logIn(zone, admin);
});
after(async () => zone.close());

/** The officer as the session would load him: his roles in force now. */
async function current(id: string): Promise<CurrentStaff> {
  const [row] = await zone.services.db
    .select({ id: staff.id, badgeNo: staff.badgeNo, name: staff.name, unitCode: staff.unitCode })
    .from(staff)
    .where(eq(staff.id, id));
  assert.ok(row);
  const assignments = await zone.services.db
    .select({
      role: roleAssignments.role,
      unitCode: roleAssignments.unitCode,
      unitPath: units.path,
      scope: roleAssignments.scope,
    })
    .from(roleAssignments)
    .innerJoin(units, eq(units.code, roleAssignments.unitCode))
    .where(eq(roleAssignments.staffId, id));
  return { ...row, assignments };
}

const actorOf = (me: CurrentStaff): AuditActor => ({
  actor: me.badgeNo,
  actorUnit: me.unitCode,
  sourceIp: '10.9.9.9',
});

let nextBadge = 0;
/** The administrator makes an account through the real form and gets its id back. */
async function createAccount(role: 'approver' | 'administrator' | 'window-clerk', by = adminBrowser) {
  const badgeNo = `SA${process.pid % 1000}${++nextBadge}`;
  const created = await by.post('/staff/new', {
    badgeNo,
    name: '第二账号',
    unitCode: 'SF-0000',
    password: 'Second-Lantern-2026',
    role,
    scope: 'all',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 400));
  const id = /^\/staff\/([0-9a-f-]{36})$/.exec(String(created.headers.location))?.[1];
  assert.ok(id);
  return { id, badgeNo };
}

/** The administrator edits a guide and submits it for review; returns the version now in review. */
async function submitEdit(itemIndex: number, author: CurrentStaff): Promise<{ id: string; version: number }> {
  const item = items[itemIndex];
  assert.ok(item);
  const input = { ...itemToInput(item), summaryEn: `Edited by ${author.badgeNo}.` };
  const saved = await saveDraft(zone.services, author, actorOf(author), item.id, {
    baseVersion: 1,
    input,
    submit: true,
  });
  assert.equal(saved.submitted, true);
  return { id: item.id, version: saved.version };
}

async function stateOf(id: string, version: number) {
  const [row] = await zone.services.db
    .select({ state: catalogItemVersions.state })
    .from(catalogItemVersions)
    .where(and(eq(catalogItemVersions.itemId, id), eq(catalogItemVersions.version, version)));
  return row?.state;
}

const forbidden = (error: unknown) => error instanceof AppError && error.code === 'FORBIDDEN';

describe('an administrator cannot approve his own edits through a second account', () => {
  test('the attack: a fresh approver account made by the author may neither publish nor return his draft', async () => {
    const me = await current(admin.id);
    const second = await createAccount('approver');
    const [row] = await zone.services.db.select().from(staff).where(eq(staff.id, second.id));
    assert.equal(row?.createdBy, admin.id, 'the creator is recorded');
    const work = await submitEdit(0, me);
    const b = await current(second.id);
    await assert.rejects(publishVersion(zone.services, b, actorOf(b), work.id, work.version), forbidden);
    await assert.rejects(
      returnVersion(zone.services, b, actorOf(b), work.id, work.version, '退回'),
      forbidden,
    );
    assert.equal(await stateOf(work.id, work.version), 'in-review');

    // The same account through the real form gets the same refusal.
    const secondBrowser = await logIn(
      zone,
      { id: second.id, badgeNo: second.badgeNo },
      'Second-Lantern-2026',
    );
    const viaForm = await secondBrowser.post(
      `/catalog/${work.id}/publish`,
      { version: String(work.version) },
      { formUrl: `/catalog/${work.id}` },
    );
    assert.equal(viaForm.statusCode, 403);
    assert.equal(await stateOf(work.id, work.version), 'in-review');
  });

  test('a role granted to an existing account counts like a new account, and so does a chain of accounts', async () => {
    const me = await current(admin.id);
    const work = await submitEdit(1, me);
    // An old clerk account is given the approver role by the author.
    const clerk = await makeOfficer(zone, { unitCode: 'SF-0000', role: 'window-clerk' });
    const granted = await adminBrowser.post(
      `/staff/${clerk.id}/assignments`,
      { role: 'approver', unitCode: 'SF-0000', scope: 'all' },
      { formUrl: `/staff/${clerk.id}` },
    );
    assert.equal(granted.statusCode, 303, granted.body.slice(0, 400));
    const promoted = await current(clerk.id);
    await assert.rejects(
      publishVersion(zone.services, promoted, actorOf(promoted), work.id, work.version),
      forbidden,
    );

    // The author makes a second administrator, who makes the approver.
    const deputy = await createAccount('administrator');
    const deputyBrowser = await logIn(
      zone,
      { id: deputy.id, badgeNo: deputy.badgeNo },
      'Second-Lantern-2026',
    );
    const third = await createAccount('approver', deputyBrowser);
    const thirdStaff = await current(third.id);
    await assert.rejects(
      publishVersion(zone.services, thirdStaff, actorOf(thirdStaff), work.id, work.version),
      forbidden,
    );
    assert.equal(await stateOf(work.id, work.version), 'in-review');
  });

  test('an approver nobody involved created may decide at once; the fresh account may decide others’ work', async () => {
    const me = await current(admin.id);
    const work = await submitEdit(2, me);
    const unrelated = await makeOfficer(zone, { unitCode: 'SF-0000', role: 'approver', scope: 'all' });
    const approver = await current(unrelated.id);
    await publishVersion(zone.services, approver, actorOf(approver), work.id, work.version);
    assert.equal(await stateOf(work.id, work.version), 'published');

    // The administrator's fresh account may decide on what an unrelated editor wrote.
    const second = await createAccount('approver');
    const editor = await makeOfficer(zone, { unitCode: 'SF-0000', role: 'content-editor', scope: 'all' });
    const others = await submitEdit(3, await current(editor.id));
    const b = await current(second.id);
    await publishVersion(zone.services, b, actorOf(b), others.id, others.version);
    assert.equal(await stateOf(others.id, others.version), 'published');
  });

  test('after 24 hours the account created by the author may decide on his work', async () => {
    const me = await current(admin.id);
    const second = await createAccount('approver');
    const work = await submitEdit(4, me);
    const b = await current(second.id);
    await assert.rejects(publishVersion(zone.services, b, actorOf(b), work.id, work.version), forbidden);
    zone.advance(DAY_MS + 60_000);
    await publishVersion(zone.services, b, actorOf(b), work.id, work.version);
    assert.equal(await stateOf(work.id, work.version), 'published');
    // The author himself still may not: that is plain four eyes, with no time limit.
    const again = await submitEdit(5, me);
    await assert.rejects(publishVersion(zone.services, me, actorOf(me), again.id, again.version), forbidden);
  });
});
