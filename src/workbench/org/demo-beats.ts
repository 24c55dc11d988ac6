import type { Beat } from '../../shared/directory/beat.ts';
import type { UnitRecord } from './demo-city.ts';

// Who covers what in the demo city: each community police office's responsibility area and its community
// officer (社区民警). Fictional like the rest of 示范市: the officers' names carry （演示）, the badge numbers
// the SF prefix of the demo staff. A station's road is shared out in runs of house numbers among its offices;
// where a station has two or more, its east street is split by side (odd numbers to the first, even to the
// second), as real beats often are; each office also covers two compounds named after its community.

export interface DemoBeat {
  code: string;
  beat: Beat;
  officerName: string;
  officerBadge: string;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
];
const GIVEN = [
  '建国',
  '志强',
  '晓东',
  '海燕',
  '伟',
  '静',
  '明',
  '秀英',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
];

/** The run of house numbers each office of a station covers on the station's road. */
export const NUMBERS_PER_OFFICE = 200;

export function demoBeats(units: readonly UnitRecord[]): DemoBeat[] {
  const out: DemoBeat[] = [];
  let n = 0;
  for (const station of units.filter((u) => u.kind === 'station')) {
    const offices = units.filter((u) => u.parentCode === station.code && u.kind === 'community-office');
    const street = /^(.+)派出所$/.exec(station.name)?.[1];
    const streetEn = /^(.+) Police Station$/.exec(station.nameEn)?.[1] ?? null;
    if (!street) continue;
    offices.forEach((office, i) => {
      const community = office.name.replace(/社区警务室$/, '');
      const communityEn = office.nameEn.replace(/ Community Police Office$/, '');
      const beat: Beat = {
        roads: [
          {
            road: `${street}路`,
            roadEn: streetEn && `${streetEn} Road`,
            from: i * NUMBERS_PER_OFFICE + 1,
            to: (i + 1) * NUMBERS_PER_OFFICE,
            parity: 'all',
          },
        ],
        places: [
          { name: `${community}小区`, nameEn: `${communityEn} Residential Compound` },
          { name: `${community}花园`, nameEn: `${communityEn} Gardens` },
        ],
      };
      if (offices.length >= 2 && i < 2)
        beat.roads.push({
          road: `${street}东街`,
          roadEn: streetEn && `${streetEn} East Street`,
          from: 1,
          to: 299,
          parity: i === 0 ? 'odd' : 'even',
        });
      out.push({
        code: office.code,
        beat,
        officerName: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}（演示）`,
        officerBadge: `SF${office.code.replace(/\D/g, '').padStart(5, '0').slice(-5)}`,
      });
      n++;
    });
  }
  return out;
}
