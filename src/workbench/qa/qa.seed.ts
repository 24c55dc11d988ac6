import { count, eq } from 'drizzle-orm';
import type { LetterTopic } from '../../exchange/contracts/index.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { units } from '../db/schema.ts';
import { demoOfficer } from '../staff/demo-officer.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { findPublication, insertPublication } from './qa.repository.ts';
import { review } from './qa.review.ts';
import { checkedTexts } from './qa.service.ts';
import { qaPublications } from './qa.tables.ts';
import { newQaWorkflow, qaStore, qaWorkflow } from './qa.workflow.ts';

// The demo city's public Q&A: fictional questions and answers taken from letters answered in the mailbox the
// platform replaced (their numbers are of that archive, so no letter here carries them). One network
// spokesperson drafts each and the other approves it, the same four-eyes path as any publication, and each
// crosses to the portal's Q&A pages on the first start.

interface DemoQa {
  letterNumber: string;
  unitCode: string;
  topic: LetterTopic;
  question: string;
  answer: string;
}

export const DEMO_QA: readonly DemoQa[] = [
  {
    letterNumber: 'XJ-20251104-ARCH01',
    unitCode: 'SF-HZ',
    topic: 'household',
    question:
      '孩子在外地医院出生，能在示范市落户吗？\n孩子在外省的医院出生，父母户口都在示范市，请问落户要回出生地办吗？',
    answer:
      '不需要回出生地。新生儿可在父亲或母亲常住户口所在地派出所办理出生登记，携带出生医学证明、父母的居民户口簿和居民身份证即可，与出生医院所在地无关。',
  },
  {
    letterNumber: 'XJ-20251112-ARCH02',
    unitCode: 'SF-HZ',
    topic: 'household',
    question: '身份证补办期间坐高铁怎么办？\n身份证丢了刚申请补办，下周要出差坐高铁，新证还没拿到怎么办？',
    answer:
      '申请补领身份证时可同时申请临时居民身份证，一般当场或3个工作日内领取，可用于乘车。来不及办理的，也可在火车站派出所或自助设备开具临时乘车身份证明。',
  },
  {
    letterNumber: 'XJ-20251120-ARCH03',
    unitCode: 'SF-CRJ',
    topic: 'exit-entry',
    question: '护照办好后可以邮寄吗？\n平时上班没时间去窗口取证，护照能不能寄到家里？',
    answer:
      '可以。申请时在窗口选择邮寄送达并填写收件地址，证件签发后由邮政寄出，邮费由申请人承担。领取时请本人签收。',
  },
  {
    letterNumber: 'XJ-20251126-ARCH04',
    unitCode: 'SF-CRJ',
    topic: 'exit-entry',
    question:
      '老人行动不便，办理港澳通行证必须本人到场吗？\n家里老人八十多岁，想去香港探亲，行动不便，能否代办？',
    answer:
      '首次申请须采集本人照片和指纹，原则上本人到场。对年满八十周岁或行动不便的申请人，可联系出入境管理部门预约上门服务或绿色通道，具体以当地出入境大厅安排为准。',
  },
  {
    letterNumber: 'XJ-20251203-ARCH05',
    unitCode: 'SF-JJ',
    topic: 'traffic',
    question:
      '驾驶证在外地考的，到期能在示范市换证吗？\n我的驾驶证是在外省考取的，现在在示范市工作，快到期了。',
    answer:
      '可以。驾驶证换证已实行全国通办，在示范市车辆管理所或交管服务站均可办理，携带身份证明和体检证明即可，也可网上申请后邮寄。',
  },
  {
    letterNumber: 'XJ-20251209-ARCH06',
    unitCode: 'SF-JJ',
    topic: 'traffic',
    question:
      '违法停车被贴罚单，对处罚有异议怎么申诉？\n临时停车几分钟就被贴了罚单，当时有特殊情况，怎么申诉？',
    answer:
      '对违法停车处理有异议的，可在收到告知单之日起到违法行为发生地交警大队申请复核，也可通过网上公安局提交陈述和申辩，并附相关证明材料。交警部门将在规定时限内答复。',
  },
  {
    letterNumber: 'XJ-20251215-ARCH07',
    unitCode: 'SF-ZA',
    topic: 'public-order',
    question: '开业需要办理公章刻制备案吗？\n新注册了一家公司，刻公章需要到公安机关办什么手续？',
    answer:
      '新设立企业刻制公章，可在办理营业执照时一并申请，或到具备资质的公章刻制企业办理，由刻制企业向公安机关备案，无需另行审批。',
  },
  {
    letterNumber: 'XJ-20251222-ARCH08',
    unitCode: 'SF-XF',
    topic: 'fire',
    question: '小区楼道长期堆放杂物，怎么反映？\n我们楼的楼道堆满了纸箱和旧家具，担心有火灾隐患。',
    answer:
      '楼道堆放杂物属于火灾隐患，可先向物业服务企业或社区反映要求清理；未处理的，可通过网上公安局“火灾隐患举报投诉”提交，或拨打96119举报，消防部门将核查处理。',
  },
];

/** Drafts, submits and approves the demo Q&A once, when nothing has been published yet. */
export async function seedPublicQa(
  services: ZoneServices,
  drafterBadge = 'SF7801',
  reviewerBadge = 'SF7802',
): Promise<void> {
  const [existing] = await services.db.select({ n: count() }).from(qaPublications);
  if ((existing?.n ?? 0) > 0) return;
  const drafter = await demoOfficer(services, drafterBadge);
  const reviewer = await demoOfficer(services, reviewerBadge);
  if (!drafter || !reviewer) return;
  for (const demo of DEMO_QA) {
    const [unit] = await services.db
      .select({ path: units.path })
      .from(units)
      .where(eq(units.code, demo.unitCode));
    if (!unit) continue;
    const texts = checkedTexts(services, undefined, demo);
    // The demo texts hold no personal data: a careless edit that adds some fails the seed, not the portal.
    if (texts.removed > 0) throw new Error(`the demo Q&A ${demo.letterNumber} holds personal data`);
    const now = services.now();
    const id = await services.db.transaction(async (tx) => {
      const row = await insertPublication(tx, {
        letterNumber: demo.letterNumber,
        unitCode: demo.unitCode,
        unitPath: unit.path,
        topic: demo.topic,
        question: texts.question,
        answer: texts.answer,
        ...newQaWorkflow(),
        draftedBy: drafter.me.badgeNo,
        updatedAt: now,
      });
      await transition(tx, {
        versions: qaWorkflow,
        store: qaStore,
        ports: workbenchPorts(drafter.by, services.calendar),
        key: { id: row!.id },
        action: 'submit',
        actor: staffActor(drafter.me, unit.path),
        data: {},
        now,
      });
      return row!.id;
    });
    await review(services, reviewer.me, reviewer.by, (await findPublication(services.db, id))!, {
      decision: 'approve',
    });
  }
}
