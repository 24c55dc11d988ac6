import { langOf } from '../../shared/ui/as-written.tsx';
import type { WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import { parseSchedule, todayStatus, type TodayStatus } from '../../shared/directory/schedule.ts';
import { Select } from '../../shared/ui/choices.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { SummaryList, Tag } from '../../shared/ui/components.tsx';
import { Button, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { DirectoryFilter, DirectoryUnit } from './directory.repository.ts';
import { Breadcrumb } from './directory.breadcrumb.tsx';
import { DirectoryMap, UnitMap, unitName } from './directory.map.tsx';
import { NearestForm } from './directory.nearest.pages.tsx';
import { describeRoad } from './directory.officer.ts';
import { directoryKinds, kindWord } from './directory.words.ts';

// 机构名录: the public-facing units on the city's map and, beside it, the same units as a list grouped by
// district; one unit's page with its hours, services and the map around it. No map tiles can be fetched (the
// site loads nothing from outside), so the maps are drawn here, and a geo: link hands the coordinates to
// whatever map app the visitor's device has.

const nameOf = unitName;

const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

// Districts, addresses and opening hours are kept in Chinese only: on English pages they are marked so, for
// screen readers to switch voice, and a line says so.
const zhData = (ctx: PageContext, text: string) =>
  ctx.lang === 'en' && text ? <span lang="zh-CN">{text}</span> : text;

function ChineseDataNote({ ctx }: { ctx: PageContext }) {
  return ctx.lang === 'en' ? (
    <p class="hint">Districts, addresses and opening hours are given in Chinese, as they are signposted.</p>
  ) : null;
}

export function directoryListPage(p: {
  ctx: PageContext;
  units: DirectoryUnit[];
  districts: string[];
  filter: DirectoryFilter;
}): string {
  const { ctx, units, filter } = p;
  const title = inLang(ctx, '机构名录', 'Police directory');
  const groups = new Map<string, DirectoryUnit[]>();
  for (const u of units) groups.set(u.district, [...(groups.get(u.district) ?? []), u]);
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Breadcrumb ctx={ctx} trail={[{ href: '/', label: inLang(ctx, '首页', 'Home') }, { label: title }]} />
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          '示范市公安局对外办公的单位：分局、派出所、社区警务室、出入境和交管服务点。紧急情况请拨打 110。',
          'The units of the Shifan City Public Security Bureau that receive the public. In an emergency call 110.',
        )}
      </p>
      <ChineseDataNote ctx={ctx} />
      <div class="directory-forms">
        <form class="form directory-filter" method="get" action="/directory" role="search">
          <Select
            name="district"
            label={inLang(ctx, '所在区', 'District')}
            value={filter.district ?? ''}
            options={[
              { value: '', label: inLang(ctx, '全部区', 'All districts') },
              ...p.districts.map((d) => ({ value: d, label: d, lang: langOf(ctx.lang, d) })),
            ]}
          />
          <Select
            name="kind"
            label={inLang(ctx, '类别', 'Kind')}
            value={filter.kind ?? ''}
            options={[
              { value: '', label: inLang(ctx, '全部类别', 'All kinds') },
              ...directoryKinds.map((k) => ({ value: k, label: kindWord(k, ctx.lang) })),
            ]}
          />
          <TextField
            name="q"
            type="search"
            value={filter.q ?? ''}
            label={inLang(ctx, '名称或地址', 'Name or address')}
            hint={inLang(ctx, '如 湖滨、出入境', 'e.g. Hubin, exit-entry')}
          />
          <Button>{inLang(ctx, '查找', 'Find')}</Button>
        </form>
        <NearestForm ctx={ctx} values={{}} />
      </div>
      <p>
        <a href="/directory/officer">
          {inLang(ctx, '找片警：按住址查找您的社区民警', 'Find my community officer by address')}
        </a>
      </p>
      <p role="status">
        {inLang(
          ctx,
          `共找到 ${units.length} 个单位。`,
          units.length === 1 ? '1 unit found.' : `${units.length} units found.`,
        )}
      </p>
      <div class="map-and-list">
        <DirectoryMap ctx={ctx} units={units} district={filter.district} listId="unit-list" />
        <div id="unit-list" class="unit-list" tabindex={-1}>
          {[...groups].map(([district, list]) => (
            <section aria-labelledby={`d-${list[0]!.code}`}>
              <h2 id={`d-${list[0]!.code}`}>
                {district ? zhData(ctx, district) : inLang(ctx, '其他', 'Other')}
              </h2>
              <ul class="directory-list">
                {list.map((u) => (
                  <li>
                    <a href={`/directory/${u.code}`}>{nameOf(ctx, u)}</a>{' '}
                    <Tag tone="grey">{kindWord(u.kind, ctx.lang)}</Tag>
                    <div class="muted">{zhData(ctx, u.address)}</div>
                    <div>
                      {inLang(ctx, '电话', 'Phone')} <a href={telHref(u.phone)}>{u.phone}</a>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
    </Layout>,
  );
}

function todayText(ctx: PageContext, status: TodayStatus | undefined): string {
  if (!status) return inLang(ctx, '以上述办公时间为准', 'See the opening hours above');
  switch (status.kind) {
    case 'always':
      return inLang(ctx, '全天开放', 'Open all day');
    case 'holiday':
      return inLang(ctx, '今天是法定节假日，窗口不办公', 'Today is a public holiday: the counter is closed');
    case 'closed-today':
      return inLang(ctx, '今天窗口不办公', 'The counter is closed today');
    case 'hours': {
      const times = status.ranges.map((r) => `${r.from}—${r.to}`).join(inLang(ctx, '，', ', '));
      return status.openNow
        ? inLang(ctx, `今天 ${times} 开放，现在正在办公`, `Open today ${times}; open now`)
        : inLang(ctx, `今天 ${times} 开放，现在不在办公时间`, `Open today ${times}; closed at the moment`);
    }
  }
}

/** A community office's officer and area (找片警), so its own page answers "who is my officer" too. */
function BeatSection({ ctx, unit }: { ctx: PageContext; unit: DirectoryUnit }) {
  if (!unit.officerName && !unit.beat) return null;
  const roads = unit.beat?.roads ?? [];
  const places = unit.beat?.places ?? [];
  return (
    <>
      <h2>{inLang(ctx, '社区民警与负责区域', 'Community officer and area covered')}</h2>
      <SummaryList
        lang={ctx.lang}
        rows={[
          ...(unit.officerName
            ? [
                { key: inLang(ctx, '社区民警', 'Officer'), value: zhData(ctx, unit.officerName) },
                { key: inLang(ctx, '警号', 'Badge number'), value: unit.officerBadge ?? '' },
              ]
            : []),
          {
            key: inLang(ctx, '负责区域', 'Area covered'),
            value: (
              <ul class="plain-list">
                {roads.map((r) => (
                  <li>{describeRoad(r, ctx.lang)}</li>
                ))}
                {places.map((pl) => (
                  <li>{ctx.lang === 'en' ? (pl.nameEn ?? pl.name) : pl.name}</li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <p>
        <a href="/directory/officer">
          {inLang(ctx, '按住址查找其他社区民警', 'Find the community officer for another address')}
        </a>
      </p>
    </>
  );
}

export function directoryUnitPage(p: {
  ctx: PageContext;
  unit: DirectoryUnit;
  around: DirectoryUnit[];
  services: { id: string; nameZh: string; nameEn: string }[];
  now: Date;
  calendar: WorkingDayCalendar;
}): string {
  const { ctx, unit } = p;
  const title = nameOf(ctx, unit);
  const schedule = parseSchedule(unit.schedule);
  const coords = `${unit.lat.toFixed(5)},${unit.lng.toFixed(5)}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Breadcrumb
        ctx={ctx}
        trail={[
          { href: '/', label: inLang(ctx, '首页', 'Home') },
          { href: '/directory', label: inLang(ctx, '机构名录', 'Police directory') },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      <p class="muted">
        {unit.parentName ? <>{zhData(ctx, unit.parentName)} · </> : null}
        {kindWord(unit.kind, ctx.lang)}
        {unit.district ? <> · {zhData(ctx, unit.district)}</> : null}
      </p>
      <ChineseDataNote ctx={ctx} />
      <SummaryList
        rows={[
          { key: inLang(ctx, '地址', 'Address'), value: zhData(ctx, unit.address) },
          { key: inLang(ctx, '电话', 'Phone'), value: <a href={telHref(unit.phone)}>{unit.phone}</a> },
          { key: inLang(ctx, '办公时间', 'Opening hours'), value: zhData(ctx, unit.hours) },
          {
            key: inLang(ctx, '今日', 'Today'),
            value: todayText(ctx, schedule ? todayStatus(schedule, p.now, p.calendar) : undefined),
          },
        ]}
      />
      <BeatSection ctx={ctx} unit={unit} />
      <h2>{inLang(ctx, '可办理的事项', 'Services handled here')}</h2>
      {p.services.length ? (
        <ul>
          {p.services.map((s) => (
            <li>
              <a href={`/services/items/${s.id}`}>{ctx.lang === 'en' ? s.nameEn : s.nameZh}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {inLang(
            ctx,
            '办事指南中暂未列出在此办理的事项，请电话咨询。',
            'No service guide names this place yet; please call to ask.',
          )}
        </p>
      )}
      <h2>{inLang(ctx, '位置', 'Location')}</h2>
      <p>
        {inLang(
          ctx,
          '下图是本单位周边的示意地图。需要导航时请用“打开地图”，由您手机或电脑上的地图应用打开。',
          'The map below shows the area around this unit. To find the way, use “Open in a map”: your phone or computer opens it in its map app.',
        )}
      </p>
      <UnitMap ctx={ctx} unit={unit} around={p.around} />
      <p>
        <a href={`geo:${coords}`}>{inLang(ctx, '打开地图', 'Open in a map')}</a>{' '}
        <span class="muted">
          {inLang(ctx, '坐标', 'Coordinates')} {coords}
        </span>
      </p>
    </Layout>,
  );
}
