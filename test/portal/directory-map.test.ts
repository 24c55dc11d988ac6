import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyPublishedUnit } from '../../src/portal/directory/directory.repository.ts';
import { districtAt, haversineKm } from '../../src/shared/map/city.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { publishDemoDirectory, publishedDemoUnits } from './directory.fixture.ts';

// The directory's map, list and "nearest to me", on the demo city's published units (as the exchange would
// leave them in the portal) and one unit with a hostile name.

let zone: TestZone;
const published = publishedDemoUnits;
const hostile = {
  code: 'SF-D01-P99',
  name: '<script>alert(1)</script>"派出所',
  nameEn: '"><img src=x onerror=alert(1)> Station',
};

before(async () => {
  zone = await startTestZone('portal');
  await publishDemoDirectory(zone);
  const publishedAt = zone.services.now().toISOString();
  await zone.services.db.transaction(async (tx) => {
    await applyPublishedUnit(tx, {
      ...hostile,
      revision: 1,
      kind: 'station',
      parentName: null,
      district: '明湖区',
      address: '示范市明湖区湖滨路1号',
      phone: '0000-6199000',
      hours: '24小时',
      schedule: '24h',
      lat: 30.51,
      lng: 114.3,
      beat: null,
      officer: null,
      publishedAt,
    });
  });
});
after(() => zone.close());

const visitor = () => new FormClient(zone.app);
const markerCodes = (html: string) => {
  const svg =
    /<svg[^>]*id="directory-map"[\s\S]*?<\/svg>|<svg[^>]*aria-labelledby="directory-map-title"[\s\S]*?<\/svg>/.exec(
      html,
    )?.[0];
  assert.ok(svg, 'the page has the map');
  return [
    ...svg.matchAll(/<a href="\/directory\/([A-Z0-9-]+)" class="map-marker" aria-label="([^"]+)"/g),
  ].map((m) => m[1]!);
};

