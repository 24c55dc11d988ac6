import type { MessageLookup } from '../../shared/http/forms.ts';
import { defineMessagesByLanguage } from '../../shared/i18n/index.ts';

const zh = {
  codeInvalid: '单位代码为2至40位大写字母、数字，可用短横线分段，如 SF-D01-P08',
  codeTaken: '已有单位使用该代码',
  parentRequired: '请选择上级单位',
  parentOutside: '只能选择您管辖范围内的上级单位',
  parentClosed: '该单位已撤销，不能作为上级单位',
  parentCycle: '不能移到本单位或其下级单位之下',
  parentSame: '该单位已在所选单位之下',
  kindRequired: '请选择单位类别',
  nameRequired: '请输入单位名称（2至60个字）',
  nameEnInvalid: '英文名称不超过120个字符',
  districtRequired: '对外公开的单位请填写所在区（不超过30个字）',
  addressRequired: '请输入地址（不超过120个字）',
  phoneInvalid: '请输入电话号码，如 0000-6101000（数字和短横线，3至30位）',
  hoursRequired: '请输入办公时间（不超过200个字）',
  scheduleInvalid: '开放时间格式不正确，例如 1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00，或 24h',
  latInvalid: '请输入纬度，-90至90之间的数字，如 30.51234',
  lngInvalid: '请输入经度，-180至180之间的数字，如 114.30123',
  outsideCity:
    '这个坐标不在示范市范围内（纬度约 30.37—30.67，经度约 114.16—114.49），请检查是否写反了纬度和经度',
  beatInvalid:
    '辖区第 {line} 行格式不正确：道路写“湖滨路 1-200”（可加“单”或“双”），小区只写名称，英文名用“/”隔开',
  beatEmpty: '请填写社区警务室负责的道路门牌号段或小区',
  officerNameInvalid: '请输入社区民警姓名（2至30个字）',
  officerBadgeInvalid: '请输入警号，2至12位大写字母或数字，如 SF10101',
  notCommunityOffice: '只有社区警务室有辖区和社区民警',
  openWork: '该单位或其下级还有在办的案件、信件或督办，不能移动；请先办结或移交',
  closeRoot: '最上级单位不能撤销',
  closeHasUnits: '还有未撤销的下级单位，请先移走或撤销下级单位',
  closeHasStaff: '还有在用的人员账号或角色在该单位，请先调整人员',
  closeHasWork: '该单位还有在办的案件、信件或督办，请先办结或移交',
  alreadyClosed: '该单位已撤销',
} as const;

const en: Record<keyof typeof zh, string> = {
  codeInvalid:
    'A unit code has 2 to 40 capital letters and digits, in parts joined by dashes, e.g. SF-D01-P08',
  codeTaken: 'A unit with this code already exists',
  parentRequired: 'Choose the unit above',
  parentOutside: 'Choose a unit above within your jurisdiction',
  parentClosed: 'That unit is closed and cannot have units below it',
  parentCycle: 'A unit cannot move under itself or a unit below it',
  parentSame: 'The unit is already under the chosen unit',
  kindRequired: 'Choose the kind of unit',
  nameRequired: 'Enter the name (2 to 60 characters)',
  nameEnInvalid: 'The English name has at most 120 characters',
  districtRequired: 'A unit open to the public needs its district (at most 30 characters)',
  addressRequired: 'Enter the address (at most 120 characters)',
  phoneInvalid: 'Enter the phone number, e.g. 0000-6101000 (digits and dashes, 3 to 30)',
  hoursRequired: 'Enter the opening hours (at most 200 characters)',
  scheduleInvalid:
    'The schedule does not follow the pattern, e.g. 1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00, or 24h',
  latInvalid: 'Enter the latitude, a number from -90 to 90, e.g. 30.51234',
  lngInvalid: 'Enter the longitude, a number from -180 to 180, e.g. 114.30123',
  outsideCity:
    'These coordinates are outside Shifan City (latitude about 30.37–30.67, longitude about 114.16–114.49); check that latitude and longitude are not swapped',
  beatInvalid:
    'Line {line} of the area does not follow the pattern: a road as “湖滨路 1-200” (optionally 单 or 双 for odd or even), a compound by its name alone, an English name after “/”',
  beatEmpty: 'Enter the road number ranges or compounds the office covers',
  officerNameInvalid: 'Enter the community officer’s name (2 to 30 characters)',
  officerBadgeInvalid: 'Enter the badge number: 2 to 12 capital letters or digits, e.g. SF10101',
  notCommunityOffice: 'Only a community police office has an area and a community officer',
  openWork:
    'The unit or a unit below has open cases, letters or urgings; finish or transfer them before moving it',
  closeRoot: 'The top unit cannot be closed',
  closeHasUnits: 'Units below are still open; move or close them first',
  closeHasStaff: 'Active staff accounts or roles are still at this unit; move them first',
  closeHasWork: 'The unit has open cases, letters or urgings; finish or transfer them first',
  alreadyClosed: 'The unit is closed',
};

export type OrgMessage = keyof typeof zh;

/** For the form-error translator: the organisation pages' field messages, by key. */
export const orgWords: MessageLookup = defineMessagesByLanguage(zh, en).lookup;
