import { randomUUID } from 'node:crypto';
import { dueIsEstimated } from '../../shared/ui/estimated-due.tsx';
import {
  attachmentSubmitted,
  letterStatusChanged,
  letterSubmitted,
  letterSupplemented,
  letterTopics,
  type LetterLocation,
  type LetterTopic,
} from '../../exchange/contracts/index.ts';
import { onMessage, openingValues, send, sendOpening, type MessageHandler } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { insideCity } from '../../shared/map/city.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { CurrentCitizen } from '../session.ts';
import { newFollowCode, newLetterNumber, normaliseFollowCode } from './letters.codes.ts';
import type { LetterKindSpec } from './letters.kinds.ts';
import { checkPhotos, type IncomingPhoto } from './letters.photos.ts';
import { tellWriterOfReply } from './letters.notify.ts';
import * as repo from './letters.repository.ts';
import { englishNamesOf } from '../directory/directory.repository.ts';
import type { LetterEventRow, LetterRow } from './letters.tables.ts';

// Writing to the police: a letter is checked, numbered and stored, and sent to the workbench in one
// transaction; its steps come back as letter.status.changed. Anonymous tips get a follow-up code instead of an
// account, kept only as its keyed hash.

export interface LetterInput {
  topic?: string | undefined;
  subject?: string | undefined;
  body?: string | undefined;
  place?: string | undefined;
  concernedUnit?: string | undefined;
  latitude?: string | undefined;
  longitude?: string | undefined;
  publish?: string | undefined;
  anonymous?: string | undefined;
}

export interface Submitted {
  letterNumber: string;
  /** Only for an anonymous tip, shown once to the writer and never again. */
  followCode?: string;
}

const COORDINATES = /^\s*-?\d{1,2}(?:\.\d+)?\s*[,，]\s*-?\d{1,3}(?:\.\d+)?\s*$/;

/** The writer's answers, every problem at once. */
function checkInput(spec: LetterKindSpec, input: LetterInput, withinCity: boolean) {
  const fields: FieldError[] = [];
  const problem = (field: string) => fields.push({ field, message: `letters.${field}` });
  const topic = input.topic as LetterTopic;
  if (!letterTopics.includes(topic)) problem('topic');
  const subject = (input.subject ?? '').trim();
  if (!subject || subject.length > 100) problem('subject');
  const body = (input.body ?? '').trim();
  if (!body || body.length > 5000) problem('body');
  const place = spec.asksPlace ? (input.place ?? '').trim() : '';
  // Coordinates typed as text must be a real point; anything else is taken as an address.
  if (place.length > 200) problem('place');
  else if (COORDINATES.test(place)) {
    const [lat, lng] = place.split(/[,，]/).map((n) => Number(n.trim()));
    if (Math.abs(lat ?? 99) > 90 || Math.abs(lng ?? 999) > 180) problem('place');
    else if (withinCity && !insideCity({ lat: lat!, lng: lng! }))
      fields.push({ field: 'place', message: 'letters.outsideCity' });
  }
  const location = spec.asksPlace ? locationOf(input) : null;
  if (location === 'bad') fields.push({ field: 'latitude', message: 'letters.location' });
  else if (withinCity && location && !insideCity({ lat: location.latitude, lng: location.longitude }))
    fields.push({ field: 'latitude', message: 'letters.outsideCity' });
  const concernedUnit = spec.asksConcernedUnit ? (input.concernedUnit ?? '').trim() : '';
  if (concernedUnit.length > 100) problem('concernedUnit');
  if (spec.publishable && input.publish !== 'yes' && input.publish !== 'no') problem('publish');
  if (fields.length > 0) throw new AppError('VALIDATION', { fields });
  return {
    topic,
    subject,
    body,
    place: place || null,
    concernedUnit: concernedUnit || null,
    publishAllowed: spec.publishable && input.publish === 'yes',
    location: location === 'bad' ? null : location,
  };
}

const DEGREES = /^-?\d{1,3}(?:\.\d{1,8})?$/;

/** A point typed as two numbers: both or neither, each within its range. */
function locationOf(input: LetterInput): LetterLocation | null | 'bad' {
  const lat = (input.latitude ?? '').trim();
  const lng = (input.longitude ?? '').trim();
  if (!lat && !lng) return null;
  if (!DEGREES.test(lat) || !DEGREES.test(lng)) return 'bad';
  const latitude = Number(lat);
  const longitude = Number(lng);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return 'bad';
  return { latitude, longitude };
}

