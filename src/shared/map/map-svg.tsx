import type { Child } from 'hono/jsx';
import type { Lang } from '../i18n/index.ts';
import { cityMap, type LngLat } from './city.ts';
import { inMercator, pathOf, tilePlacement, toPixel, type MapView } from './projection.ts';
import { tilesCovering, tileUrl, zoomFor, type MapTiles } from './tiles.ts';

// The base map drawn as SVG on the server: districts, water, the river and the district names, then markers.
// Colours are SVG attributes rather than styles (the pages' CSP allows no inline styles) and every marker
// differs from the others by shape as well as colour, so the legend reads without colour vision.

export type MarkerShape = 'circle' | 'dot' | 'square' | 'triangle' | 'diamond' | 'star' | 'hexagon';

export interface MarkerStyle {
  shape: MarkerShape;
  colour: string;
}

export interface MapMarker {
  at: LngLat;
  style: MarkerStyle;
  /** The accessible name; a marker with an address is a link. */
  label: string;
  href?: string;
}

const DISTRICT_FILLS = ['#e8efe2', '#f3ecdc', '#e6ecf4', '#f1e4e6', '#ebe7f3', '#e3efee'];
const INK = '#1b1b1b';

/** The path of a marker's shape, centred on 0,0, about `r` in radius. */
export function shapePath(shape: MarkerShape, r: number): string {
  const round = (n: number) => n.toFixed(1);
  const polygon = (corners: number, radius: (i: number) => number, turn = -Math.PI / 2) =>
    Array.from({ length: corners }, (_, i) => {
      const a = turn + (i * 2 * Math.PI) / corners;
      return `${i === 0 ? 'M' : 'L'}${round(Math.cos(a) * radius(i))} ${round(Math.sin(a) * radius(i))}`;
    }).join('') + 'Z';
  switch (shape) {
    case 'circle':
      return `M${-r} 0a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
    case 'dot':
      return shapePath('circle', r * 0.7);
    case 'square':
      return `M${-r * 0.85} ${-r * 0.85}h${r * 1.7}v${r * 1.7}h${-r * 1.7}Z`;
    case 'triangle':
      return polygon(3, () => r * 1.2);
    case 'diamond':
      return polygon(4, () => r * 1.15);
    case 'star':
      return polygon(10, (i) => (i % 2 === 0 ? r * 1.3 : r * 0.6));
    case 'hexagon':
      return polygon(6, () => r, 0);
  }
}

/** The outside service's tiles covering the view (a Mercator one), as plain images: no script places them. */
export function TileLayer({ view, tiles }: { view: MapView; tiles: MapTiles }) {
  const z = zoomFor(view.bounds, view.width, tiles.maxZoom);
  return (
    <g class="map-tiles">
      {tilesCovering(view.bounds, z).map((tile) => {
        const at = tilePlacement(view, tile);
        return (
          <image
            href={tileUrl(tiles, tile.z, tile.x, tile.y)}
            x={at.x}
            y={at.y}
            width={at.width}
            height={at.height}
            preserveAspectRatio="none"
          />
        );
      })}
    </g>
  );
}

/**
 * The districts, the lake and the river, with the district names: the part every map of the city shares. Over
 * an outside service's tiles only the district outlines and names are drawn, lightly tinted, as the tiles show
 * the land and the water themselves.
 */
export function BaseLayers({
  view,
  lang,
  labels = true,
  tiles,
}: {
  view: MapView;
  lang: Lang;
  labels?: boolean;
  tiles?: MapTiles | undefined;
}) {
  const city = cityMap();
  const fontSize = Math.max(12, Math.min(22, view.width / 30));
  return (
    // A picture shown on its own has no page styles, so the face is named here.
    <g
      aria-hidden="true"
      font-family="'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
    >
      <rect x="0" y="0" width={view.width} height={view.height} fill="#f7f7f4" />
      {tiles ? <TileLayer view={view} tiles={tiles} /> : null}
      {city.districts.map((d, i) => (
        <path
          d={pathOf(view, d.ring, true)}
          fill={DISTRICT_FILLS[i % DISTRICT_FILLS.length]}
          fill-opacity={tiles ? '0.18' : undefined}
          stroke={tiles ? '#4f5a66' : '#8a939c'}
          stroke-width={tiles ? '2' : '1.2'}
          stroke-linejoin="round"
        />
      ))}
      {tiles
        ? null
        : city.water.map((w) => (
            <path d={pathOf(view, w.ring, true)} fill="#b9d5ec" stroke="#7fa9cc" stroke-width="0.8" />
          ))}
      {tiles
        ? null
        : city.rivers.map((r) => (
            <path
              d={pathOf(view, r.line, false)}
              fill="none"
              stroke="#9cc2e2"
              stroke-width="4"
              stroke-linecap="round"
              stroke-linejoin="round"
            />
          ))}
      {labels
        ? city.districts.map((d) => {
            const { x, y } = toPixel(view, d.labelAt);
            return (
              <text
                x={x.toFixed(1)}
                y={y.toFixed(1)}
                text-anchor="middle"
                font-size={fontSize.toFixed(0)}
                font-weight="bold"
                fill="#3d4750"
                stroke="#ffffff"
                stroke-width="3"
                paint-order="stroke"
              >
                {lang === 'en' ? d.nameEn : d.name}
              </text>
            );
          })
        : null}
      <text
        x={view.width - 10}
        y="20"
        text-anchor="end"
        font-size="13"
        font-weight="bold"
        fill={INK}
        stroke="#ffffff"
        stroke-width="3"
        paint-order="stroke"
      >
        {lang === 'en' ? 'N ↑' : '北 ↑'}
      </text>
      {tiles ? (
        <text
          class="map-attribution"
          x={view.width - 4}
          y={view.height - 5}
          text-anchor="end"
          font-size="11"
          fill={INK}
          stroke="#ffffff"
          stroke-width="3"
          paint-order="stroke"
        >
          {tiles.attribution}
        </text>
      ) : null}
    </g>
  );
}

/** What the description says of the tiles under the drawing, so their source is credited in words too. */
export function attributionText(tiles: MapTiles, lang: Lang): string {
  return lang === 'en' ? `Base map: ${tiles.attribution}.` : `底图：${tiles.attribution}。`;
}

function Marker({ view, marker, radius }: { view: MapView; marker: MapMarker; radius: number }) {
  const { x, y } = toPixel(view, marker.at);
  const shape = (
    <path
      d={shapePath(marker.style.shape, radius)}
      transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}
      fill={marker.style.colour}
      stroke="#ffffff"
      stroke-width="1.5"
    />
  );
  if (!marker.href)
    return (
      <g role="img" aria-label={marker.label}>
        {shape}
      </g>
    );
  return (
    <a href={marker.href} class="map-marker" aria-label={marker.label}>
      <title>{marker.label}</title>
      {shape}
    </a>
  );
}

/** The red pin of a chosen point or of "where I am", drawn over everything else. */
export function Pin({ view, at }: { view: MapView; at: LngLat }) {
  const { x, y } = toPixel(view, at);
  return (
    <g transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`} aria-hidden="true">
      <path
        d="M0 0C-3-7-9-11-9-17a9 9 0 0 1 18 0c0 6-6 10-9 17Z"
        fill="#b4231a"
        stroke="#ffffff"
        stroke-width="2"
      />
      <circle cx="0" cy="-17" r="3.2" fill="#ffffff" />
    </g>
  );
}

