import type { LetterTopic } from '../../exchange/contracts/index.ts';

// The hazard and safety tips the Open311 endpoint offers, as data: each service is a tip (举报) on one letter
// topic, so it is routed in the workbench exactly like the web form's tips on that topic. A new service is a
// new row here.

type Words = { zh: string; en: string };
const w = (zh: string, en: string): Words => ({ zh, en });

export type AttributeDatatype =
  'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface ServiceAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  description: Words;
  datatypeDescription: Words;
  values?: readonly { key: string; name: Words }[];
}

export interface Open311Service {
  code: string;
  topic: LetterTopic;
  name: Words;
  description: Words;
  group: Words;
  keywords: readonly string[];
  /**
   * realtime: the answer carries the request id at once. batch: crime tips are assessed before the police side
   * acknowledges them, so the client gets a token and the id appears once the tip has been routed.
   */
  type: 'realtime' | 'batch';
  attributes: readonly ServiceAttribute[];
}

/**
 * The value a jurisdiction_id must have when a client sends one (the demo city's root domain, as the spec
 * suggests); an absent or empty one means this jurisdiction, since the endpoint serves only one.
 */
export const JURISDICTION_ID = 'shifan.openpsb.example';

// The attributes are built, not written out: every list question words its datatype the same way, and every
// free field is optional.
type Option = readonly [key: string, zh: string, en: string];

function listQuestion(
  datatype: 'singlevaluelist' | 'multivaluelist',
  code: string,
  required: boolean,
  description: Words,
  options: readonly Option[],
): ServiceAttribute {
  const datatypeDescription =
    datatype === 'singlevaluelist' ? w('选择一项', 'Choose one') : w('选择一项或多项', 'Choose one or more');
  const values = options.map(([key, zh, en]) => ({ key, name: w(zh, en) }));
  return { code, datatype, required, description, datatypeDescription, values };
}

/** A question the client answers with one of the options. */
const pickOne = (code: string, required: boolean, description: Words, options: readonly Option[]) =>
  listQuestion('singlevaluelist', code, required, description, options);

/** A question the client answers with one or more of the options. */
const pickSome = (code: string, required: boolean, description: Words, options: readonly Option[]) =>
  listQuestion('multivaluelist', code, required, description, options);

/** A free field the client may leave out. */
function optionalField(
  code: string,
  datatype: AttributeDatatype,
  description: Words,
  datatypeDescription: Words,
): ServiceAttribute {
  return { code, datatype, required: false, description, datatypeDescription };
}

const hazards = w('安全隐患', 'Hazards');
const crime = w('违法犯罪线索', 'Crime tips');

const when = optionalField(
  'observed_at',
  'datetime',
  w('发现时间', 'When you saw it'),
  w('ISO 8601 日期时间，如 2026-12-06T09:30:00+08:00', 'ISO 8601, e.g. 2026-12-06T09:30:00+08:00'),
);

export const open311Services: readonly Open311Service[] = [
  {
    code: 'fire-hazard',
    topic: 'fire',
    name: w('火灾隐患举报', 'Fire hazard'),
    description: w(
      '堵塞消防通道、锁闭安全出口、违规使用明火或电器等火灾隐患。',
      'Blocked fire lanes, locked exits, unsafe use of open flames or electrics.',
    ),
    group: hazards,
    keywords: ['fire', 'exit', 'hazard'],
    type: 'realtime',
    attributes: [
      pickOne('hazard_kind', true, w('隐患类型', 'Kind of hazard'), [
        ['blocked-exit', '安全出口锁闭或堵塞', 'Exit locked or blocked'],
        ['blocked-lane', '消防车通道被占用', 'Fire lane obstructed'],
        ['electrics', '私拉乱接电线、电动车室内充电', 'Unsafe wiring or e-bike charging indoors'],
        ['flames', '违规用火或燃放', 'Open flames or fireworks'],
        ['other', '其他', 'Something else'],
      ]),
      pickOne('occupied', false, w('场所内是否有人居住或营业', 'Do people live or work there'), [
        ['yes', '是', 'Yes'],
        ['no', '否', 'No'],
        ['unknown', '不清楚', 'Not sure'],
      ]),
      when,
    ],
  },
  {
    code: 'traffic-hazard',
    topic: 'traffic',
    name: w('道路交通安全隐患', 'Road safety hazard'),
    description: w(
      '信号灯故障、标志标线缺失、路面障碍物等道路交通安全隐患。',
      'Broken traffic lights, missing signs or markings, obstacles on the road.',
    ),
    group: hazards,
    keywords: ['traffic', 'road', 'signal', 'hazard'],
    type: 'realtime',
    attributes: [
      pickSome('hazard_kind', true, w('隐患类型（可多选）', 'Kind of hazard (one or more)'), [
        ['signal', '信号灯故障', 'Traffic light out of order'],
        ['sign', '标志标线缺失或损坏', 'Sign or marking missing or damaged'],
        ['obstacle', '路面障碍物或坑洞', 'Obstacle or pothole'],
        ['parking', '违法停车影响通行', 'Parking that blocks traffic'],
      ]),
      when,
    ],
  },
  {
    code: 'public-order-tip',
    topic: 'public-order',
    name: w('治安违法线索', 'Public order offence'),
    description: w(
      '赌博、斗殴、非法经营等扰乱治安的违法线索。',
      'Gambling, fights, illegal businesses and other breaches of public order.',
    ),
    group: crime,
    keywords: ['public-order', 'crime'],
    type: 'batch',
    attributes: [
      when,
      optionalField(
        'people_involved',
        'number',
        w('涉及人数（估计）', 'How many people are involved (estimate)'),
        w('整数', 'A whole number'),
      ),
    ],
  },
  {
    code: 'narcotics-tip',
    topic: 'narcotics',
    name: w('涉毒线索', 'Drugs'),
    description: w('贩毒、吸毒、制毒等涉毒违法犯罪线索。', 'Dealing, using or making drugs.'),
    group: crime,
    keywords: ['narcotics', 'drugs', 'crime'],
    type: 'batch',
    attributes: [when],
  },
  {
    code: 'cyber-crime-tip',
    topic: 'cyber',
    name: w('网络违法犯罪线索', 'Online crime'),
    description: w(
      '网络诈骗、网络赌博、传播违法信息等。',
      'Online fraud, online gambling, unlawful content.',
    ),
    group: crime,
    keywords: ['cyber', 'fraud', 'crime'],
    type: 'batch',
    attributes: [
      optionalField(
        'website',
        'string',
        w('涉及的网址、账号或应用名称', 'The website, account or app involved'),
        w('不超过 200 字', 'Up to 200 characters'),
      ),
      when,
    ],
  },
];

const byCode = new Map(open311Services.map((s) => [s.code, s]));

export function findService(code: string): Open311Service | undefined {
  return byCode.get(code);
}
