import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../shared/db/database.ts';
import { ratingChannels, type RatingChannel } from '../../exchange/contracts/index.ts';
import { beijingMonth, type Units } from './statistics.repository.ts';

// 好差评 in the figures, by the channel each rating came through (online, the SMS link, the window). A rating
// set aside as malicious by a reviewed decision leaves the counts and the average; it is shown apart, so the
// figures say how many were taken out.

export interface ChannelLine {
  channel: RatingChannel | 'total';
  /** Ratings counted: given or defaulted, and not set aside. */
  counted: number;
  /** Average level of the counted ratings (1 to 5), null when none. */
  averageLevel: number | null;
  /** Counted ratings of level 1 or 2 (差评). */
  bad: number;
  /** Counted ratings recorded as the default when the period passed. */
  defaulted: number;
  /** Ratings set aside as malicious: not in the counts above. */
  setAside: number;
}

/** The ratings of one unit, one Beijing month and one channel. */
export interface RatingTally {
  month: string;
  unitCode: string;
  channel: RatingChannel;
  counted: number;
  levelSum: number;
  bad: number;
  defaulted: number;
  setAside: number;
}

/** The ratings of the units named, given since `from` and before `to`, by month, unit and channel. */
export async function ratingTallies(
  ex: Executor,
  units: Units,
  from: Date,
  to: Date,
): Promise<RatingTally[]> {
  if (units !== 'all' && units.length === 0) return [];
  const unitFilter =
    units === 'all'
      ? sql`unit_code IS NOT NULL`
      : sql`unit_code IN (${sql.join(
          units.map((u) => sql`${u}`),
          sql`, `,
        )})`;
  const found = rows<{
    month: string;
    unit_code: string;
    channel: RatingChannel;
    counted: number;
    level_sum: number;
    bad: number;
    defaulted: number;
    set_aside: number;
  }>(
    await ex.execute(sql`
      SELECT ${beijingMonth(sql`rated_at`)} AS month, unit_code, channel,
        count(*) FILTER (WHERE NOT set_aside)::int AS counted,
        coalesce(sum(level) FILTER (WHERE NOT set_aside), 0)::int AS level_sum,
        count(*) FILTER (WHERE NOT set_aside AND level <= 2)::int AS bad,
        count(*) FILTER (WHERE NOT set_aside AND defaulted)::int AS defaulted,
        count(*) FILTER (WHERE set_aside)::int AS set_aside
      FROM ratings
      WHERE ${unitFilter} AND rated_at >= ${from.toISOString()} AND rated_at < ${to.toISOString()}
      GROUP BY 1, 2, 3`),
  );
  return found.map((r) => ({
    month: r.month,
    unitCode: r.unit_code,
    channel: r.channel,
    counted: Number(r.counted),
    levelSum: Number(r.level_sum),
    bad: Number(r.bad),
    defaulted: Number(r.defaulted),
    setAside: Number(r.set_aside),
  }));
}

/** A line per channel and a total line, added up from the tallies given (already cut to units and months). */
export function channelLines(found: readonly RatingTally[]): ChannelLine[] {
  const line = (channel: ChannelLine['channel'], of: readonly RatingTally[]): ChannelLine => {
    const sum = (k: 'counted' | 'levelSum' | 'bad' | 'defaulted' | 'setAside') =>
      of.reduce((n, r) => n + r[k], 0);
    const counted = sum('counted');
    return {
      channel,
      counted,
      averageLevel: counted ? Math.round((sum('levelSum') / counted) * 100) / 100 : null,
      bad: sum('bad'),
      defaulted: sum('defaulted'),
      setAside: sum('setAside'),
    };
  };
  return [
    ...ratingChannels.map((c) =>
      line(
        c,
        found.filter((r) => r.channel === c),
      ),
    ),
    line('total', found),
  ];
}

/** The ratings of the units named, given since `from` and before `to`, by channel, with a total line. */
export async function ratingsByChannel(
  ex: Executor,
  units: readonly string[],
  from: Date,
  to: Date,
): Promise<ChannelLine[]> {
  return channelLines(await ratingTallies(ex, units, from, to));
}
