import { cityMap, type Bounds, type LngLat } from './city.ts';
import { lngLatOfWorld, worldOf } from './tiles.ts';

// From degrees to the pixels of a drawn map and back. An equirectangular projection with longitude shrunk by
// the cosine of the middle latitude: over a city it is true to within a fraction of a pixel, and it can be
// inverted exactly, which the map picker needs (a click's x/y come back as pixels). Under an outside service's
// tiles a view is Web Mercator instead, as the tiles are (`inMercator`): the same bounds and size, and over a
// city the same picture to within a pixel, but the points fall exactly where the tiles show them.

export interface MapView {
  /** What the picture shows, north up. */
  bounds: Bounds;
  /** The picture's size in pixels (CSS pixels, since the picker's image is shown at its own size). */
  width: number;
  height: number;
  /** Web Mercator, under tiles; equirectangular when absent. */
  projection?: 'mercator';
}

/** The same view in Web Mercator, for drawing over tiles. */
export function inMercator(view: MapView): MapView {
  return { ...view, projection: 'mercator' };
}

/** A view of the bounds at the given width, as tall as keeps north–south and east–west distances alike. */
export function viewOf(bounds: Bounds, width: number): MapView {
  const midLat = (bounds.minLat + bounds.maxLat) / 2;
  const wide = (bounds.maxLng - bounds.minLng) * Math.cos((midLat * Math.PI) / 180);
  const tall = bounds.maxLat - bounds.minLat;
  return { bounds, width, height: Math.round((width * tall) / wide) };
}

export function padded(bounds: Bounds, degrees: number): Bounds {
  return {
    minLat: bounds.minLat - degrees,
    maxLat: bounds.maxLat + degrees,
    minLng: bounds.minLng - degrees,
    maxLng: bounds.maxLng + degrees,
  };
}

/** The whole city with a margin, at the given width. */
export function cityView(width: number): MapView {
  return viewOf(padded(cityMap().extent, 0.008), width);
}

/**
 * A close view centred on a point, `spanKm` across north–south; it is not moved to stay inside the city, so
 * the point is always in the middle.
 */
export function viewAround(centre: LngLat, spanKm: number, width: number, height: number): MapView {
  const halfLat = spanKm / 2 / 111.32;
  const halfLng = (halfLat * width) / height / Math.cos((centre.lat * Math.PI) / 180);
  return {
    bounds: {
      minLat: centre.lat - halfLat,
      maxLat: centre.lat + halfLat,
      minLng: centre.lng - halfLng,
      maxLng: centre.lng + halfLng,
    },
    width,
    height,
  };
}

export function toPixel(view: MapView, p: LngLat): { x: number; y: number } {
  const { bounds: b, width, height } = view;
  if (view.projection === 'mercator') {
    const [nw, se, at] = [
      worldOf({ lat: b.maxLat, lng: b.minLng }),
      worldOf({ lat: b.minLat, lng: b.maxLng }),
      worldOf(p),
    ];
    return { x: ((at.x - nw.x) / (se.x - nw.x)) * width, y: ((at.y - nw.y) / (se.y - nw.y)) * height };
  }
  return {
    x: ((p.lng - b.minLng) / (b.maxLng - b.minLng)) * width,
    y: ((b.maxLat - p.lat) / (b.maxLat - b.minLat)) * height,
  };
}

/** The point under a pixel; coordinates rounded to 5 decimals (about a metre), as the directory keeps them. */
export function fromPixel(view: MapView, x: number, y: number): LngLat {
  const { bounds: b, width, height } = view;
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  if (view.projection === 'mercator') {
    const [nw, se] = [worldOf({ lat: b.maxLat, lng: b.minLng }), worldOf({ lat: b.minLat, lng: b.maxLng })];
    const p = lngLatOfWorld(nw.x + (x / width) * (se.x - nw.x), nw.y + (y / height) * (se.y - nw.y));
    return { lng: round(p.lng), lat: round(p.lat) };
  }
  return {
    lng: round(b.minLng + (x / width) * (b.maxLng - b.minLng)),
    lat: round(b.maxLat - (y / height) * (b.maxLat - b.minLat)),
  };
}

/** An SVG path for a ring or a line in the view, to one decimal of a pixel. */
export function pathOf(
  view: MapView,
  points: readonly (readonly [number, number])[],
  closed: boolean,
): string {
  const steps = points.map(([lng, lat], i) => {
    const { x, y } = toPixel(view, { lat, lng });
    return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
  });
  return steps.join('') + (closed ? 'Z' : '');
}

/** Where a tile lies in a Mercator view, in the picture's pixels (to a hundredth, so neighbours meet). */
export function tilePlacement(
  view: MapView,
  tile: { z: number; x: number; y: number },
): { x: number; y: number; width: number; height: number } {
  const n = 2 ** tile.z;
  const nw = toPixel(view, lngLatOfWorld(tile.x / n, tile.y / n));
  const se = toPixel(view, lngLatOfWorld((tile.x + 1) / n, (tile.y + 1) / n));
  const round = (v: number) => Math.round(v * 100) / 100;
  const [x, y, right, bottom] = [round(nw.x), round(nw.y), round(se.x), round(se.y)];
  return { x, y, width: round(right - x), height: round(bottom - y) };
}