/** What another door to the same letters (the Open311 API) adds to a submission. */
export interface SubmitOptions {
  /** Runs in the letter's own transaction, so what it records exists exactly when the letter does. */
  within?: (tx: Tx, letter: LetterRow) => Promise<void>;
  /** An anonymous tip gets a follow-up code unless its door has nobody to show the code to. */
  followCode?: boolean;
  /**
   * A point must lie in the city: the portal's forms (whose map shows only the city) and the Open311 door ask
   * it; a point elsewhere is for the police where it happened.
   */
  withinCity?: boolean;
}

export async function submitLetter(
  services: ZoneServices,
  citizen: CurrentCitizen | undefined,
  spec: LetterKindSpec,
  input: LetterInput,
  incoming: readonly IncomingPhoto[] = [],
  options: SubmitOptions = {},
): Promise<Submitted> {
  const fields: FieldError[] = [];
  let checked: ReturnType<typeof checkInput> | undefined;
  try {
    checked = checkInput(spec, input, options.withinCity === true);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    fields.push(...error.fields);
  }
  const { errors, photos } = spec.takesPhotos ? await checkPhotos(incoming) : { errors: [], photos: [] };
  fields.push(...errors);
  if (fields.length > 0 || !checked) throw new AppError('VALIDATION', { fields });
  const { location, ...letter } = checked;
  // Only a tip may go without a name: a visitor's tip always, a signed-in writer's when he asks for it.
  const anonymous = spec.anonymous && (!citizen || input.anonymous === 'yes');
  if (!anonymous && !citizen) throw new AppError('UNAUTHENTICATED');
  const now = services.now();
  const followCode = anonymous && options.followCode !== false ? newFollowCode() : undefined;
  const letterNumber = newLetterNumber(todayInShanghai(now));
  const writer = anonymous || !citizen ? null : writerOf(citizen);
  const stream = `letter:${letterNumber}`;
  // The letter, its first step and its message are one statement (letters.repository.ts); photos and what
  // another door adds need more, and then the statement runs in a transaction with them.
  const values = {
    id: randomUUID(),
    letterNumber,
    citizenId: writer ? citizen!.id : null,
    followCodeHash: followCode ? services.sealer.lookupHash(`letter-follow:${followCode}`) : null,
    kind: spec.kind,
    ...letter,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
    submittedAt: now,
    updatedAt: now,
  };
  const firstStep = { origin: 'writer', step: 'submitted', status: 'submitted', at: now } as const;
  const message = {
    letterNumber,
    kind: spec.kind,
    ...letter,
    ...(location ? { location } : {}),
    ...(photos.length ? { photos: photos.map((p) => p.ref) } : {}),
    writer,
    submittedAt: now.toISOString(),
  };
  // The letter's number is new and unique (the same statement stores it): the stream begins here.
  if (photos.length === 0 && !options.within) {
    // Alone, through the statement prepared once.
    await repo.insertLetterAlone(
      services.db,
      values,
      firstStep,
      openingValues(letterSubmitted, message, { stream }),
    );
    return followCode ? { letterNumber, followCode } : { letterNumber };
  }
  await services.db.transaction(async (tx) => {
    const row = await repo.insertLetter(
      tx,
      values,
      firstStep,
      sendOpening(tx, letterSubmitted, message, { stream }),
    );
    await repo.insertPhotos(
      tx,
      photos.map((p, position) => ({
        id: p.ref.id,
        letterId: row.id,
        position,
        name: p.ref.name,
        mediaType: p.ref.mediaType,
        bytes: p.ref.size,
        sha256: p.sha256,
        content: p.content,
      })),
    );
    // The photos follow the letter on its stream. An anonymous tip has no citizen: its photos carry the
    // letter's own random id instead, which names nobody.
    for (const photo of photos)
      await send(
        tx,
        attachmentSubmitted,
        {
          attachmentId: photo.ref.id,
          citizenRef: writer ? citizen!.id : row.id,
          purpose: 'tip-evidence',
          file: {
            name: photo.ref.name,
            declaredType: photo.ref.mediaType,
            data: photo.content.toString('base64'),
          },
        },
        { stream },
      );
    if (options.within) await options.within(tx, row);
  });
  return followCode ? { letterNumber, followCode } : { letterNumber };
}

