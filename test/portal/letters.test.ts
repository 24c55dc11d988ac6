import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { letterStatusChanged } from '../../src/exchange/contracts/index.ts';
import sharp from 'sharp';
import { letterPhotos, letters, outbox } from '../../src/portal/db/schema.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { lastSmsTo, registerCitizen, type RegisteredCitizen } from '../helpers/citizens.ts';
import { notifications } from '../../src/shared/db/tables.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { deliver } from './cases.fixture.ts';
import { publishDemoDirectory } from './directory.fixture.ts';

let zone: TestZone;
let me: RegisteredCitizen;
before(async () => {
  zone = await startTestZone('portal');
  me = await registerCitizen(zone);
});
after(() => zone.close());

const crossed = (letterNumber: string) =>
  zone.services.db
    .select()
    .from(outbox)
    .where(eq(outbox.stream, `letter:${letterNumber}`));

const consultation = {
  topic: 'household',
  subject: '孩子落户需要什么材料',
  body: '我的孩子刚出生，想问落户需要带哪些材料。\n谢谢。',
  publish: 'yes',
};

describe('the hub', () => {
  test('warns about emergencies before anything and lists every kind of letter', async () => {
    const page = await new FormClient(zone.app).get('/interaction');
    assert.equal(page.statusCode, 200);
    const warning = page.body.indexOf('110');
    assert.ok(warning > 0 && warning < page.body.indexOf('局长信箱'), 'the 110 warning comes first');
    for (const href of ['/interaction/write/director', '/interaction/write/complaint', '/interaction/tip'])
      assert.ok(page.body.includes(`href="${href}"`), href);
  });
});

