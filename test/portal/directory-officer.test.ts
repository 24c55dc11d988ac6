import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyPublishedUnit } from '../../src/portal/directory/directory.repository.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { demoBeatsByCode, publishDemoDirectory, publishedDemoUnits } from './directory.fixture.ts';

// 找片警 on the demo city's published directory: found by road and number (on each side of a split street),
// by compound, ambiguous with its candidates, not found with a reason; every demo office answers for its
// area; never a personal mobile.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
  await publishDemoDirectory(zone);
});
after(() => zone.close());

const visitor = () => new FormClient(zone.app);
const ask = (query: string, lang = 'zh') =>
  visitor().get(`/directory/officer?${query}&lang=${lang}`, { accept: 'application/json' });
interface OfficeJson {
  unit: { code: string };
  officer: { name: string; badgeNo: string } | null;
}
interface LookupJson {
  result: string;
  reason: string | null;
  office: OfficeJson | null;
  candidates: { office: OfficeJson; covers: string[] }[];
}
const json = (r: { body: string }) => JSON.parse(r.body) as LookupJson;
const offices = publishedDemoUnits.filter((u) => u.kind === 'community-office');

describe('find my community officer', () => {
  test('every demo community office has an area, and is found by its road range and by its compound', async () => {
    assert.equal(offices.length, demoBeatsByCode.size);
    for (const office of offices) {
      const demo = demoBeatsByCode.get(office.code)!;
      const road = demo.beat.roads[0]!;
      const byRoad = json(await ask(`q=${encodeURIComponent(`示范市${road.road}${road.from + 7}号`)}`));
      assert.equal(byRoad.result, 'found', `${office.code} by ${road.road}`);
      assert.equal(byRoad.office?.unit.code, office.code);
      assert.deepEqual(byRoad.office?.officer, { name: demo.officerName, badgeNo: demo.officerBadge });
      const place = demo.beat.places[0]!.name;
      const byPlace = json(await ask(`q=${encodeURIComponent(`${place}3栋2单元`)}`));
      assert.equal(byPlace.office?.unit.code, office.code, `${office.code} by ${place}`);
    }
  });

  test('house-number ranges: the ends of each run, and odd and even sides of a split street', async () => {
    const [first, second] = ['SF-D01-P01-C01', 'SF-D01-P01-C02'];
    const codeFor = async (q: string) => json(await ask(`q=${encodeURIComponent(q)}`)).office?.unit.code;
    assert.equal(await codeFor('湖滨路200号'), first);
    assert.equal(await codeFor('湖滨路201号'), second);
    assert.equal(await codeFor('湖滨东街17号'), first);
    assert.equal(await codeFor('湖滨东街18号'), second);
    assert.equal(await codeFor('12 Hubin East Street'), second, 'English, number first');
    const picked = json(await ask('road=湖滨路&no=350'));
    assert.equal(picked.office?.unit.code, second);
  });

  test('ambiguous: a road without a number, or part of many names, offers the candidates', async () => {
    const road = json(await ask(`q=${encodeURIComponent('湖滨路')}`));
    assert.equal(road.result, 'ambiguous');
    assert.equal(road.reason, 'no-number');
    assert.deepEqual(
      road.candidates.map((c) => c.office.unit.code),
      ['SF-D01-P01-C01', 'SF-D01-P01-C02'],
    );
    assert.match(road.candidates[0]?.covers[0] ?? '', /湖滨路 1—200号/);
    const page = await visitor().get(`/directory/officer?q=${encodeURIComponent('花园')}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /有几个警务室符合，请选择/);
    assert.match(page.body, /href="\/directory\/officer\?office=SF-D01-P01-C01"/);
    const chosen = await visitor().get('/directory/officer?office=SF-D01-P01-C01');
    assert.match(chosen.body, /王建国（演示）/);
  });

  test('not found: an unknown place, a number outside every range, bad input; each says why and keeps it', async () => {
    const unknown = await visitor().get(`/directory/officer?q=${encodeURIComponent('火星路8号')}`);
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /没有找到这个地址/);
    assert.match(unknown.body, /value="火星路8号"/);
    const outside = await ask(`q=${encodeURIComponent('湖滨路900号')}`);
    assert.equal(outside.statusCode, 422);
    const body = json(outside);
    assert.equal(body.reason, 'number-outside');
    assert.equal(body.candidates.length, 2, 'the offices on that road are offered');
    // The whole run of digits is the number: 01501 is 1501, which no range holds, not 150 (the first office's).
    assert.equal(json(await ask(`q=${encodeURIComponent('湖滨路01501号')}`)).reason, 'number-outside');
    const english = await visitor().get(
      `/directory/officer?lang=en&q=${encodeURIComponent('Nowhere Lane 3')}`,
    );
    assert.match(english.body, /That address was not found/);
    const badNumber = await visitor().get(`/directory/officer?road=${encodeURIComponent('湖滨路')}&no=abc`);
    assert.equal(badNumber.statusCode, 422);
    assert.match(badNumber.body, /门牌号请填写1至9999的数字/);
    assert.equal((await visitor().get('/directory/officer?office=SF-NONE')).statusCode, 404);
  });

  test('the page shows the officer, badge, office phone, address, hours and a map; no mobile number', async () => {
    for (const lang of ['zh', 'en']) {
      const page = await visitor().get(`/directory/officer?lang=${lang}&q=${encodeURIComponent('春晖小区')}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /王建国（演示）/);
      assert.match(page.body, /SF10101/);
      assert.match(page.body, /href="tel:00006101100"/);
      assert.match(page.body, /aria-labelledby="unit-map-title"/);
      assert.doesNotMatch(page.body, /1[3-9]\d{9}/, 'no mobile number');
    }
  });

  test("a community office's own page and JSON name its officer and area; a station's name none", async () => {
    const office = offices[0]!;
    const demo = demoBeatsByCode.get(office.code)!;
    for (const lang of ['zh', 'en']) {
      const page = await visitor().get(`/directory/${office.code}?lang=${lang}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(demo.officerBadge), 'badge number on the unit page');
      assert.match(page.body, lang === 'zh' ? /负责区域/ : /Area covered/);
    }
    const detail = JSON.parse(
      (await visitor().get(`/directory/${office.code}`, { accept: 'application/json' })).body,
    ) as {
      officer: { badgeNo: string } | null;
      area: { roads: unknown[]; places: unknown[] } | null;
    };
    assert.equal(detail.officer?.badgeNo, demo.officerBadge);
    assert.ok((detail.area?.roads.length ?? 0) + (detail.area?.places.length ?? 0) > 0);
    const station = publishedDemoUnits.find((u) => u.kind === 'station')!;
    const stationPage = await visitor().get(`/directory/${station.code}?lang=zh`);
    assert.doesNotMatch(stationPage.body, /负责区域/);
    const stationJson = JSON.parse(
      (await visitor().get(`/directory/${station.code}`, { accept: 'application/json' })).body,
    ) as { officer: unknown; area: unknown };
    assert.equal(stationJson.officer, null);
    assert.equal(stationJson.area, null);
  });

  test('a version 1 publication (no area) keeps the office out of the lookup', async () => {
    const office = offices.at(-1)!;
    const demo = demoBeatsByCode.get(office.code)!;
    await zone.services.db.transaction((tx) =>
      applyPublishedUnit(tx, {
        ...office,
        revision: 5,
        parentName: null,
        beat: null,
        officer: null,
        publishedAt: zone.services.now().toISOString(),
      }),
    );
    const gone = json(await ask(`q=${encodeURIComponent(demo.beat.places[0]!.name)}`));
    assert.notEqual(gone.office?.unit.code, office.code);
  });
});
