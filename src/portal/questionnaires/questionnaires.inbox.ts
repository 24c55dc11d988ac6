import { sql } from 'drizzle-orm';
import { questionnaireClosed, questionnairePublished } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { checkDefinition } from '../../shared/questionnaires/questionnaire.rules.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { publicQuestionnaires as t } from './questionnaires.tables.ts';

// What the workbench publishes: each version replaces an older one (never the other way round), and a closing
// stays closed whatever arrives after it. A definition the portal's own check refuses is not stored.

export function questionnaireInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [
    onMessage(questionnairePublished, async (tx, m) => {
      if (checkDefinition(m.definition).length) {
        services.log.warn({ questionnaireId: m.questionnaireId }, 'questionnaire definition refused');
        return;
      }
      const values = {
        id: m.questionnaireId,
        version: m.version,
        definition: m.definition,
        audience: m.audience,
        opensOn: m.opensOn,
        closesOn: m.closesOn,
        publishedAt: new Date(m.publishedAt),
      };
      await tx
        .insert(t)
        .values(values)
        .onConflictDoUpdate({
          target: t.id,
          set: { ...values, id: undefined },
          setWhere: sql`${t.version} < ${m.version}`,
        });
    }),
    onMessage(questionnaireClosed, async (tx, m) => {
      const at = new Date(m.closedAt);
      await tx
        .insert(t)
        .values({ id: m.questionnaireId, closedAt: at })
        .onConflictDoUpdate({
          target: t.id,
          set: { closedAt: sql`coalesce(${t.closedAt}, ${at.toISOString()}::timestamptz)` },
        });
    }),
  ];
}
