import { count } from 'drizzle-orm';
import type { LetterTopic } from '../../exchange/contracts/index.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { demoOfficer } from '../staff/demo-officer.ts';
import { findEntry } from './kb.repository.ts';
import { createEntry, review, submit } from './kb.service.ts';
import { kbEntries } from './kb.tables.ts';

// The demo city's reply knowledge base: fictional but plausible agreed answers on household registration,
// identity cards, exit-entry and traffic, written by the city bureau's content editor and put in use by the
// city bureau's leader, the same four-eyes path an officer takes. The public ones cross to the portal as
// instant answers, so writing a consultation suggests something on the first start.

interface DemoEntry {
  area: LetterTopic;
  question: string;
  answer: string;
  keywords: string;
  public?: false;
}

export const DEMO_KB: readonly DemoEntry[] = [
  {
    area: 'household',
    question: '新生儿如何办理出生登记（落户）？',
    answer:
      '新生儿出生后一个月内，由监护人携带出生医学证明、父母双方的居民户口簿和居民身份证，到父亲或母亲常住户口所在地派出所户籍窗口办理出生登记。也可在网上公安局预约后到窗口一次办结。',
    keywords: '新生儿、落户、出生登记、出生医学证明',
  },
  {
    area: 'household',
    question: '户口迁入示范市需要什么条件和材料？',
    answer:
      '在示范市有合法稳定住所并实际居住、或在示范市就业并参加社会保险满一年的，可申请将户口迁入。需携带居民身份证、居民户口簿、房屋产权证明或劳动合同及社保缴纳证明，到拟迁入地派出所申请。具体条件以当年落户政策为准。',
    keywords: '户口迁移、迁入、落户条件',
  },
  {
    area: 'household',
    question: '居民户口簿丢失了怎么补办？',
    answer:
      '户口簿遗失的，由户主或本户成员携带本人居民身份证到常住户口所在地派出所户籍窗口申请补领，当场填写申请表，一般当场或5个工作日内补发。',
    keywords: '户口簿、补办、遗失、补领',
  },
  {
    area: 'household',
    question: '外地户籍在示范市居住怎么办理居住证？',
    answer:
      '在示范市居住半年以上，且有合法稳定就业、合法稳定住所或连续就读条件之一的，可携带居民身份证、近期照片和居住证明材料，到居住地派出所或社区服务站申领居住证。居住证每年签注一次。',
    keywords: '居住证、暂住、流动人口、签注',
  },
  {
    area: 'household',
    question: '户口簿上的姓名、出生日期登记错误怎么更正？',
    answer:
      '登记项目确有错误的，本人携带居民身份证、居民户口簿以及能证明正确信息的原始材料（如出生医学证明、档案记载），到户籍所在地派出所申请更正，经核实后办理。',
    keywords: '户口更正、姓名错误、出生日期',
  },
  {
    area: 'household',
    question: '第一次申领居民身份证需要带什么？',
    answer:
      '年满十六周岁的公民应当申领居民身份证，未满十六周岁的可以申领。首次申领须本人到常住户口所在地派出所，携带居民户口簿，现场采集照片和指纹；未满十六周岁的由监护人陪同。',
    keywords: '身份证、首次申领、办证',
  },
  {
    area: 'household',
    question: '身份证丢失了怎么补办？多久能拿到？',
    answer:
      '身份证丢失后可到全市任一派出所户籍窗口或自助设备申请补领，补领费用20元。一般20个工作日内制证完成，可选择邮寄到家。申请时可同时办理临时身份证，当场或3个工作日内领取。',
    keywords: '身份证、丢失、补领、临时身份证、挂失',
  },
  {
    area: 'household',
    question: '身份证快到期了，可以在外地换领吗？',
    answer:
      '居民身份证有效期满前三个月内可申请换领。已实行异地受理，在全国任一办证窗口均可换领，无需回户籍地。换领费用20元，可选择到窗口领取或邮寄送达。',
    keywords: '身份证、到期、换领、异地办理',
  },
  {
    area: 'exit-entry',
    question: '第一次办理普通护照需要什么材料？',
    answer:
      '携带本人居民身份证到任一出入境办证窗口申请，现场采集照片和指纹，无需提供户口簿。一般7个工作日内审批签发，可选择邮寄。未满十六周岁的由监护人陪同并出示监护关系证明。',
    keywords: '护照、首次申请、出入境、办证',
  },
  {
    area: 'exit-entry',
    question: '护照过期了或者快过期了怎么换发？',
    answer:
      '护照有效期不足六个月、签证页即将用完或已过期的，可携带居民身份证和原护照到出入境办证窗口申请换发，材料齐全的7个工作日内签发。也可在网上预约后到窗口办理。',
    keywords: '护照、过期、换发、有效期',
  },
  {
    area: 'exit-entry',
    question: '办理往来港澳通行证和签注需要多长时间？',
    answer:
      '首次申请往来港澳通行证的，携带居民身份证到出入境窗口办理，7个工作日内签发。已持有效电子通行证的，可在自助签注机即时办理团队旅游或个人旅游签注。',
    keywords: '港澳通行证、签注、港澳、旅游',
  },
  {
    area: 'exit-entry',
    question: '外国人在示范市住宿需要办理登记吗？',
    answer:
      '外国人在宾馆住宿的，由宾馆办理住宿登记；住在亲友家或自租房屋的，应当在入住后24小时内由本人或留宿人到居住地派出所办理住宿登记，携带护照和房屋证明。',
    keywords: '外国人、住宿登记、境外人员',
  },
  {
    area: 'traffic',
    question: '驾驶证到期了怎么换证？',
    answer:
      '驾驶证有效期满前九十日内，持本人身份证明和驾驶人身体条件证明，到车辆管理所或交管服务站申请换证，也可在交通安全综合服务管理平台网上办理并邮寄。',
    keywords: '驾驶证、换证、到期、体检',
  },
  {
    area: 'traffic',
    question: '收到交通违法记录，怎么查询和处理缴款？',
    answer:
      '可在网上公安局“交通违法查询”中输入号牌号码和车辆识别代号后四位查询。对记录无异议的，可网上确认处理并缴纳罚款；有异议的，可到违法行为发生地交警大队申请复核。',
    keywords: '交通违法、罚款、查询、缴款、电子眼',
  },
  {
    area: 'traffic',
    question: '新车上牌需要办哪些手续？',
    answer:
      '购车后持车主身份证明、购车发票、机动车整车出厂合格证明、交通事故责任强制保险凭证和车辆购置税完税证明，到车辆管理所或4S店代办点办理注册登记，可现场自选号牌。',
    keywords: '上牌、注册登记、新车、号牌',
  },
];

/**
 * Writes, submits and approves the demo entries once, on an empty knowledge base; a base that has entries
 * (the demo's, or an officer's) is left alone.
 */
export async function seedKnowledgeBase(
  services: ZoneServices,
  writerBadge = 'SF5101',
  reviewerBadge = 'SF6001',
): Promise<void> {
  const [existing] = await services.db.select({ n: count() }).from(kbEntries);
  if ((existing?.n ?? 0) > 0) return;
  const writer = await demoOfficer(services, writerBadge);
  const reviewer = await demoOfficer(services, reviewerBadge);
  if (!writer || !reviewer) return;
  for (const demo of DEMO_KB) {
    const id = await createEntry(services, writer.me, writer.by, { ...demo, public: demo.public ?? true });
    await submit(services, writer.me, writer.by, (await findEntry(services.db, id))!);
    await review(services, reviewer.me, reviewer.by, (await findEntry(services.db, id))!, {
      decision: 'approve',
    });
  }
}
