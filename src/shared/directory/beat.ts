// A community police office's responsibility area (辖区), as the organisation keeps it: the stretches of road
// it covers, by house-number range and side, and the residential compounds (小区) it covers by name. The
// workbench checks what an administrator types; the portal is sent the parsed lines and answers 找片警 from them.
//
// Grammar, one line each, Chinese name first, an English name after a slash if wanted:
//   湖滨路 1-200                 the road's numbers 1 to 200
//   湖滨东街/Hubin East Street 1-99 单   odd numbers only (双 for even; odd/even also accepted)
//   春晖小区/Chunhui Residential Compound   a compound, no numbers

export type Parity = 'all' | 'odd' | 'even';

export interface BeatRoad {
  road: string;
  roadEn: string | null;
  from: number;
  to: number;
  parity: Parity;
}

export interface BeatPlace {
  name: string;
  nameEn: string | null;
}

export interface Beat {
  roads: BeatRoad[];
  places: BeatPlace[];
}

export const BEAT_MAX_LINES = 40;
export const BEAT_NAME_MAX = 30;
export const BEAT_NAME_EN_MAX = 60;
export const HOUSE_NUMBER_MAX = 9999;

const LINE =
  /^([^/\d\s][^/\d]*?)(?:\s*\/\s*([A-Za-z][A-Za-z' .-]*?))?(?:\s+(\d{1,4})\s*-\s*(\d{1,4})\s*号?(?:\s*(单|双|odd|even))?)?$/;

/** The area, or the number (from 1) of the first line that does not follow the grammar. */
export function parseBeat(text: string): { beat: Beat } | { badLine: number } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const beat: Beat = { roads: [], places: [] };
  if (lines.length > BEAT_MAX_LINES) return { badLine: BEAT_MAX_LINES + 1 };
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line);
    const name = m?.[1]?.trim() ?? '';
    const nameEn = m?.[2]?.trim() || null;
    if (!m || [...name].length < 2 || [...name].length > BEAT_NAME_MAX) return { badLine: i + 1 };
    if (nameEn && nameEn.length > BEAT_NAME_EN_MAX) return { badLine: i + 1 };
    if (m[3] === undefined) {
      beat.places.push({ name, nameEn });
      continue;
    }
    const from = Number(m[3]);
    const to = Number(m[4]);
    if (from < 1 || to < from) return { badLine: i + 1 };
    const side = m[5];
    const parity: Parity =
      side === '单' || side === 'odd' ? 'odd' : side === '双' || side === 'even' ? 'even' : 'all';
    beat.roads.push({ road: name, roadEn: nameEn, from, to, parity });
  }
  return { beat };
}

/** The area as the form shows it, one line each, in the grammar parseBeat reads. */
export function formatBeat(beat: Beat | null): string {
  if (!beat) return '';
  const named = (zh: string, en: string | null) => (en ? `${zh}/${en}` : zh);
  return [
    ...beat.roads.map(
      (r) =>
        `${named(r.road, r.roadEn)} ${r.from}-${r.to}` +
        (r.parity === 'odd' ? ' 单' : r.parity === 'even' ? ' 双' : ''),
    ),
    ...beat.places.map((p) => named(p.name, p.nameEn)),
  ].join('\n');
}

/** Whether a house number lies on the stretch, on its side. */
export function coversNumber(road: BeatRoad, no: number): boolean {
  if (no < road.from || no > road.to) return false;
  return road.parity === 'all' || (road.parity === 'odd') === (no % 2 === 1);
}
