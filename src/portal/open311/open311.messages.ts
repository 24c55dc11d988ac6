import type { PublicLetterStatus } from '../../exchange/contracts/index.ts';
import { defineMessages, type Lang, type Words } from '../../shared/i18n/index.ts';

// The words of the Open311 answers, in the language the client asked for (?lang=en or the language cookie;
// Chinese by default). Error descriptions name the spec's parameters as they are, since clients look for them.

const errors = defineMessages({
  'api_key.missing': { zh: '缺少 api_key 参数', en: 'api_key is missing' },
  'api_key.invalid': { zh: 'api_key 无效或已被吊销', en: 'api_key is not valid or has been revoked' },
  'api_key.before_media': {
    zh: 'api_key 须在媒体文件之前发送',
    en: 'api_key must be sent before the media files',
  },
  'jurisdiction_id.unknown': { zh: '找不到该 jurisdiction_id', en: 'jurisdiction_id not found' },
  'service_code.missing': { zh: '缺少 service_code 参数', en: 'service_code is missing' },
  'service_code.unknown': { zh: '找不到该 service_code', en: 'service_code not found' },
  'location.missing': {
    zh: '请提供 lat 和 long，或 address_string',
    en: 'lat and long, or address_string, are required',
  },
  'location.invalid': {
    zh: 'lat 或 long 不是有效的 WGS-84 坐标',
    en: 'lat or long is not a valid WGS-84 coordinate',
  },
  'location.outside': {
    zh: 'lat 和 long 不在本市辖区内，请向当地公安机关举报',
    en: 'lat and long are outside the city; report it to the police where it happened',
  },
  'media.invalid': {
    zh: '媒体文件 {code} 不是可以完整读取的 JPEG 或 PNG 图片',
    en: 'the media file {code} is not a JPEG or PNG picture that can be read in full',
  },
  'media.too_large': { zh: '媒体文件 {code} 超过 5 MB', en: 'the media file {code} is larger than 5 MB' },
  'media.count': { zh: '最多上传 5 个媒体文件', en: 'at most 5 media files may be sent' },
  'address_string.invalid': {
    zh: 'address_string 不能超过 200 字',
    en: 'address_string is longer than 200 characters',
  },
  'description.invalid': {
    zh: 'description 不能超过 4000 字',
    en: 'description is longer than 4000 characters',
  },
  'media_url.invalid': {
    zh: 'media_url 必须是 http 或 https 网址',
    en: 'media_url must be an http or https URL',
  },
  'attribute.required': { zh: '缺少必填属性 attribute[{code}]', en: 'attribute[{code}] is required' },
  'attribute.invalid': {
    zh: '属性 attribute[{code}] 的值无效',
    en: 'attribute[{code}] has a value that is not valid',
  },
  'attribute.unknown': {
    zh: '该服务没有属性 attribute[{code}]',
    en: 'this service has no attribute[{code}]',
  },
  'date.invalid': {
    zh: 'start_date 和 end_date 须为带时区的 W3C 日期时间',
    en: 'start_date and end_date must be W3C datetimes with a zone',
  },
  'date.range': {
    zh: 'start_date 与 end_date 相隔不能超过 90 天，且不能颠倒',
    en: 'start_date must come before end_date, at most 90 days apart',
  },
  'status.invalid': { zh: 'status 只能是 open 或 closed', en: 'status must be open or closed' },
  'parameter.invalid': { zh: '参数 {code} 无效', en: 'the parameter {code} is not valid' },
  'request.invalid': { zh: '请求格式不正确', en: 'the request is malformed' },
  'request.not_found': { zh: '找不到该服务请求', en: 'service request not found' },
  'token.not_found': { zh: '找不到该 token', en: 'token not found' },
  not_found: { zh: '找不到该资源', en: 'resource not found' },
  rate_limited: { zh: '提交过于频繁，请稍后再试', en: 'too many requests; try again later' },
  too_large: { zh: '提交的内容太大', en: 'the request is too large' },
  unsupported: {
    zh: '只接受 application/x-www-form-urlencoded 或 multipart/form-data 提交',
    en: 'only application/x-www-form-urlencoded or multipart/form-data is accepted',
  },
  internal: { zh: '系统繁忙，请稍后再试', en: 'something went wrong on our side; try again later' },
});

export type Open311ErrorKey = keyof typeof errors.words;

export function errorWords(lang: Lang, key: Open311ErrorKey, code = ''): string {
  return errors.text(lang, key, { code });
}

/** A tip's progress in general terms: the workbench's own words stay with the writer's follow-up page. */
const statusNotes = defineMessages({
  submitted: { zh: '已收到，等待受理', en: 'Received, waiting to be taken up' },
  'in-progress': { zh: '已交办理单位核查处理', en: 'Passed to the responsible unit, being looked into' },
  forwarded: { zh: '已转交有关部门办理', en: 'Passed to the department responsible' },
  replied: { zh: '已核查处理完毕', en: 'Looked into and dealt with' },
  transferred: { zh: '已移交12345热线或其他部门', en: 'Handed to the 12345 hotline or another department' },
} satisfies Record<PublicLetterStatus, Words>);

export const statusNote: (lang: Lang, status: PublicLetterStatus) => string = statusNotes.text;

export const serviceNotice = {
  zh: '举报已匿名提交，联系方式不会保存；公安机关不公开举报内容。',
  en: 'The tip was sent anonymously and no contact details were kept; the police never publish tips.',
} as const;

export const discoveryWords = {
  contact: {
    zh: '示范市公安局网上公安局，电话 12345（演示）；紧急情况请拨打 110',
    en: 'Shifan City Public Security Bureau online, phone 12345 (demo); in an emergency call 110',
  },
  keyService: {
    zh: 'API 密钥由示范市公安局系统管理员在民警工作台签发',
    en: 'API keys are issued by the Shifan City PSB administrators in the workbench',
  },
} as const;