describe('a signed letter', () => {
  test('is numbered, sent across on its own stream, and listed in 我的信件 with its steps', async () => {
    const done = await me.client.post('/interaction/write/consultation', consultation);
    assert.equal(done.statusCode, 303, done.body.slice(0, 500));
    const letterNumber = /\/my\/letters\/(XJ-\d{8}-[A-Z2-7]{8})$/.exec(String(done.headers.location))?.[1];
    assert.ok(letterNumber);
    const [message] = await crossed(letterNumber);
    assert.equal(message?.type, 'letter.submitted');
    const payload = message.payload as Record<string, unknown>;
    assert.equal(payload.kind, 'consultation');
    assert.equal(payload.publishAllowed, true);
    assert.equal((payload.writer as { citizenRef: string }).citizenRef, me.id);

    const list = await me.client.get('/my/letters');
    assert.match(list.body, /孩子落户需要什么材料/);
    assert.match(list.body, /已提交/);

    await deliver(zone, letterStatusChanged, {
      letterNumber,
      seq: 2,
      status: 'replied',
      step: 'replied',
      at: new Date().toISOString(),
      unit: { code: 'SF-HZ', name: '户政管理支队' },
      message: '请携带出生医学证明和父母户口簿到派出所办理。',
      dueOn: null,
    });
    // An older step arriving late never moves the status back.
    await deliver(zone, letterStatusChanged, {
      letterNumber,
      seq: 1,
      status: 'in-progress',
      step: 'routed',
      at: new Date().toISOString(),
      unit: { code: 'SF-HZ', name: '户政管理支队' },
      dueOn: '2026-12-10',
    });
    const page = await me.client.get(`/my/letters/${letterNumber}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /已答复/);
    assert.match(page.body, /出生医学证明/);
    assert.doesNotMatch(page.body, /name="text"/, 'an answered letter takes no more information');
  });

  test('the English page names the units by the directory’s English names, a unit it does not list as written', async () => {
    await publishDemoDirectory(zone);
    const done = await me.client.post('/interaction/write/consultation', consultation);
    const letterNumber = /\/my\/letters\/(XJ-\d{8}-[A-Z2-7]{8})$/.exec(String(done.headers.location))![1]!;
    const at = new Date().toISOString();
    const routed = { letterNumber, seq: 1, status: 'in-progress' as const, step: 'routed', at };
    await deliver(zone, letterStatusChanged, {
      ...routed,
      unit: { code: 'SF-XX-UNLISTED', name: '未公开单位' },
      dueOn: '2026-12-10',
    });
    await deliver(zone, letterStatusChanged, {
      ...routed,
      seq: 2,
      status: 'replied',
      step: 'replied',
      unit: { code: 'SF-HZ', name: '户政管理支队' },
      message: '请到派出所办理。',
      dueOn: null,
    });
    const zh = (await me.client.get(`/my/letters/${letterNumber}`)).body;
    assert.match(zh, /<dd class="summary-value">户政管理支队<\/dd>/);
    const en = (await me.client.get(`/my/letters/${letterNumber}?lang=en`)).body;
    assert.match(en, /<dd class="summary-value">Household Registration Division<\/dd>/, 'handled by');
    assert.match(en, / · Household Registration Division/, 'the reply’s step');
    assert.doesNotMatch(en, /户政管理支队/);
    assert.match(
      en,
      / · <span lang="zh-CN">未公开单位<\/span>/,
      'an unlisted unit as written, marked Chinese',
    );
  });

  test('once answered, the writer is told by SMS and in his account, with a signed link to rate it without signing in', async () => {
    const done = await me.client.post('/interaction/write/consultation', consultation);
    const letterNumber = /\/my\/letters\/(XJ-\d{8}-[A-Z2-7]{8})$/.exec(String(done.headers.location))![1]!;
    const smsCount = async () =>
      (
        await zone.services.db.select().from(notifications).where(eq(notifications.recipient, me.mobile))
      ).filter((n) => n.body.includes(letterNumber)).length;
    const step = {
      letterNumber,
      seq: 2,
      status: 'in-progress' as const,
      step: 'routed',
      at: zone.services.now().toISOString(),
      unit: { code: 'SF-HZ', name: '户政管理支队' },
      dueOn: '2026-12-10',
    };
    await deliver(zone, letterStatusChanged, step);
    assert.equal(await smsCount(), 0, 'only the answer is announced');
    const replied = {
      ...step,
      seq: 3,
      status: 'replied' as const,
      step: 'replied',
      message: '请到派出所办理。',
      dueOn: null,
    };
    await deliver(zone, letterStatusChanged, replied);
    await deliver(zone, letterStatusChanged, replied);
    assert.equal(await smsCount(), 1, 'a redelivered step is not announced twice');
    const sms = await lastSmsTo(zone, me.mobile);
    assert.match(sms, new RegExp(`您的信件 ${letterNumber} 已答复`));
    const link = /欢迎评价：\S*(\/r\/[A-Za-z0-9._-]+)/.exec(sms)?.[1];
    assert.ok(link, sms);
    const rating = await new FormClient(zone.app).get(link);
    assert.equal(rating.statusCode, 200);
    assert.match(rating.body, new RegExp(letterNumber));
    assert.match(rating.body, /name="level"/);
    const inbox = await me.client.get('/my/messages');
    assert.match(inbox.body, /您的信件已答复/);
  });

  test('a refused form comes back with what was typed and every problem, 422', async () => {
    const refused = await me.client.post('/interaction/write/complaint', {
      topic: 'police-conduct',
      subject: '',
      body: '<script>alert(1)</script>民警态度不好',
      place: '91.5, 200',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /请填写标题/);
    assert.match(refused.body, /纬度, 经度/);
    assert.match(refused.body, /请选择答复是否可以公开/);
    assert.ok(refused.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;民警态度不好'));
  });

  test('another citizen’s letter answers as a missing one', async () => {
    const done = await me.client.post('/interaction/write/suggestion', { ...consultation, topic: 'traffic' });
    const url = String(done.headers.location);
    const other = await registerCitizen(zone);
    const seen = await other.client.get(url);
    assert.equal(seen.statusCode, 404);
    const missing = await other.client.get('/my/letters/XJ-20260101-AAAAAAAA');
    assert.equal(missing.statusCode, 404);
    const added = await other.client.post(`${url}/add`, { text: '补充' }, { formUrl: '/my/letters' });
    assert.equal(added.statusCode, 404);
  });

  test('a visitor is sent to sign in before writing anything but a tip', async () => {
    const visitor = new FormClient(zone.app);
    const page = await visitor.get('/interaction/write/director');
    assert.equal(page.statusCode, 303);
    assert.match(String(page.headers.location), /^\/login/);
    assert.equal((await visitor.get('/interaction/tip')).statusCode, 200);
    assert.equal((await me.client.get('/interaction/write/tip')).statusCode, 404);
    assert.equal((await me.client.get('/interaction/write/nonsense')).statusCode, 404);
  });
});

describe('an anonymous tip', () => {
  test('gets a follow-up code shown once, kept only as a hash, that opens the progress and takes more', async () => {
    const visitor = new FormClient(zone.app);
    const sent = await visitor.post('/interaction/tip', {
      topic: 'fire',
      subject: '楼道堆放杂物',
      body: '明湖区某小区3号楼楼道长期堆放纸箱，堵住了消防通道。',
      place: '30.52, 114.31',
    });
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 400));
    assert.equal(sent.headers['cache-control'], 'no-store');
    const shown = /([A-Z2-7]{4}(?:-[A-Z2-7]{4}){4})/.exec(sent.body)?.[1];
    assert.ok(shown, 'the code is on the page');
    const code = shown.replaceAll('-', '');
    const [row] = await zone.services.db.select().from(letters).where(eq(letters.subject, '楼道堆放杂物'));
    assert.ok(row?.followCodeHash);
    assert.equal(row.citizenId, null);
    assert.equal(row.publishAllowed, false, 'a tip is never published');
    assert.ok(!JSON.stringify(row).includes(code), 'the code itself is not stored');
    const [message] = await crossed(row.letterNumber);
    assert.equal((message?.payload as { writer: unknown }).writer, null);

    const progress = await visitor.post('/interaction/follow-up', { code: shown.toLowerCase() });
    assert.equal(progress.statusCode, 200);
    assert.match(progress.body, /楼道堆放杂物/);
    const added = await visitor.post(
      '/interaction/follow-up',
      { code, text: '今天又多了几袋垃圾。' },
      { formUrl: '/interaction/follow-up' },
    );
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /今天又多了几袋垃圾/);
    const messages = await crossed(row.letterNumber);
    assert.deepEqual(
      messages.map((m) => m.type),
      ['letter.submitted', 'letter.supplemented'],
    );
  });

  test('a wrong or malformed code gets the same answer', async () => {
    const visitor = new FormClient(zone.app);
    const wrong = await visitor.post('/interaction/follow-up', { code: 'AAAA-AAAA-AAAA-AAAA-AAAA' });
    const malformed = await visitor.post('/interaction/follow-up', { code: 'hello' });
    assert.equal(wrong.statusCode, 404);
    assert.equal(malformed.statusCode, 404);
    const words = (body: string) =>
      /error-summary[\s\S]*?<\/div>/.exec(body)?.[0].replace(/value="[^"]*"/g, '');
    assert.equal(words(wrong.body), words(malformed.body));
  });
});

describe('photos with a tip', () => {
  /** A multipart post as the tip form sends it, with the form's CSRF token. */
  async function postTip(fields: Record<string, string>, files: { name: string; bytes: Buffer }[]) {
    const client = new FormClient(zone.app);
    const token = /name="_csrf" value="([^"]+)"/.exec((await client.get('/interaction/tip')).body)?.[1] ?? '';
    const boundary = '----openpsb-letter-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: token, ...fields }))
      parts.push(
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    for (const f of files)
      parts.push(
        Buffer.from(
          `--${boundary}\r\ncontent-disposition: form-data; name="photos"; filename="${f.name}"\r\ncontent-type: image/jpeg\r\n\r\n`,
        ),
        f.bytes,
        Buffer.from('\r\n'),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return zone.app.inject({
      method: 'POST',
      url: '/interaction/tip',
      remoteAddress: client.remoteAddress,
      headers: {
        cookie: client.cookieHeader(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat(parts),
    });
  }

  const tip = {
    topic: 'fire',
    subject: '楼道堆放杂物',
    body: '示范路1号楼道堆满纸箱。',
    place: '明湖区示范路1号',
  };

  test('are stored and sent without their GPS EXIF, with the typed point; the letter names them', async () => {
    const clean = await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: 9, g: 9, b: 9 } },
    })
      .jpeg()
      .toBuffer();
    const exif = Buffer.concat([
      Buffer.from([0xff, 0xe1, 0, 30]),
      Buffer.from('Exif\0\0MM\0*GPS 30.52,114.3100'),
    ]);
    const planted = Buffer.concat([clean.subarray(0, 2), exif, clean.subarray(2)]);
    const done = await postTip({ ...tip, latitude: '30.52', longitude: '114.31' }, [
      { name: 'IMG_20261206_1012.jpg', bytes: planted },
    ]);
    assert.equal(done.statusCode, 200, done.body.slice(0, 300));
    const letterNumber = /XJ-\d{8}-[A-Z2-7]{8}/.exec(done.body)?.[0];
    assert.ok(letterNumber);
    const [stored] = await zone.services.db
      .select()
      .from(letterPhotos)
      .innerJoin(letters, eq(letters.id, letterPhotos.letterId))
      .where(eq(letters.letterNumber, letterNumber));
    assert.ok(stored);
    assert.equal(stored.letter_photos.content.includes(Buffer.from('Exif')), false);
    assert.deepEqual(stored.letter_photos.content, clean);
    assert.equal(stored.letter_photos.name, 'photo-1.jpg', 'the phone’s file name is not kept');
    assert.deepEqual([stored.letters.latitude, stored.letters.longitude], [30.52, 114.31]);

    const messages = await crossed(letterNumber);
    assert.deepEqual(
      messages.map((m) => m.type),
      ['letter.submitted', 'attachment.submitted'],
    );
    const letter = messages[0]!.payload as { photos: { id: string }[]; location: unknown };
    const photo = messages[1]!.payload as { attachmentId: string; purpose: string; file: { data: string } };
    assert.equal(letter.photos[0]?.id, photo.attachmentId);
    assert.deepEqual(letter.location, { latitude: 30.52, longitude: 114.31 });
    assert.equal(photo.purpose, 'tip-evidence');
    assert.equal(Buffer.from(photo.file.data, 'base64').includes(Buffer.from('GPS')), false);
  });

  test('a file that is not a photo, or a half point, comes back with what was typed, 422', async () => {
    const refused = await postTip({ ...tip, latitude: '30.52' }, [
      { name: 'evil.jpg', bytes: Buffer.from('%PDF-1.7 not a photo') },
    ]);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /不是JPG或PNG照片/);
    assert.match(refused.body, /纬度（-90到90）/);
    assert.match(refused.body, /楼道堆放杂物/);
    assert.match(refused.body, /enctype="multipart\/form-data"/);
  });
});
