import type { Lang } from '../i18n/index.ts';
import { districtAt, type LngLat } from './city.ts';
import { MapSvg } from './map-svg.tsx';
import { viewAround } from './projection.ts';
import type { MapTiles } from './tiles.ts';

/** A point someone gave (a tip's place), pinned on the few kilometres of the city around it. */
export function PointMap({
  at,
  lang,
  id,
  spanKm = 3,
  tiles,
}: {
  at: LngLat;
  lang: Lang;
  id: string;
  spanKm?: number;
  /** An outside tile service under the drawing (MAP_TILE_URL). */
  tiles?: MapTiles | undefined;
}) {
  const district = districtAt(at);
  const where = district ? (lang === 'en' ? `in ${district.nameEn}` : `在${district.name}`) : '';
  return (
    <MapSvg
      id={id}
      class="unit-map"
      view={viewAround(at, spanKm, 480, 280)}
      lang={lang}
      title={lang === 'en' ? `Map of the point ${where}` : `地点位置图（${where || '示范市以外'}）`}
      description={
        lang === 'en'
          ? `The red pin is at latitude ${at.lat}, longitude ${at.lng}; the map is about ${spanKm} km from top to bottom. North is up.`
          : `红色图钉位于纬度 ${at.lat}、经度 ${at.lng}，图上下约 ${spanKm} 公里，上为北。`
      }
      pin={at}
      tiles={tiles}
    />
  );
}
