import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { caseStatusChanged } from '../../src/exchange/contracts/index.ts';
import { applications } from '../../src/portal/applications/applications.tables.ts';
import { caseSupplementFiles } from '../../src/portal/cases/cases.tables.ts';
import { outbox } from '../../src/portal/db/schema.ts';
import { buildPdf } from '../../src/shared/files/pdf.fixture.ts';
import { csrfFrom } from '../helpers/browser-like.ts';
import { registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { deliver, step, submittedCase } from './cases.fixture.ts';

let zone: TestZone;
let me: RegisteredCitizen;
before(async () => {
  zone = await startTestZone('portal');
  me = await registerCitizen(zone);
});
after(() => zone.close());

const sent = (caseNumber: string, type: string) =>
  zone.services.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.stream, `case:${caseNumber}`), eq(outbox.type, type)));

async function acceptedCase() {
  const theCase = await submittedCase(zone, me.id);
  await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
  await deliver(zone, caseStatusChanged, step(theCase, 2, 'accepted'));
  return theCase;
}

describe('withdrawing', () => {
  test('sends application.withdrawn once and shows the request until the workbench answers', async () => {
    const theCase = await acceptedCase();
    const url = `/my/cases/${theCase.caseNumber}/withdraw`;
    const form = await me.client.get(url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /确认撤回/);
    const done = await me.client.post(url, { reason: '已不需要' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/my/cases/${theCase.caseNumber}`);
    const messages = await sent(theCase.caseNumber, 'application.withdrawn');
    assert.equal(messages.length, 1);
    assert.deepEqual(
      [
        (messages[0]?.payload as { reason: string }).reason,
        (messages[0]?.payload as { applicationId: string }).applicationId,
      ],
      ['已不需要', theCase.id],
    );
    const page = await me.client.get(`/my/cases/${theCase.caseNumber}`);
    assert.match(page.body, /已提交撤回申请/);
    assert.match(page.body, /已申请撤回/);
    assert.doesNotMatch(page.body, /撤回申请<\/a>/);

    // Again, from a page opened before: refused, and nothing more crosses.
    const again = await me.client.post(url, { reason: '' }, { formUrl: `/my/cases/${theCase.caseNumber}` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /已申请撤回，正在等待办理单位确认/);
    assert.equal((await sent(theCase.caseNumber, 'application.withdrawn')).length, 1);
    assert.equal((await me.client.get(url)).statusCode, 303);

    await deliver(zone, caseStatusChanged, step(theCase, 3, 'withdrawn'));
    const [row] = await zone.services.db.select().from(applications).where(eq(applications.id, theCase.id));
    assert.deepEqual([row?.status, row?.inFlight], ['withdrawn', false]);
    const after = await me.client.get(`/my/cases/${theCase.caseNumber}`);
    assert.match(after.body, /已撤回/);
    assert.doesNotMatch(after.body, /已申请撤回/);
  });

  test('is refused when the workbench does not allow it now, and with a reason too long', async () => {
    const theCase = await submittedCase(zone, me.id);
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'approved'));
    const url = `/my/cases/${theCase.caseNumber}/withdraw`;
    const refused = await me.client.post(url, { reason: '' }, { formUrl: `/my/cases/${theCase.caseNumber}` });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /该办件当前不能撤回/);
    const open = await acceptedCase();
    const long = await me.client.post(`/my/cases/${open.caseNumber}/withdraw`, { reason: '很'.repeat(501) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /撤回原因不超过500个字/);
    assert.match(long.body, /很很很/, 'what was typed is kept');
    assert.equal((await sent(open.caseNumber, 'application.withdrawn')).length, 0);
  });

  test('without the CSRF token nothing is sent', async () => {
    const theCase = await acceptedCase();
    const url = `/my/cases/${theCase.caseNumber}/withdraw`;
    const refused = await me.client.post(url, { reason: '' }, { csrf: 'forged' });
    assert.equal(refused.statusCode, 403);
    assert.equal((await sent(theCase.caseNumber, 'application.withdrawn')).length, 0);
  });
});

/** A multipart post as a browser sends the supplement form. */
async function postMultipart(
  url: string,
  fields: Record<string, string>,
  files: { field: string; name: string; type: string; bytes: Buffer }[],
) {
  const boundary = '----openpsb-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.name}"\r\ncontent-type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return zone.app.inject({
    method: 'POST',
    url,
    remoteAddress: me.client.remoteAddress,
    headers: {
      cookie: me.client.cookieHeader(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

describe('supplementing missing materials', () => {
  async function missingCase() {
    const theCase = await submittedCase(zone, me.id, { formId: 'licence-renewal-on-expiry' });
    await deliver(zone, caseStatusChanged, step(theCase, 1, 'submitted'));
    await deliver(
      zone,
      caseStatusChanged,
      step(theCase, 2, 'missing-materials', {
        applicantMay: ['supplement', 'withdraw'],
        missingMaterials: [
          { code: 'medical-certificate', name: '体检证明', problem: '已过有效期' },
          { code: 'licence-photo', name: '证件照片', problem: '背景不符合要求' },
        ],
      }),
    );
    return theCase;
  }

  test('takes the named files again with a note, and sends them and the supplement on the case’s stream', async () => {
    const theCase = await missingCase();
    const url = `/my/cases/${theCase.caseNumber}/supplement`;
    const form = await me.client.get(url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /体检证明/);
    assert.match(form.body, /背景不符合要求/);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    const csrf = csrfFrom(form.body) ?? '';
    const pdf = buildPdf();

    const wrong = await postMultipart(url, { _csrf: csrf, note: '已重新体检' }, [
      { field: 'file-licence-photo', name: 'photo.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /只能上传 JPEG、PNG 格式的文件/);
    assert.match(wrong.body, /已重新体检/, 'the note is kept');
    assert.equal((await sent(theCase.caseNumber, 'application.supplemented')).length, 0);

    const done = await postMultipart(url, { _csrf: csrf, note: '已重新体检' }, [
      { field: 'file-medical-certificate', name: '体检证明.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    assert.equal(done.statusCode, 303, done.body.slice(0, 500));
    const [supplemented] = await sent(theCase.caseNumber, 'application.supplemented');
    const payload = supplemented?.payload as {
      note: string;
      answers: Record<string, { id: string; size: number }[]>;
    };
    assert.equal(payload.note, '已重新体检');
    const files = payload.answers['medical-certificate'];
    assert.equal(files?.length, 1);
    assert.equal(files?.[0]?.size, pdf.length);
    const attachments = await sent(theCase.caseNumber, 'attachment.submitted');
    assert.equal(attachments.length, 1);
    assert.equal((attachments[0]?.payload as { attachmentId: string }).attachmentId, files?.[0]?.id);
    assert.ok(attachments[0]!.seq < supplemented!.seq, 'the file goes before the supplement that names it');
    const kept = await zone.services.db
      .select()
      .from(caseSupplementFiles)
      .where(like(caseSupplementFiles.material, 'medical%'));
    assert.equal(kept.length, 1);

    const page = await me.client.get(`/my/cases/${theCase.caseNumber}`);
    assert.match(page.body, /补正材料已提交/);
    assert.equal((await me.client.get(url)).statusCode, 303, 'one supplement per notice');
  });

  test('is not offered unless materials are missing; without the CSRF token nothing is sent', async () => {
    const accepted = await acceptedCase();
    assert.equal((await me.client.get(`/my/cases/${accepted.caseNumber}/supplement`)).statusCode, 303);
    const theCase = await missingCase();
    const forged = await postMultipart(
      `/my/cases/${theCase.caseNumber}/supplement`,
      { _csrf: 'forged', note: 'x' },
      [],
    );
    assert.equal(forged.statusCode, 403);
    assert.equal((await sent(theCase.caseNumber, 'application.supplemented')).length, 0);
  });
});
