import { eq } from 'drizzle-orm';
import type { PayloadOf, letterStatusChanged } from '../../exchange/contracts/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import { RATING_PERIOD_DAYS } from '../../shared/ratings/ratings.scale.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { messages } from '../cases/cases.tables.ts';
import { citizens } from '../db/schema.ts';
import { ratingLinkUrl } from '../ratings/ratings.link.ts';
import type { LetterRow } from './letters.tables.ts';

// A signed-in writer is told when his letter is answered: an SMS and a message in his account, both inviting
// him to rate the answer, the SMS with the signed link that opens the rating page without signing in (as a
// finished case's does). An anonymous tip's writer has no number here and reads the answer with his code.

const DAY_MS = 86_400_000;

type Step = PayloadOf<typeof letterStatusChanged>;

export async function tellWriterOfReply(services: ZoneServices, tx: Tx, letter: LetterRow, step: Step) {
  if (step.status !== 'replied' || !letter.citizenId) return;
  const [writer] = await tx
    .select({ mobile: citizens.mobile })
    .from(citizens)
    .where(eq(citizens.id, letter.citizenId));
  if (!writer) return;
  const closes = new Date(new Date(step.at).getTime() + RATING_PERIOD_DAYS * DAY_MS);
  const link = ratingLinkUrl(services.sealer, 'letter', letter.letterNumber, closes);
  await queueNotification(tx, {
    channel: 'sms',
    recipient: writer.mobile,
    template: 'letter.replied',
    body: `【示范市公安局】您的信件 ${letter.letterNumber} 已答复，请登录网上公安局“我的信件”查看。欢迎评价：${link}`,
  });
  await tx.insert(messages).values({
    citizenId: letter.citizenId,
    subject: { zh: '您的信件已答复', en: 'Your letter has been answered' },
    body: {
      zh: `您的信件 ${letter.letterNumber} 已答复。欢迎对答复进行评价，评价期为${RATING_PERIOD_DAYS}天。`,
      en: `Your letter ${letter.letterNumber} has been answered. Please rate the answer within ${RATING_PERIOD_DAYS} days.`,
    },
    link: `/my/letters/${encodeURIComponent(letter.letterNumber)}`,
    createdAt: services.now(),
  });
}
