import { count } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import {
  questionnairePublished,
  type QuestionAnswer,
  type QuestionnaireDefinition,
} from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { checkDefinition } from '../../shared/questionnaires/questionnaire.rules.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { CITY_CODE } from '../org/demo-city.ts';
import { questionnaireResponses, questionnaires, questionnaireVersions } from './questionnaires.tables.ts';
import { newQuestionnaireWorkflow } from './questionnaires.workflow.ts';

// One fictional questionnaire of the demo city's 明湖 district, published to the portal through the exchange on the first
// start, with a few made-up responses so its results page has something to show.

const SEED_ACTOR = 'questionnaire-import';
// The district whose demo supervisor (SF4001) builds questionnaires, so the demo can edit and close it.
const DISTRICT = 'SF-D01';
const DAY = 86_400_000;

const opt = (id: string, zh: string, en: string) => ({ id, label: { zh, en } });

export const demoQuestionnaire: QuestionnaireDefinition = {
  title: { zh: '网上公安局使用满意度调查', en: 'Online police bureau satisfaction survey' },
  intro: {
    zh: '感谢您使用示范市网上公安局。请用一两分钟告诉我们您的感受，帮助我们改进服务。',
    en: 'Thank you for using the Demo City online police bureau. Tell us in a minute or two how it went.',
  },
  questions: [
    {
      id: 'q1',
      kind: 'single',
      label: { zh: '您本次的事项办成了吗？', en: 'Did you get done what you came for?' },
      required: true,
      options: [opt('o1', '办成了', 'Yes'), opt('o2', '没有办成', 'No')],
      showIf: null,
    },
    {
      id: 'q2',
      kind: 'text',
      label: { zh: '是什么原因没有办成？', en: 'What stopped you?' },
      required: true,
      options: [],
      showIf: { question: 'q1', option: 'o2' },
    },
    {
      id: 'q3',
      kind: 'multiple',
      label: { zh: '您使用过哪些功能？', en: 'Which parts did you use?' },
      required: false,
      options: [
        opt('o1', '网上办事', 'Online services'),
        opt('o2', '预约', 'Appointments'),
        opt('o3', '写信咨询', 'Letters'),
        opt('o4', '进度查询', 'Progress'),
      ],
      showIf: null,
    },
    {
      id: 'q4',
      kind: 'scale',
      label: { zh: '总体满意度（1–5 分）', en: 'Overall satisfaction (1–5)' },
      required: true,
      options: [],
      showIf: null,
    },
    {
      id: 'q5',
      kind: 'text',
      label: { zh: '您还有什么建议？', en: 'Any suggestions?' },
      required: false,
      options: [],
      showIf: null,
    },
  ],
};

const a = (question: string, v: { choices?: string[]; scale?: number; text?: string }): QuestionAnswer => ({
  question,
  choices: v.choices ?? [],
  scale: v.scale ?? null,
  text: v.text ?? null,
});

const demoAnswers: { daysAgo: number; answers: QuestionAnswer[] }[] = [
  {
    daysAgo: 3,
    answers: [a('q1', { choices: ['o1'] }), a('q3', { choices: ['o1', 'o4'] }), a('q4', { scale: 5 })],
  },
  {
    daysAgo: 2,
    answers: [
      a('q1', { choices: ['o1'] }),
      a('q3', { choices: ['o2'] }),
      a('q4', { scale: 4 }),
      a('q5', { text: '预约时段可以再多一些。' }),
    ],
  },
  {
    daysAgo: 2,
    answers: [
      a('q1', { choices: ['o2'] }),
      a('q2', { text: '上传材料时照片太大，提示不够清楚。' }),
      a('q4', { scale: 2 }),
    ],
  },
  {
    daysAgo: 1,
    answers: [a('q1', { choices: ['o1'] }), a('q3', { choices: ['o1', 'o3'] }), a('q4', { scale: 4 })],
  },
  {
    daysAgo: 0,
    answers: [a('q1', { choices: ['o1'] }), a('q4', { scale: 5 }), a('q5', { text: '比跑窗口方便多了。' })],
  },
];

/** Publishes the demo questionnaire once: an installation that already has questionnaires is left alone. */
export async function seedQuestionnaires(services: ZoneServices): Promise<number> {
  if (checkDefinition(demoQuestionnaire).length) throw new Error('the demo questionnaire is not valid');
  const now = services.now();
  const opensOn = todayInShanghai(new Date(now.getTime() - 3 * DAY));
  const closesOn = todayInShanghai(new Date(now.getTime() + 60 * DAY));
  return services.db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(questionnaires);
    if ((existing?.n ?? 0) > 0) return 0;
    const [row] = await tx
      .insert(questionnaires)
      .values({
        unitCode: DISTRICT,
        unitPath: `${CITY_CODE}/${DISTRICT}`,
        definition: demoQuestionnaire,
        state: 'published',
        ...newQuestionnaireWorkflow(),
        version: 1,
        audience: 'everyone',
        opensOn,
        closesOn,
        createdBy: SEED_ACTOR,
        updatedBy: SEED_ACTOR,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: questionnaires.id });
    const id = row!.id;
    await tx.insert(questionnaireVersions).values({
      questionnaireId: id,
      version: 1,
      definition: demoQuestionnaire,
      publishedBy: SEED_ACTOR,
      publishedAt: now,
    });
    await send(
      tx,
      questionnairePublished,
      {
        questionnaireId: id,
        version: 1,
        definition: demoQuestionnaire,
        audience: 'everyone',
        opensOn,
        closesOn,
        publishedAt: now.toISOString(),
      },
      { stream: `questionnaire:${id}` },
    );
    await tx.insert(questionnaireResponses).values(
      demoAnswers.map((d) => {
        const at = new Date(now.getTime() - d.daysAgo * DAY);
        return {
          id: randomUUID(),
          questionnaireId: id,
          version: 1,
          audience: 'everyone' as const,
          answers: d.answers,
          submittedAt: at,
          receivedAt: at,
        };
      }),
    );
    return 1;
  });
}
