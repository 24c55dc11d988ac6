import { cityMap, type Bounds } from '../../shared/map/city.ts';
import { MapSvg, shapePath, type MapMarker, type MarkerStyle } from '../../shared/map/map-svg.tsx';
import { cityView, padded, viewAround, viewOf, type MapView } from '../../shared/map/projection.ts';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import type { DirectoryUnit } from './directory.repository.ts';
import { directoryKinds, kindWord, type DirectoryUnitKind } from './directory.words.ts';

// The directory's units on the city's base map: one marker per unit, a link to its page named by its name and
// kind, shaped and coloured by kind as the legend shows.

export const kindStyles: Record<DirectoryUnitKind, MarkerStyle> = {
  bureau: { shape: 'star', colour: '#8c1d18' },
  'sub-bureau': { shape: 'square', colour: '#1d3f6e' },
  station: { shape: 'circle', colour: '#1f5fae' },
  'community-office': { shape: 'dot', colour: '#2e7032' },
  department: { shape: 'diamond', colour: '#4f5a66' },
  'traffic-site': { shape: 'triangle', colour: '#a34f00' },
  'exit-entry-office': { shape: 'hexagon', colour: '#6f3a99' },
};

export const unitName = (ctx: PageContext, u: Pick<DirectoryUnit, 'name' | 'nameEn'>) =>
  ctx.lang === 'en' && u.nameEn ? u.nameEn : u.name;

export function unitMarker(ctx: PageContext, u: DirectoryUnit, extra = ''): MapMarker {
  return {
    at: { lat: u.lat, lng: u.lng },
    style: kindStyles[u.kind],
    label:
      ctx.lang === 'en'
        ? `${unitName(ctx, u)} (${kindWord(u.kind, 'en')})${extra}`
        : `${u.name}（${kindWord(u.kind, 'zh')}）${extra}`,
    href: `/directory/${u.code}`,
  };
}

function ringBounds(ring: readonly (readonly [number, number])[]): Bounds {
  return {
    minLat: Math.min(...ring.map((p) => p[1])),
    maxLat: Math.max(...ring.map((p) => p[1])),
    minLng: Math.min(...ring.map((p) => p[0])),
    maxLng: Math.max(...ring.map((p) => p[0])),
  };
}

/** The whole city, or the chosen district close up. */
export function directoryView(district: string | undefined, width = 640): MapView {
  const outline = district ? cityMap().districts.find((d) => d.name === district) : undefined;
  return outline ? viewOf(padded(ringBounds(outline.ring), 0.006), width) : cityView(width);
}

/** The symbols of the kinds on the map, with how many of each are shown. */
export function MapLegend({ ctx, units }: { ctx: PageContext; units: readonly DirectoryUnit[] }) {
  const shown = directoryKinds.filter((k) => units.some((u) => u.kind === k));
  return (
    <div class="map-legend">
      <h3>{inLang(ctx, '图例', 'Key')}</h3>
      <ul>
        {shown.map((k) => (
          <li>
            <svg viewBox="-10 -10 20 20" width="20" height="20" aria-hidden="true" focusable="false">
              <path d={shapePath(kindStyles[k].shape, 6)} fill={kindStyles[k].colour} stroke="#ffffff" />
            </svg>{' '}
            {kindWord(k, ctx.lang)} <span class="muted">({units.filter((u) => u.kind === k).length})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The directory's map: the filtered units as links, a way past them for keyboards, and the legend. */
export function DirectoryMap({
  ctx,
  units,
  district,
  listId,
}: {
  ctx: PageContext;
  units: readonly DirectoryUnit[];
  district: string | undefined;
  listId: string;
}) {
  const view = directoryView(district);
  return (
    <figure class="directory-map">
      <a class="map-skip" href={`#${listId}`}>
        {inLang(ctx, '跳过地图，查看单位列表', 'Skip the map and go to the list of units')}
      </a>
      <MapSvg
        id="directory-map"
        class="city-map"
        view={view}
        lang={ctx.lang}
        tiles={ctx.mapTiles}
        title={inLang(
          ctx,
          `示范市公安机构地图，共 ${units.length} 个单位`,
          `Map of the police units of Shifan City, ${units.length} shown`,
        )}
        description={inLang(
          ctx,
          '上为北。每个标记是一个单位，可以打开它的页面；地图下方的列表内容相同。',
          'North is up. Each marker is a unit and opens its page; the list beside the map holds the same units.',
        )}
        markers={units.map((u) => unitMarker(ctx, u))}
      />
      <figcaption>
        <MapLegend ctx={ctx} units={units} />
      </figcaption>
    </figure>
  );
}

/** A unit's page: the map a few kilometres around it, the unit as the pin and its neighbours as links. */
export function UnitMap({
  ctx,
  unit,
  around,
}: {
  ctx: PageContext;
  unit: DirectoryUnit;
  around: readonly DirectoryUnit[];
}) {
  const view = viewAround({ lat: unit.lat, lng: unit.lng }, 4, 480, 320);
  const others = around.filter((u) => u.code !== unit.code);
  return (
    <MapSvg
      id="unit-map"
      class="unit-map"
      view={view}
      lang={ctx.lang}
      tiles={ctx.mapTiles}
      title={inLang(ctx, `${unit.name}位置图`, `Map of where ${unitName(ctx, unit)} is`)}
      description={inLang(
        ctx,
        `红色图钉是本单位，图中约 4 公里见方；其他标记是附近单位，可以打开它们的页面。上为北。`,
        `The red pin is this unit; the map is about 4 km across. Other markers are nearby units and open their pages. North is up.`,
      )}
      markers={others.map((u) => unitMarker(ctx, u))}
      markerRadius={7}
      pin={{ lat: unit.lat, lng: unit.lng }}
    />
  );
}
