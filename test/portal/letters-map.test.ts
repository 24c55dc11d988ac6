import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { letters } from '../../src/portal/db/schema.ts';
import { pickerView } from '../../src/shared/map/picker.ts';
import { toPixel } from '../../src/shared/map/projection.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';

// The tip form's map: a click comes back as the point, shown on the map to check; nothing is sent until the
// writer presses Send; a point outside the city is refused with what was typed kept.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
});
after(() => zone.close());

const tip = {
  topic: 'fire',
  subject: '楼道堆放杂物',
  body: '楼道堆满纸箱，堵住了消防通道。',
  place: '湖滨路附近',
};
const view = pickerView();
const sentCount = async () =>
  (await zone.services.db.select().from(letters).where(eq(letters.kind, 'tip'))).length;

test('the form offers the city map as an image button with an accessible name, beside the typed ways', async () => {
  const page = await new FormClient(zone.app).get('/interaction/tip');
  assert.match(
    page.body,
    new RegExp(
      `<input type="image" id="field-pick" name="pick" class="map-picker" src="/map/city.svg\\?lang=zh" width="${view.width}" height="${view.height}" alt="示范市地图：点击地图选择地点"`,
    ),
  );
  assert.match(page.body, /name="latitude"/);
  assert.match(page.body, /name="place"/);
  // Enter in a text field presses the form's first submit button: that must send, not pick a point.
  const firstSubmit = /<(button|input)\b[^>]*type="(submit|image)"[^>]*>/.exec(
    page.body.split('<form')[1] ?? '',
  );
  assert.ok(firstSubmit && !/name="pick"/.test(firstSubmit[0]), 'the first submit button sends the letter');
  const english = await new FormClient(zone.app).get('/interaction/tip?lang=en');
  assert.match(english.body, /alt="Map of Shifan City: click the map to choose the place"/);
});

test('a click on the map chooses the point: the form comes back with it on the map, nothing is sent', async () => {
  const client = new FormClient(zone.app);
  const before = await sentCount();
  const { x, y } = toPixel(view, { lat: 30.52, lng: 114.31 });
  const picked = await client.post(
    '/interaction/tip',
    { ...tip, 'pick.x': String(Math.round(x)), 'pick.y': String(Math.round(y)) },
    { formUrl: '/interaction/tip' },
  );
  assert.equal(picked.statusCode, 200);
  assert.equal(await sentCount(), before, 'not sent');
  const lat = /name="latitude" type="text" value="([\d.]+)"/.exec(picked.body)?.[1];
  const lng = /name="longitude" type="text" value="([\d.]+)"/.exec(picked.body)?.[1];
  assert.ok(lat && lng, 'the point is filled in');
  assert.ok(Math.abs(Number(lat) - 30.52) < 0.002 && Math.abs(Number(lng) - 114.31) < 0.002, `${lat},${lng}`);
  assert.match(picked.body, new RegExp(`src="/map/city.svg\\?lang=zh&amp;pin=${lat},${lng}"`));
  assert.match(picked.body, /已选定明湖区的地点/);
  assert.match(picked.body, /楼道堆放杂物/, 'what was typed is kept');

  const sent = await client.post(
    '/interaction/tip',
    { ...tip, latitude: lat, longitude: lng },
    { formUrl: '/interaction/tip' },
  );
  assert.equal(sent.statusCode, 200, sent.body.slice(0, 300));
  assert.equal(await sentCount(), before + 1);
  const [stored] = await zone.services.db.select().from(letters).where(eq(letters.subject, tip.subject));
  assert.deepEqual([stored?.latitude, stored?.longitude], [Number(lat), Number(lng)]);
});

test('the picture’s corners are outside the city; the keyboard’s 0,0 chooses nothing; junk is refused', async () => {
  const client = new FormClient(zone.app);
  const before = await sentCount();
  const post = (x: string, y: string, lang = 'zh') =>
    client.post(
      `/interaction/tip?lang=${lang}`,
      { ...tip, 'pick.x': x, 'pick.y': y },
      { formUrl: '/interaction/tip' },
    );
  for (const [x, y] of [
    [String(view.width), '0'],
    ['0', String(view.height)],
    [String(view.width), String(view.height)],
    ['2', '2'],
  ]) {
    const corner = await post(x!, y!);
    assert.equal(corner.statusCode, 422, `${x},${y}`);
    assert.match(corner.body, /您点击的位置不在示范市范围内/);
    assert.match(corner.body, /href="#field-pick"/);
    assert.match(corner.body, /楼道堆放杂物/);
  }
  const keyboard = await post('0', '0', 'en');
  assert.equal(keyboard.statusCode, 200);
  assert.match(keyboard.body, /No point on the map was chosen and your letter has not been sent/);
  const junk = await post(String(view.width + 50), '10');
  assert.equal(junk.statusCode, 422);
  assert.match(junk.body, /没有读到您在地图上点击的位置/);
  assert.equal(await sentCount(), before, 'nothing sent');
});

test('typed coordinates outside the city are refused, as coordinates or as the place, the form kept', async () => {
  const client = new FormClient(zone.app);
  const before = await sentCount();
  const far = await client.post(
    '/interaction/tip',
    { ...tip, latitude: '31.30', longitude: '120.59' },
    { formUrl: '/interaction/tip' },
  );
  assert.equal(far.statusCode, 422);
  assert.match(far.body, /坐标不在示范市范围内/);
  assert.match(far.body, /value="31.30"/);
  assert.match(far.body, /value="120.59"/);
  const elsewhere = await client.post(
    '/interaction/tip?lang=en',
    { ...tip, place: '30.52, 120.59' },
    { formUrl: '/interaction/tip' },
  );
  assert.equal(elsewhere.statusCode, 422);
  assert.match(elsewhere.body, /outside Shifan City/);
  assert.equal(await sentCount(), before);
});