/**
 * The writer as the letter names him: the citizen the request's session loaded (with his verified name), so
 * a letter costs no second read of the same row.
 */
function writerOf(citizen: CurrentCitizen) {
  return {
    citizenRef: citizen.id,
    name: (citizen.realName ?? citizen.displayName).slice(0, 50),
    mobile: citizen.mobile,
  };
}

export interface LetterView {
  letter: LetterRow;
  events: LetterEventRow[];
  /** The photos sent with it, by name (the writer kept the originals; they are not served back). */
  photos: string[];
  /** Information may be added until the letter is answered or handed on for good. */
  open: boolean;
  /** The answer date was counted on Monday to Friday: its year's holiday schedule is not in yet. */
  dueEstimated: boolean;
  /** The directory's English names of the units its steps name, by code, for the English page. */
  unitNamesEn: ReadonlyMap<string, string>;
}

const isOpen = (letter: LetterRow) => letter.status !== 'replied' && letter.status !== 'transferred';

export async function viewOf(services: ZoneServices, letter: LetterRow): Promise<LetterView> {
  const [events, photos] = await Promise.all([
    repo.eventsOf(services.db, letter.id),
    repo.photoNamesOf(services.db, letter.id),
  ]);
  const codes = new Set([letter.unitCode, ...events.map((e) => e.unitCode)].filter((c) => c !== null));
  return {
    letter,
    events,
    photos,
    open: isOpen(letter),
    dueEstimated: dueIsEstimated(services.calendar, letter.dueOn),
    unitNamesEn: await englishNamesOf(services.db, [...codes]),
  };
}

export function myLetters(services: ZoneServices, citizen: CurrentCitizen): Promise<LetterRow[]> {
  return repo.lettersOf(services.db, citizen.id);
}

export function findLetter(services: ZoneServices, letterNumber: string): Promise<LetterRow | undefined> {
  return repo.findByNumber(services.db, letterNumber);
}

/** The anonymous tip a follow-up code opens; a malformed and an unknown code get the same answer. */
export async function letterByFollowCode(
  services: ZoneServices,
  typed: string,
): Promise<LetterRow | undefined> {
  const code = normaliseFollowCode(typed);
  if (!code) return undefined;
  return repo.findByFollowCodeHash(services.db, services.sealer.lookupHash(`letter-follow:${code}`));
}

/** The writer adds information; it follows the letter on its stream, so it never arrives before it. */
export async function addInformation(
  services: ZoneServices,
  letter: LetterRow,
  typed: string,
): Promise<void> {
  const text = typed.trim();
  if (!text || text.length > 2000)
    throw new AppError('VALIDATION', { fields: [{ field: 'text', message: 'letters.text' }] });
  if (!isOpen(letter))
    throw new AppError('CONFLICT', { fields: [{ field: 'text', message: 'letters.closed' }] });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await repo.insertEvent(tx, {
      letterId: letter.id,
      origin: 'writer',
      step: 'supplemented',
      message: text,
      at: now,
    });
    await send(
      tx,
      letterSupplemented,
      { letterNumber: letter.letterNumber, text, supplementedAt: now.toISOString() },
      { stream: `letter:${letter.letterNumber}` },
    );
  });
}

/** Each step the workbench reports: kept once, the status moved only forward. */
export function letterStatusHandler(services: ZoneServices): MessageHandler {
  return onMessage(letterStatusChanged, async (tx, step) => {
    const letter = await repo.findByNumber(tx, step.letterNumber);
    // Left failed in the inbox for an operator: a step for a letter this portal never numbered.
    if (!letter) throw new Error('the message names a letter this portal does not hold');
    const stored = await repo.insertEvent(tx, {
      letterId: letter.id,
      origin: 'police',
      seq: step.seq,
      status: step.status,
      step: step.step,
      unitName: step.unit.name,
      unitCode: step.unit.code || null,
      message: step.message ?? null,
      at: new Date(step.at),
    });
    if (!stored) return;
    if (step.kind) await repo.changeKind(tx, letter.id, step.kind, step.seq);
    await repo.advanceStatus(tx, letter.id, {
      seq: step.seq,
      status: step.status,
      dueOn: step.dueOn,
      unitName: step.unit.name,
      unitCode: step.unit.code || null,
      now: services.now(),
    });
    await tellWriterOfReply(services, tx, letter, step);
  });
}
