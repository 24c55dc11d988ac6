import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../shared/db/database.ts';
import { ratingChannels, type RatingChannel } from '../../exchange/contracts/index.ts';

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

interface Row {
  channel: RatingChannel;
  counted: number;
  level_sum: number;
  bad: number;
  defaulted: number;
  set_aside: number;
}

/** The ratings of the units named, given since `from` and before `to`, by channel, with a total line. */
export async function ratingsByChannel(
  ex: Executor,
  units: readonly string[],
  from: Date,
  to: Date,
): Promise<ChannelLine[]> {
  const found = units.length
    ? rows<Row>(
        await ex.execute(sql`
          SELECT channel,
            count(*) FILTER (WHERE NOT set_aside)::int AS counted,
            coalesce(sum(level) FILTER (WHERE NOT set_aside), 0)::int AS level_sum,
            count(*) FILTER (WHERE NOT set_aside AND level <= 2)::int AS bad,
            count(*) FILTER (WHERE NOT set_aside AND defaulted)::int AS defaulted,
            count(*) FILTER (WHERE set_aside)::int AS set_aside
          FROM ratings
          WHERE unit_code IN (${sql.join(
            units.map((u) => sql`${u}`),
            sql`, `,
          )}) AND rated_at >= ${from.toISOString()} AND rated_at < ${to.toISOString()}
          GROUP BY channel`),
      )
    : [];
  const line = (channel: ChannelLine['channel'], of: Row[]): ChannelLine => {
    const sum = (k: keyof Omit<Row, 'channel'>) => of.reduce((n, r) => n + Number(r[k]), 0);
    const counted = sum('counted');
    return {
      channel,
      counted,
      averageLevel: counted ? Math.round((sum('level_sum') / counted) * 100) / 100 : null,
      bad: sum('bad'),
      defaulted: sum('defaulted'),
      setAside: sum('set_aside'),
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
