import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { auditLog } from '../../src/shared/audit/audit.tables.ts';
import { outbox } from '../../src/workbench/db/schema.ts';
import { open311Keys } from '../../src/workbench/open311-keys/open311-keys.tables.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { form } from '../portal/open311/support.ts';
import { csrfFrom } from '../helpers/browser-like.ts';
import { logIn, makeOfficer, startWorkbench, type Workbench } from './support.ts';

// Open311 keys: issued and revoked by force-wide administrators, kept and sent across only as hashes, and
// honoured by the portal exactly while they are active.

let zone: Workbench;
let portal: TestZone;
before(async () => {
  zone = await startWorkbench();
  portal = await startTestZone('portal');
});
after(async () => {
  await zone.close();
  await portal.close();
});

const crossed = (keyId: string) =>
  zone.services.db
    .select({ type: outbox.type, payload: outbox.payload, id: outbox.id })
    .from(outbox)
    .where(eq(outbox.stream, `open311-key:${keyId}`))
    .orderBy(outbox.seq);

/** What the relay would do: the workbench's messages for a key handed to the portal's inbox. */
async function relay(keyId: string) {
  for (const message of await crossed(keyId)) {
    const handle = portal.inboxHandlers[message.type];
    assert.ok(handle, message.type);
    await portal.services.db
      .transaction((tx) =>
        handle(tx, message.payload, {
          messageId: randomUUID(),
          fromZone: 'workbench',
          stream: `open311-key:${keyId}`,
          seq: 1,
          type: message.type,
          version: 1,
        }),
      )
      .catch((error: unknown) => {
        // A message delivered twice is kept once; anything else is a failure.
        if (!String(error).includes('duplicate')) throw error;
      });
  }
}

const tip = (apiKey: string) =>
  portal.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({
      api_key: apiKey,
      service_code: 'fire-hazard',
      address_string: '示范市明湖区湖滨路1号',
      'attribute[hazard_kind]': 'blocked-lane',
    }),
  });

describe('issuing and revoking', () => {
  test('an administrator issues a key shown once, kept and sent only as its hash, and revokes it', async () => {
    const admin = await makeOfficer(zone, {
      unitCode: 'SF-0000',
      role: 'administrator',
      scope: 'all',
      enrolled: true,
    });
    const client = await logIn(zone, admin);
    const page = await client.get('/open311-keys');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Open311/);

    const refused = await client.post('/open311-keys', { label: '   ' }, { formUrl: '/open311-keys' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /客户端或单位名称/);

    const issued = await client.post(
      '/open311-keys',
      { label: '示范随手拍<script>' },
      { formUrl: '/open311-keys' },
    );
    assert.equal(issued.statusCode, 200, issued.body.slice(0, 400));
    assert.equal(issued.headers['cache-control'], 'no-store');
    const key = /(o311_[A-Za-z0-9_-]{43})/.exec(issued.body)?.[1];
    assert.ok(key, 'the key is on the page');
    assert.ok(!issued.body.includes('<script>'), 'the label is escaped');

    const [row] = await zone.services.db
      .select()
      .from(open311Keys)
      .where(eq(open311Keys.label, '示范随手拍<script>'));
    assert.ok(row);
    assert.equal(row.keyHash, createHash('sha256').update(key).digest('hex'));
    const [message] = await crossed(row.id);
    assert.equal(message?.type, 'open311.key.issued');
    assert.ok(!JSON.stringify(message.payload).includes(key), 'the key itself never crosses');
    assert.ok(!(await client.get('/open311-keys')).body.includes(key), 'the list never shows it again');

    // The portal honours it once the issuance has crossed, and refuses it once the revocation has.
    assert.equal((await tip(key)).statusCode, 403);
    await relay(row.id);
    assert.equal((await tip(key)).statusCode, 200);

    const list = await client.get('/open311-keys');
    const token = csrfFrom(list.body);
    assert.ok(token);
    const revoked = await client.post(`/open311-keys/${row.id}/revoke`, {}, { csrf: token });
    assert.equal(revoked.statusCode, 303);
    assert.match((await client.get('/open311-keys')).body, /已吊销/);
    const again = await client.post(`/open311-keys/${row.id}/revoke`, {}, { csrf: token });
    assert.equal(again.statusCode, 404, 'a revoked key is no longer there to revoke');
    await relay(row.id);
    const after = await tip(key);
    assert.equal(after.statusCode, 403);
    assert.match(after.body, /api_key/);

    const audited = await zone.services.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(like(auditLog.action, 'open311.%'), eq(auditLog.actor, admin.badgeNo)));
    assert.deepEqual(
      audited.map((a) => a.action),
      ['open311.key.issue', 'open311.key.revoke'],
    );
  });

  test('only a force-wide administrator reaches the keys', async () => {
    for (const officer of [
      await makeOfficer(zone, {
        unitCode: 'SF-D01',
        role: 'administrator',
        scope: 'subtree',
        enrolled: true,
      }),
      await makeOfficer(zone, { unitCode: 'SF-0000', role: 'letter-handler', scope: 'all', enrolled: true }),
    ]) {
      const client = await logIn(zone, officer);
      assert.equal((await client.get('/open311-keys')).statusCode, 403);
      assert.ok(!(await client.get('/')).body.includes('href="/open311-keys"'), 'not offered in the menu');
    }
  });
});
