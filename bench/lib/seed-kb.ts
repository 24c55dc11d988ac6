import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { letterTopics } from '../../src/exchange/contracts/index.ts';
import { searchTextOf } from '../../src/shared/search/zh-query.ts';

// A provincial reply knowledge base grown over years: entries owned by every unit of the demo city, each in use
// at its latest reviewed version, written from combinations of the things people ask about, what they want to
// do and their circumstances, so pairs are shared between entries as in real questions and no query matches
// everything alike. The search vector is computed by the database's own function, as the service does.

const SUBJECTS = [
  '居民身份证',
  '临时身份证',
  '户口簿',
  '居住证',
  '出生登记',
  '户口迁移',
  '户口注销',
  '姓名变更',
  '护照',
  '港澳通行证',
  '台湾通行证',
  '签证延期',
  '外国人居留许可',
  '机动车驾驶证',
  '机动车行驶证',
  '车辆年检',
  '交通违法处理',
  '电子监控记录',
  '驾驶证换证',
  '摩托车号牌',
  '无犯罪记录证明',
  '亲属关系证明',
  '烟花爆竹运输许可',
  '剧毒化学品购买许可',
  '保安员证',
  '典当业特种行业许可',
  '旅馆业特种行业许可',
  '大型群众性活动安全许可',
  '民用枪支持枪证',
  '消防安全检查',
  '网吧备案',
  '网站公安备案',
  '电信网络诈骗报案',
  '失物招领',
  '户籍证明',
  '出入境记录查询',
  '边境管理区通行证',
  '犬只登记',
  '寄递实名登记',
  '见义勇为认定',
];

const ACTIONS = [
  '如何办理',
  '丢失后补办',
  '到期换领',
  '需要带哪些材料',
  '办理时限多久',
  '收费标准是多少',
  '能否异地办理',
  '能否网上预约',
  '委托他人代办',
  '进度在哪里查询',
  '被退回后怎么重新申请',
  '信息登记错误如何更正',
  '未成年人怎样申请',
  '老年人行动不便能否上门办理',
  '加急办理的条件',
  '邮寄送达怎么选择',
  '证件照片有什么要求',
  '办理窗口的工作时间',
  '节假日是否受理',
  '需要本人到场吗',
];

const CIRCUMSTANCES = [
  '在外地工作',
  '户籍在农村',
  '刚刚大学毕业',
  '已经退休',
  '在国外留学',
  '现役军人家属',
  '残疾人',
  '企业法人',
  '个体工商户',
  '外籍人员',
  '港澳台居民',
  '新婚夫妻',
  '离婚后',
  '子女随迁',
  '房屋拆迁后',
  '购买新房后',
  '租房居住',
  '投靠亲属',
  '证件被盗',
  '证件损坏',
  '姓名含生僻字',
  '双胞胎',
  '收养子女',
  '服刑人员家属',
  '海外华侨',
];

const ANSWER_TAILS = [
  '请携带本人居民身份证原件到户籍所在地派出所窗口办理，符合条件的当场受理。',
  '可通过网上公安局提交申请并预约，材料齐全的一般在五个工作日内办结。',
  '按照国家规定的标准收费，减免情形以窗口告知为准。',
  '委托他人办理的，受托人应携带委托书和双方身份证件。',
  '办理进度可在网上公安局“我的办件”中查询，也可拨打咨询电话。',
  '材料不全的，窗口一次性告知需要补充的全部材料。',
  '行动不便的，可预约民警上门服务。',
  '具体以当地公安机关最新公告为准。',
];

export interface KbSeedResult {
  entries: number;
  seconds: number;
}

/** `count` entries in use, spread over the units the table holds (ANALYZEd, checkpointed). */
export async function seedKnowledgeBase(url: string, count: number): Promise<KbSeedResult> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const units = (
      await client.query<{ code: string; path: string }>(`SELECT code, path FROM units ORDER BY code`)
    ).rows;
    const batch = 5_000;
    for (let from = 0; from < count; from += batch) {
      const rows = Array.from({ length: Math.min(batch, count - from) }, (_, k) => {
        const g = from + k;
        const subject = SUBJECTS[g % SUBJECTS.length]!;
        const action = ACTIONS[Math.floor(g / SUBJECTS.length) % ACTIONS.length]!;
        const who = CIRCUMSTANCES[Math.floor(g / (SUBJECTS.length * ACTIONS.length)) % CIRCUMSTANCES.length]!;
        const question = `${who}，${subject}${action}？`;
        const answer = `${who}申请${subject}的，${ANSWER_TAILS[g % ANSWER_TAILS.length]}${ANSWER_TAILS[(g * 7 + 3) % ANSWER_TAILS.length]}（口径编号 ${String(g)}）`;
        const keywords = [subject, action.slice(0, 8), who];
        const unit = units[g % units.length]!;
        return {
          id: randomUUID(),
          unit,
          question,
          answer,
          keywords,
          area: letterTopics[g % letterTopics.length]!,
          public: g % 3 !== 0,
          searchText: searchTextOf(question, keywords, answer),
        };
      });
      await client.query(
        `INSERT INTO kb_entries (id, unit_code, unit_path, current_version, latest_version, helped_count, created_by,
           created_at, updated_at)
         SELECT id, code, path, 1, 1, (hashtext(id::text) & 255), 'BN0000', now() - interval '200 days', now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, code, path)`,
        [rows.map((r) => r.id), rows.map((r) => r.unit.code), rows.map((r) => r.unit.path)],
      );
      await client.query(
        `INSERT INTO kb_versions (entry_id, version, question, answer, keywords, area, public, state, workflow_id,
           workflow_version, author_badge, submitted_by, reviewed_by, search_text, search_vector, created_at,
           updated_at)
         SELECT id, 1, q, a, string_to_array(k, '|'), area, pub, 'in-use', 'kb-version', 1, 'BN0000', 'BN0000',
           'BN0010', st, public.zh_search_tsv(st), now() - interval '200 days', now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])
           AS t(id, q, a, k, area, pub, st)`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.question),
          rows.map((r) => r.answer),
          rows.map((r) => r.keywords.join('|')),
          rows.map((r) => r.area),
          rows.map((r) => r.public),
          rows.map((r) => r.searchText),
        ],
      );
    }
    await client.query('VACUUM ANALYZE kb_entries');
    await client.query('VACUUM ANALYZE kb_versions');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
  return { entries: count, seconds: (performance.now() - started) / 1000 };
}

/** Questions as officers type them while replying: some close to entries, some loose. */
export const KB_QUERIES = [
  '护照丢失了怎么补办',
  '在外地工作能不能异地办理居民身份证',
  '驾驶证到期换证需要带什么材料',
  '无犯罪记录证明多久能办好',
  '户口迁移进度在哪里查',
  '老人行动不便能上门办身份证吗',
  '外籍人员居留许可延期',
  '网站公安备案收费吗',
  '孩子出生登记要哪些材料',
  '电信网络诈骗报案以后怎么查进度',
];
