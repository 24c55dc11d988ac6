import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { parseBeat } from '../../shared/directory/beat.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { setFlash } from '../../shared/http/flash.ts';
import { renderFormError, type MessageLookup } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { inLang } from '../../shared/ui/context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchContext } from '../page.ts';
import type { CurrentStaff } from '../session.ts';
import { formSchema } from '../staff/staff.schema.ts';
import { staffOf } from '../session.ts';
import { beatPage, beatValues } from './org.beat.page.tsx';
import { orgWords, type OrgMessage } from './org.messages.ts';
import { publishUnit } from './org.publish.ts';
import { updateBeat, type Unit } from './org.repository.ts';
import { UnitParams } from './org.schema.ts';
import { manageableUnit } from './org.service.ts';

// A community police office's responsibility area and community officer (找片警), kept with the organisation
// and sent to the portal's directory with the unit, like every other change to it.

export const BeatForm = formSchema({
  area: Type.Optional(Type.String({ maxLength: 4000 })),
  officerName: Type.Optional(Type.String({ maxLength: 60 })),
  officerBadge: Type.Optional(Type.String({ maxLength: 30 })),
});

export type BeatInput = Partial<Record<'area' | 'officerName' | 'officerBadge', string>>;

const BADGE = /^[A-Z0-9]{2,12}$/;

export async function saveBeat(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  code: string,
  input: BeatInput,
): Promise<Unit> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const unit = await manageableUnit(tx, me, code);
    const problems: { field: string; message: string }[] = [];
    const refuse = (field: string, message: OrgMessage, line?: number) =>
      problems.push({ field, message: line ? `${message}:${line}` : message });
    if (unit.kind !== 'community-office' || unit.closedAt) {
      refuse('area', unit.closedAt ? 'alreadyClosed' : 'notCommunityOffice');
      throw new AppError('VALIDATION', { fields: problems as FieldError[] });
    }
    const parsed = parseBeat(input.area ?? '');
    if ('badLine' in parsed) refuse('area', 'beatInvalid', parsed.badLine);
    else if (!parsed.beat.roads.length && !parsed.beat.places.length) refuse('area', 'beatEmpty');
    const officerName = input.officerName?.trim() ?? '';
    if ([...officerName].length < 2 || [...officerName].length > 30)
      refuse('officerName', 'officerNameInvalid');
    const officerBadge = input.officerBadge?.trim().toUpperCase() ?? '';
    if (!BADGE.test(officerBadge)) refuse('officerBadge', 'officerBadgeInvalid');
    if (problems.length || 'badLine' in parsed)
      throw new AppError('VALIDATION', { fields: problems as FieldError[] });
    const updated = await updateBeat(tx, unit, { beat: parsed.beat, officerName, officerBadge }, now);
    await recordAudit(tx, {
      ...by,
      action: 'org.unit.beat',
      target: `unit:${unit.code}`,
      detail: { before: { beat: unit.beat, officerBadge: unit.officerBadge }, after: { officerBadge } },
      at: now,
    });
    await publishUnit(tx, updated, now);
    return updated;
  });
}

/** The organisation's words, with the line number a refused area names ("beatInvalid:3"). */
const beatWords: MessageLookup = (lang, key) => {
  const [name = '', line = ''] = key.split(':');
  return orgWords(lang, name)?.replace('{line}', line);
};

type Values = Record<string, string>;

export function registerBeatRoutes(app: App, services: ZoneServices): void {
  const manage = { permission: 'org.manage' };
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Values,
    errors?: FieldError[],
  ) => {
    const code = (request.params as { code?: string }).code ?? '';
    const unit = await manageableUnit(services.db, staffOf(request), code);
    if (unit.kind !== 'community-office') throw new AppError('NOT_FOUND');
    return beatPage({
      ctx: workbenchContext(request, reply),
      unit,
      values: values ?? beatValues(unit),
      errors,
    });
  };
  const kept = (v: Readonly<Record<string, string | undefined>>): Values => ({
    area: v.area ?? '',
    officerName: v.officerName ?? '',
    officerBadge: v.officerBadge ?? '',
  });
  const formPage: FormPage = (request, reply, { values, errors }) =>
    page(request, reply, kept(values), errors);

  app.get(
    '/org/:code/beat',
    { schema: { hide: true, params: UnitParams }, config: manage },
    async (request, reply) => reply.html(await page(request, reply)),
  );

  app.post(
    '/org/:code/beat',
    {
      schema: { hide: true, params: UnitParams, body: BeatForm },
      config: { ...manage, formPage, input: { multiline: ['area'], maxLength: { area: 4000 } } },
    },
    async (request, reply) => {
      const { code } = request.params;
      try {
        await saveBeat(services, staffOf(request), actorOf(request), code, request.body);
        setFlash(
          request,
          inLang(request, '辖区和社区民警已保存。', 'The area and community officer were saved.'),
        );
        return await reply.redirect(`/org/${code}`, 303);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => page(request, reply, kept(request.body), errors),
          beatWords,
        );
      }
    },
  );
}
