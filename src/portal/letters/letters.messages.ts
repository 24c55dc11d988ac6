import type { PublicLetterStatus } from '../../exchange/contracts/index.ts';
import type { Lang } from '../../shared/i18n/index.ts';

// The letter pages' own words: field refusals by key, statuses and steps, in both languages.

const fieldWords = {
  'letters.topic': { zh: '请选择信件涉及的事项', en: 'Choose what the letter is about' },
  'letters.subject': { zh: '请填写标题（100字以内）', en: 'Enter a title (up to 100 characters)' },
  'letters.body': { zh: '请填写内容（5000字以内）', en: 'Write your letter (up to 5,000 characters)' },
  'letters.place': {
    zh: '地点请填写地址，或填写“纬度, 经度”形式的坐标（200字以内）',
    en: 'Enter an address, or coordinates as “latitude, longitude” (up to 200 characters)',
  },
  'letters.concernedUnit': { zh: '单位名称请在100字以内', en: 'Keep the unit’s name under 100 characters' },
  'letters.publish': {
    zh: '请选择答复是否可以公开',
    en: 'Choose whether the reply may be published',
  },
  'letters.text': {
    zh: '请填写补充的内容（2000字以内）',
    en: 'Write what you want to add (up to 2,000 characters)',
  },
  'letters.code': {
    zh: '查询码不正确，或没有对应的举报。请核对后重新输入。',
    en: 'That code is not right, or no report goes with it. Check it and type it again.',
  },
  'letters.closed': {
    zh: '该信件已办结，不能再补充。如有新情况请重新来信。',
    en: 'This letter is closed, so nothing more can be added. Write again if something new has happened.',
  },
  'letters.location': {
    zh: '坐标请同时填写纬度（-90到90）和经度（-180到180），例如 30.52 和 114.31',
    en: 'Give both a latitude (−90 to 90) and a longitude (−180 to 180), for example 30.52 and 114.31',
  },
  'letters.outsideCity': {
    zh: '坐标不在示范市范围内（纬度约 30.37—30.67，经度约 114.16—114.49），请检查是否写反了纬度和经度',
    en: 'These coordinates are outside Shifan City (latitude about 30.37–30.67, longitude about 114.16–114.49); check that latitude comes first',
  },
  'letters.pickOutside': {
    zh: '您点击的位置不在示范市范围内，请点击地图上有颜色的城区',
    en: 'The point you clicked is outside Shifan City: click inside the coloured districts',
  },
  'letters.pickBad': {
    zh: '没有读到您在地图上点击的位置，请再点击一次',
    en: 'The point you clicked on the map could not be read: click it again',
  },
  'letters.photoCount': { zh: '最多上传5张照片', en: 'Send at most 5 photos' },
  'letters.photoSize': {
    zh: '照片“{name}”超过5MB，请重新选择',
    en: 'Photo “{name}” is larger than 5 MB: choose it again smaller',
  },
  'letters.photoType': {
    zh: '“{name}”不是JPG或PNG照片，请重新选择',
    en: '“{name}” is not a JPG or PNG photo: choose another',
  },
  'letters.photoBroken': {
    zh: '照片“{name}”已损坏，无法读取，请重新选择',
    en: 'Photo “{name}” is damaged and cannot be read: choose it again',
  },
} as const;

/** A field refusal's words; a key may carry values after a bar (`letters.photoSize|name=a.jpg`). */
export function letterWords(lang: Lang, key: string): string | undefined {
  const [bare = '', ...params] = key.split('|');
  const words = (fieldWords as Record<string, { zh: string; en: string }>)[bare]?.[lang];
  if (!words) return undefined;
  const values = new Map(params.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  return words.replace(/\{(\w+)\}/g, (_, name: string) => values.get(name) ?? '');
}

export const statusWords: Record<PublicLetterStatus, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Sent' },
  'in-progress': { zh: '办理中', en: 'Being handled' },
  forwarded: { zh: '已转办', en: 'Passed on' },
  replied: { zh: '已答复', en: 'Answered' },
  transferred: { zh: '已转12345', en: 'Passed to 12345' },
};

const stepNames: Record<string, { zh: string; en: string }> = {
  submitted: { zh: '您提交了信件', en: 'You sent the letter' },
  routed: { zh: '信件已交办理单位', en: 'The letter reached the unit handling it' },
  reclassified: {
    zh: '民警调整了信件类型，信件已按新类型重新交办',
    en: 'An officer changed the kind of the letter; it went to the unit for that kind',
  },
  forwarded: { zh: '信件已转其他单位办理', en: 'The letter was passed on to another unit' },
  replied: { zh: '办理单位已答复', en: 'The unit answered' },
  'transferred-12345': {
    zh: '信件已转12345政务服务便民热线办理',
    en: 'The letter was passed to the 12345 government service hotline',
  },
  'transferred-other': {
    zh: '该事项不属于公安机关职责，已说明理由并移交有关部门',
    en: 'This is not a police matter: it was handed to the department responsible, with the reasons',
  },
  supplemented: { zh: '您补充了情况', en: 'You added information' },
  'due-recounted': {
    zh: '节假日安排公布后，答复期限已重新计算',
    en: 'The answer date was counted again on the published holiday schedule',
  },
};

export function stepWords(step: string, lang: Lang): string {
  return stepNames[step]?.[lang] ?? step;
}
