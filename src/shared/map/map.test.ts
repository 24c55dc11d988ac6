import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cityMap, districtAt, haversineKm, insideCity, parseLatLng } from './city.ts';
import { pickedPoint, pickerView } from './picker.ts';
import { fromPixel, toPixel, viewAround } from './projection.ts';

test('the base map has six districts that do not overlap, with the lake inside 明湖区', () => {
  const city = cityMap();
  assert.deepEqual(
    city.districts.map((d) => d.name),
    ['明湖区', '清江区', '望山区', '临港区', '新桥区', '高新区'],
  );
  for (const d of city.districts) {
    const inside = city.districts.filter((o) => districtAt(d.labelAt, { ...city, districts: [o] }));
    assert.deepEqual(
      inside.map((o) => o.name),
      [d.name],
      `${d.name}'s label point lies only in ${d.name}`,
    );
  }
  const lake = city.water[0]!.ring[0]!;
  assert.equal(districtAt({ lng: lake[0], lat: lake[1] })?.name, '明湖区');
});

test('distances on the sphere: a degree of latitude, and symmetry', () => {
  const a = { lat: 30, lng: 114 };
  assert.ok(Math.abs(haversineKm(a, { lat: 31, lng: 114 }) - 111.19) < 0.01);
  const b = { lat: 30.52, lng: 114.31 };
  assert.equal(haversineKm(a, b), haversineKm(b, a));
  assert.equal(haversineKm(b, b), 0);
});

test('typed coordinates: latitude first, either comma, nothing out of range', () => {
  assert.deepEqual(parseLatLng(' 30.52, 114.31 '), { lat: 30.52, lng: 114.31 });
  assert.deepEqual(parseLatLng('30.52，114.31'), { lat: 30.52, lng: 114.31 });
  assert.equal(parseLatLng('91, 114'), undefined);
  assert.equal(parseLatLng('30.52'), undefined);
  assert.equal(parseLatLng('湖滨路 12 号'), undefined);
});

test('a pixel and its point convert both ways', () => {
  const view = pickerView();
  for (const p of [
    { lat: 30.5, lng: 114.3 },
    { lat: 30.41, lng: 114.45 },
  ]) {
    const { x, y } = toPixel(view, p);
    assert.deepEqual(fromPixel(view, x, y), p);
  }
  const around = viewAround({ lat: 30.5, lng: 114.3 }, 4, 480, 320);
  assert.deepEqual(toPixel(around, { lat: 30.5, lng: 114.3 }), { x: 240, y: 160 });
});

test('clicks on the picker: the corners are outside the city, the keyboard’s 0,0 chooses nothing', () => {
  const view = pickerView();
  const b = view.bounds;
  assert.ok(view.width <= 350, 'fits a 390 px phone');
  assert.deepEqual(pickedPoint('0', '0'), { problem: 'no-point' });
  for (const [x, y] of [
    [1, 0],
    [view.width, 0],
    [0, view.height],
    [view.width, view.height],
  ])
    assert.deepEqual(pickedPoint(String(x), String(y)), { problem: 'outside' }, `${x},${y}`);
  // The corners themselves convert to the view's corners.
  assert.deepEqual(fromPixel(view, 0, 0), {
    lat: Math.round(b.maxLat * 1e5) / 1e5,
    lng: Math.round(b.minLng * 1e5) / 1e5,
  });
  assert.deepEqual(fromPixel(view, view.width, view.height), {
    lat: Math.round(b.minLat * 1e5) / 1e5,
    lng: Math.round(b.maxLng * 1e5) / 1e5,
  });
  for (const bad of [
    [String(view.width + 1), '5'],
    ['-3', '5'],
    ['1.5', '2'],
    ['x', '1'],
    [undefined, '1'],
  ])
    assert.deepEqual(pickedPoint(bad[0], bad[1]), { problem: 'bad' }, String(bad));
  // The middle of the city is in 明湖区, and the point found is the one under the pixel.
  const centre = toPixel(view, { lat: 30.52, lng: 114.31 });
  const picked = pickedPoint(String(Math.round(centre.x)), String(Math.round(centre.y)));
  assert.ok('point' in picked);
  assert.equal(picked.district.name, '明湖区');
  assert.ok(haversineKm(picked.point, { lat: 30.52, lng: 114.31 }) < 0.2, 'within a pixel');
  assert.ok(insideCity(picked.point));
  assert.equal(insideCity({ lat: 31.3, lng: 120.59 }), false);
});