export interface MapSvgProps {
  view: MapView;
  lang: Lang;
  /** The picture's accessible name and its longer description. */
  title: string;
  description?: string;
  id: string;
  markers?: readonly MapMarker[];
  pin?: LngLat | undefined;
  markerRadius?: number;
  class?: string;
  /** A standalone document (an image's src) needs the SVG namespace and its own size. */
  standalone?: boolean;
  /**
   * An outside service's tiles to draw under the points (MAP_TILE_URL); the view is then Web Mercator. Never for
   * a standalone picture: a browser loads nothing from elsewhere inside an SVG shown as an image.
   */
  tiles?: MapTiles | undefined;
  children?: Child;
}

export function MapSvg(p: MapSvgProps) {
  const tiles = p.standalone ? undefined : p.tiles;
  const view = tiles ? inMercator(p.view) : p.view;
  const description = tiles
    ? [p.description, attributionText(tiles, p.lang)].filter(Boolean).join(p.lang === 'en' ? ' ' : '')
    : p.description;
  const interactive = p.markers?.some((m) => m.href);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class={p.class}
      viewBox={`0 0 ${view.width} ${view.height}`}
      width={p.standalone ? view.width : undefined}
      height={p.standalone ? view.height : undefined}
      // With links inside, the picture is a group one can enter; without, a single image.
      role={interactive ? 'group' : 'img'}
      aria-labelledby={`${p.id}-title`}
      aria-describedby={description ? `${p.id}-desc` : undefined}
    >
      <title id={`${p.id}-title`}>{p.title}</title>
      {description ? <desc id={`${p.id}-desc`}>{description}</desc> : null}
      <BaseLayers view={view} lang={p.lang} tiles={tiles} />
      {p.markers?.map((m) => (
        <Marker view={view} marker={m} radius={p.markerRadius ?? 6} />
      ))}
      {p.pin ? <Pin view={view} at={p.pin} /> : null}
      {p.children}
    </svg>
  );
}
