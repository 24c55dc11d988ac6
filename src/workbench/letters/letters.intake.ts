import {
  letterSubmitted,
  letterSupplemented,
  type attachmentSubmitted,
  type PayloadOf,
} from '../../exchange/contracts/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { systemActor } from '../../shared/workflow/workflow.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import * as repo from './letters.repository.ts';
import { routeLetter, unitNamedIn } from './letters.routing.ts';
import { moveAndTell } from './letters.steps.ts';
import { letterClass, letterWorkflow } from './letters.workflow.ts';

// Letters arriving from the portal: stored once, the unit a complaint or tip is about matched from the
// writer's words, routed by the rules (never to that unit or below it), and the writer told where it went.

const EXCHANGE: AuditActor = { actor: 'exchange', actorUnit: null, sourceIp: null };

/** Only complaints and tips accuse a unit; praise names one too, and may well go to it. */
export const ACCUSING: ReadonlySet<string> = new Set(['complaint', 'tip']);

export function letterSubmittedHandler(services: ZoneServices): MessageHandler {
  return onMessage(letterSubmitted, async (tx, letter) => {
    const now = services.now();
    const tree = await repo.allUnits(tx);
    const accused = ACCUSING.has(letter.kind) ? unitNamedIn(letter.concernedUnit, tree) : undefined;
    const definition = letterWorkflow.current;
    const stored = await repo.insertLetter(tx, {
      letterNumber: letter.letterNumber,
      kind: letter.kind,
      topic: letter.topic,
      subject: letter.subject,
      body: letter.body,
      place: letter.place,
      concernedUnit: letter.concernedUnit,
      latitude: letter.location?.latitude ?? null,
      longitude: letter.location?.longitude ?? null,
      photos: letter.photos ?? [],
      accusedUnitCode: accused?.code ?? null,
      // Tips are never published, whatever arrives.
      publishAllowed: letter.publishAllowed && letter.kind !== 'tip',
      anonymous: letter.writer === null,
      writerSealed: letter.writer ? services.sealer.seal(JSON.stringify(letter.writer)) : null,
      workflowId: definition.id,
      workflowVersion: definition.version,
      state: definition.initial,
      receivedAt: new Date(letter.submittedAt),
      updatedAt: now,
    });
    // Redelivery: the letter is already here.
    if (!stored) return;
    await recordAudit(tx, {
      ...EXCHANGE,
      action: 'letter.received',
      target: `letter:${letter.letterNumber}`,
      detail: { kind: letter.kind, topic: letter.topic, accused: accused?.code ?? null },
      at: now,
    });
    const byCode = new Map(tree.map((u) => [u.code, u]));
    const routing = routeLetter(letter, accused, (code) => byCode.get(code));
    await repo.recordAction(tx, {
      letterNumber: letter.letterNumber,
      action: 'received',
      actor: 'system',
      unitCode: routing.unitCode,
      text: `rule:${routing.rule}`,
      at: now,
    });
    // No unit outside the accused one: the letter waits, unrouted, for a force-wide handler.
    if (!routing.unitCode) return;
    const unit = byCode.get(routing.unitCode)!;
    await repo.updateLetter(tx, letter.letterNumber, {
      unitCode: unit.code,
      unitPath: unit.path,
      routedBy: routing.rule,
    });
    await moveAndTell(tx, {
      letterNumber: letter.letterNumber,
      action: letterClass[letter.kind] === 'simple' ? 'route-simple' : 'route-complex',
      data: { unitCode: unit.code },
      actor: systemActor,
      by: EXCHANGE,
      unit,
      status: 'in-progress',
      step: 'routed',
      now,
    });
  });
}

export function letterSupplementedHandler(services: ZoneServices): MessageHandler {
  return onMessage(letterSupplemented, async (tx, added) => {
    // The stream carries the letter first, so a letter missing here is a fault: the message waits.
    const letter = await repo.findLetter(tx, added.letterNumber);
    if (!letter) throw new Error('information added to a letter the workbench does not hold');
    await repo.recordAction(tx, {
      letterNumber: letter.letterNumber,
      action: 'supplemented',
      actor: 'writer',
      unitCode: letter.unitCode,
      text: added.text,
      at: new Date(added.supplementedAt),
    });
    await repo.updateLetter(tx, letter.letterNumber, { updatedAt: services.now() });
  });
}

/** A photo sent with a letter (the attachment handler passes tip evidence here); the letter names its id. */
export async function storeLetterPhoto(
  tx: Tx,
  message: PayloadOf<typeof attachmentSubmitted>,
  now: Date,
): Promise<void> {
  const content = Buffer.from(message.file.data, 'base64');
  await repo.storePhoto(tx, {
    attachmentId: message.attachmentId,
    citizenRef: message.citizenRef,
    name: message.file.name,
    mediaType: message.file.declaredType,
    size: content.length,
    content,
    receivedAt: now,
  });
}

export function letterInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [letterSubmittedHandler(services), letterSupplementedHandler(services)];
}
