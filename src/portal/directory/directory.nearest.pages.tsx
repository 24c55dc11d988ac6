import type { FieldError } from '../../shared/http/errors.ts';
import { MapSvg } from '../../shared/map/map-svg.tsx';
import { padded, viewOf } from '../../shared/map/projection.ts';
import type { LngLat } from '../../shared/map/city.ts';
import { Select } from '../../shared/ui/choices.tsx';
import { Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { Breadcrumb } from './directory.breadcrumb.tsx';
import { unitMarker, unitName } from './directory.map.tsx';
import type { Near, Place } from './directory.nearest.ts';
import { directoryKinds, kindWord } from './directory.words.ts';

// 离我最近: a typed place (or, with JavaScript, the browser's position as coordinates) and the units nearest
// to it, on the map and as a numbered list.

export function NearestForm({
  ctx,
  values,
  error,
}: {
  ctx: PageContext;
  values: { from?: string; of?: string };
  error?: string;
}) {
  return (
    <form class="form directory-nearest" method="get" action="/directory/nearest" novalidate>
      <TextField
        name="from"
        value={values.from ?? ''}
        label={inLang(ctx, '离我最近的单位：我在哪里', 'Nearest units: where are you?')}
        hint={inLang(
          ctx,
          '输入区名、道路或单位名称（如 湖滨路），或坐标（如 30.52, 114.31）',
          'A district, road or unit (e.g. Hubin), or coordinates (e.g. 30.52, 114.31)',
        )}
        error={error}
      />
      <button type="button" class="button button--secondary" data-geolocate="from" hidden>
        {inLang(ctx, '使用我的当前位置', 'Use my current position')}
      </button>
      <Select
        name="of"
        label={inLang(ctx, '要找的单位', 'Looking for')}
        value={values.of ?? ''}
        options={[
          { value: '', label: inLang(ctx, '任何单位', 'Any unit') },
          ...directoryKinds.map((k) => ({ value: k, label: kindWord(k, ctx.lang) })),
        ]}
      />
      <Button>{inLang(ctx, '查找最近的单位', 'Find the nearest')}</Button>
    </form>
  );
}

const distance = (ctx: PageContext, km: number) =>
  km < 1
    ? inLang(ctx, `约 ${Math.round(km * 1000)} 米`, `about ${Math.round(km * 1000)} m`)
    : inLang(ctx, `约 ${km.toFixed(1)} 公里`, `about ${km.toFixed(1)} km`);

function NearMap({ ctx, from, near }: { ctx: PageContext; from: LngLat; near: readonly Near[] }) {
  const points = [from, ...near.map((n) => ({ lat: n.unit.lat, lng: n.unit.lng }))];
  const bounds = padded(
    {
      minLat: Math.min(...points.map((p) => p.lat)),
      maxLat: Math.max(...points.map((p) => p.lat)),
      minLng: Math.min(...points.map((p) => p.lng)),
      maxLng: Math.max(...points.map((p) => p.lng)),
    },
    0.006,
  );
  return (
    <MapSvg
      id="nearest-map"
      class="city-map"
      view={viewOf(bounds, 560)}
      lang={ctx.lang}
      tiles={ctx.mapTiles}
      title={inLang(ctx, '您的位置和最近的单位', 'Where you are and the nearest units')}
      description={inLang(
        ctx,
        '红色图钉是您输入的位置，其他标记是最近的单位，顺序与下方列表相同。上为北。',
        'The red pin is the place you gave; the other markers are the nearest units, as in the list below. North is up.',
      )}
      markers={near.map((n, i) => unitMarker(ctx, n.unit, ` ${i + 1}. ${distance(ctx, n.km)}`))}
      pin={from}
    />
  );
}

export function nearestPage(p: {
  ctx: PageContext;
  values: { from?: string; of?: string };
  errors: FieldError[];
  place?: Place;
  near?: readonly Near[];
}): string {
  const { ctx } = p;
  const title = inLang(ctx, '离我最近的单位', 'Nearest units');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={p.errors.length > 0}>
      <Breadcrumb
        ctx={ctx}
        trail={[
          { href: '/', label: inLang(ctx, '首页', 'Home') },
          { href: '/directory', label: inLang(ctx, '机构名录', 'Police directory') },
          { label: title },
        ]}
      />
      <ErrorSummary errors={p.errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <NearestForm ctx={ctx} values={p.values} error={p.errors[0]?.message} />
      <p>
        <a href="/directory/officer">
          {inLang(ctx, '找片警：按住址查找您的社区民警', 'Find my community officer by address')}
        </a>
      </p>
      {p.place && p.near ? (
        <section aria-labelledby="near-heading">
          <h2 id="near-heading">
            {inLang(ctx, `离“${p.place.label}”最近的单位`, `Nearest to “${p.place.label}”`)}
          </h2>
          <p class="muted">
            {inLang(
              ctx,
              '按直线距离排列，实际路程可能更远。',
              'By straight-line distance; the way there may be longer.',
            )}
          </p>
          <div class="map-and-list">
            <NearMap ctx={ctx} from={p.place.at} near={p.near} />
            <ol class="directory-list nearest-list">
              {p.near.map((n) => (
                <li>
                  <a href={`/directory/${n.unit.code}`}>{unitName(ctx, n.unit)}</a>{' '}
                  <Tag tone="grey">{kindWord(n.unit.kind, ctx.lang)}</Tag>{' '}
                  <strong>{distance(ctx, n.km)}</strong>
                  <div class="muted">{n.unit.address}</div>
                  <div>
                    {inLang(ctx, '电话', 'Phone')}{' '}
                    <a href={`tel:${n.unit.phone.replace(/[^0-9+]/g, '')}`}>{n.unit.phone}</a>
                  </div>
                </li>
              ))}
            </ol>
          </div>
        </section>
      ) : null}
    </Layout>,
  );
}
