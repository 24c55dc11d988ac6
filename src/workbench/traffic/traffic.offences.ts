// The offences the demo city's cameras record, with the points and fine of each (道路交通安全违法行为代码,
// abridged; the amounts are those of the demo city's schedule, in fen). A violation keeps its own points and
// fine as recorded, so a later change of this table never rewrites an old record.

export interface Offence {
  zh: string;
  en: string;
  points: number;
  fineFen: number;
}

export const offences: Readonly<Record<string, Offence>> = {
  '1625': { zh: '驾驶机动车违反道路交通信号灯通行', en: 'Running a red light', points: 6, fineFen: 20_000 },
  '1039': { zh: '机动车违反规定停放', en: 'Parking where it is not allowed', points: 0, fineFen: 15_000 },
  '1352': {
    zh: '驾驶机动车在城市道路上超过规定时速20%以上未达到50%',
    en: 'Speeding on a city road by 20% to under 50%',
    points: 6,
    fineFen: 20_000,
  },
  '1303': {
    zh: '驾驶机动车在高速公路超过规定时速未达20%',
    en: 'Speeding on an expressway by under 20%',
    points: 3,
    fineFen: 20_000,
  },
  '1344': {
    zh: '驾驶机动车违反禁令标志指示',
    en: 'Disobeying a prohibition sign',
    points: 3,
    fineFen: 10_000,
  },
  '1208': {
    zh: '驾驶机动车不按导向车道行驶',
    en: 'Not keeping to the lane for the direction taken',
    points: 2,
    fineFen: 10_000,
  },
  '6011': {
    zh: '驾驶人未按规定使用安全带',
    en: 'Driver not wearing a seat belt',
    points: 2,
    fineFen: 5_000,
  },
};

export function offenceOf(code: string): Offence {
  const offence = offences[code];
  // Only codes of this table are ever recorded (the seed and the tests take them from here).
  if (!offence) throw new Error(`unknown offence code ${code}`);
  return offence;
}

export const vehicleKinds = {
  'small-car': { zh: '小型汽车', en: 'Small car' },
  'large-car': { zh: '大型汽车', en: 'Large vehicle' },
  motorcycle: { zh: '摩托车', en: 'Motorcycle' },
} as const;