describe('the map', () => {
  test('every seeded unit lies inside its own district on the base map', () => {
    for (const u of published)
      assert.equal(districtAt({ lat: u.lat, lng: u.lng })?.name, u.district, `${u.code} ${u.name}`);
  });

  test('a marker for every published unit, each a named link; the same units listed beside; a legend', async () => {
    const page = await visitor().get('/directory');
    assert.equal(page.statusCode, 200);
    const codes = markerCodes(page.body);
    assert.deepEqual(codes.sort(), [...published.map((u) => u.code), hostile.code].sort());
    assert.match(page.body, /aria-label="湖滨派出所（派出所）"/);
    assert.match(page.body, /class="map-skip" href="#unit-list"/);
    assert.match(page.body, /<div class="map-legend">[\s\S]*交管服务站[\s\S]*出入境服务点/);
    for (const code of codes)
      assert.ok(page.body.includes(`<a href="/directory/${code}">`), `${code} listed`);
    const english = await visitor().get('/directory?lang=en');
    assert.match(english.body, /aria-label="Hubin Police Station \(Police station\)"/);
    assert.match(english.body, />Minghu<\/text>/);
  });

  test('names are escaped in the markers and the list', async () => {
    for (const lang of ['zh', 'en']) {
      const page = await visitor().get(`/directory?lang=${lang}`);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.doesNotMatch(page.body, /<img src=x/);
    }
    const page = await visitor().get('/directory');
    assert.match(page.body, /aria-label="&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;派出所（派出所）"/);
  });

  test('the filter by kind and district narrows the markers and zooms to the district', async () => {
    const page = await visitor().get(`/directory?district=${encodeURIComponent('清江区')}&kind=station`);
    const expected = published
      .filter((u) => u.district === '清江区' && u.kind === 'station')
      .map((u) => u.code);
    assert.deepEqual(markerCodes(page.body).sort(), expected.sort());
    const whole = await visitor().get('/directory');
    const viewBox = (html: string) =>
      /aria-labelledby="directory-map-title"/.test(html) &&
      /viewBox="0 0 (\d+) (\d+)"[^>]*role="group"/.exec(html)?.slice(1);
    assert.notDeepEqual(viewBox(page.body), viewBox(whole.body), 'the district is drawn closer');
  });

  test('a unit page draws the map around the unit with its pin and neighbours', async () => {
    const page = await visitor().get('/directory/SF-D01-P01');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg[^>]*class="unit-map"/);
    assert.match(page.body, /湖滨派出所位置图/);
    assert.match(page.body, /<a href="\/directory\/SF-D01-P01-C01" class="map-marker"/);
  });

  test('the picker’s picture is an SVG of the city, with the chosen point when given', async () => {
    const plain = await visitor().get('/map/city.svg?lang=zh');
    assert.equal(plain.statusCode, 200);
    assert.match(String(plain.headers['content-type']), /^image\/svg\+xml/);
    assert.match(plain.body, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*width="340"/);
    assert.match(plain.body, />明湖区<\/text>/);
    assert.doesNotMatch(plain.body, /#b4231a/);
    const pinned = await visitor().get('/map/city.svg?lang=en&pin=30.52,114.31');
    assert.match(pinned.body, /#b4231a/);
    assert.match(pinned.body, />Minghu<\/text>/);
    const junk = await visitor().get('/map/city.svg?pin=%3Cscript%3E');
    assert.equal(junk.statusCode, 200);
    assert.doesNotMatch(junk.body, /<script/);
  });
});

describe('nearest to me', () => {
  const order = (html: string) =>
    [
      ...(/<ol class="directory-list nearest-list">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '').matchAll(
        /<a href="\/directory\/([A-Z0-9-]+)">/g,
      ),
    ].map((m) => m[1]!);

  test('coordinates give the ten nearest units, nearest first, by great-circle distance', async () => {
    const from = { lat: 30.45, lng: 114.42 };
    const page = await visitor().get('/directory/nearest?from=30.45%2C114.42');
    assert.equal(page.statusCode, 200);
    const all = [...published, { ...hostile, lat: 30.51, lng: 114.3 }];
    const expected = all
      .map((u) => ({ code: u.code, km: haversineKm(from, u) }))
      .sort((a, b) => a.km - b.km || a.code.localeCompare(b.code))
      .slice(0, 10)
      .map((u) => u.code);
    assert.deepEqual(order(page.body), expected);
    assert.match(page.body, /约 \d+ 米|约 \d+\.\d 公里/);
    assert.match(page.body, /aria-labelledby="nearest-map-title"/);
  });

  test('a road, a station’s street in English or a district is found; the kind narrows the units', async () => {
    const road = await visitor().get(`/directory/nearest?from=${encodeURIComponent('湖滨路25号')}`);
    assert.equal(road.statusCode, 200);
    assert.equal(order(road.body)[0], 'SF-D01-P01', 'the station the road is named for');
    const english = await visitor().get('/directory/nearest?from=Hubin+Road&of=exit-entry-office&lang=en');
    assert.equal(english.statusCode, 200);
    const exits = order(english.body);
    assert.equal(exits.length, 3);
    assert.ok(exits.every((c) => c.startsWith('SF-CRJ-E')));
    assert.match(english.body, /Nearest to “Hubin Police Station”/);
    const district = await visitor().get(
      `/directory/nearest?from=${encodeURIComponent('我在高新区')}&of=station`,
    );
    assert.ok(
      order(district.body)
        .slice(0, 3)
        .every((c) => c.startsWith('SF-D06-')),
    );
  });

  test('an unknown place, coordinates outside the city or nothing: a specific error, the text kept', async () => {
    const unknown = await visitor().get(`/directory/nearest?from=${encodeURIComponent('火星基地')}`);
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /没有找到这个地点/);
    assert.match(unknown.body, /value="火星基地"/);
    const outside = await visitor().get('/directory/nearest?from=31.30,120.59&lang=en');
    assert.equal(outside.statusCode, 422);
    assert.match(outside.body, /outside Shifan City/);
    assert.match(outside.body, /value="31.30,120.59"/);
    const empty = await visitor().get('/directory/nearest?from=');
    assert.equal(empty.statusCode, 422);
    const bare = await visitor().get('/directory/nearest');
    assert.equal(bare.statusCode, 200);
    assert.match(bare.body, /name="from"/);
  });
});
