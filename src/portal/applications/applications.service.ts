import { fileTypeFromBuffer } from 'file-type';
import {
  applicationSubmitted,
  attachmentSubmitted,
  type Applicant,
  type CaseAnswers,
} from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import {
  answerErrorText,
  firstIncompletePage,
  isApplicable,
  itemMaterials,
  nextPage,
  savePage,
  submission,
  uploadMediaTypes,
  validatePage,
  type AnswerError,
  type Answers,
  type FormDefinition,
  type FormPage,
  type FormVersions,
  type PostedBody,
  type Profile,
  type UploadedFile,
} from '../../shared/application-forms/index.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import { isUniqueViolation } from '../../shared/db/unique-violation.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import { inspectPdf } from '../../shared/files/pdf-active-content.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { Lang } from '../../shared/http/request-context.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { parseIdNumber } from '../../shared/validators/id-number.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { findItem } from '../catalog/catalog.service.ts';
import * as companies from '../companies/companies.repository.ts';
import { roleIn } from '../companies/companies.policy.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import { applicationWords } from './applications.messages.ts';
import * as repo from './applications.repository.ts';

// The citizen's online application: a draft saved at every page, checked against the form version it was
// started with, then submitted in one transaction that numbers the case and sends it across the boundary.

export interface ApplyServices extends ZoneServices {
  forms: FormVersions;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The calendar day in Beijing, YYYY-MM-DD: case numbers and date bounds go by the bureau's day. */
export function beijingDay(now: Date): string {
  return BEIJING.format(now);
}

export type ActingRole = 'representative' | 'agent';
export interface CompanyChoice {
  id: string;
  name: string;
  creditCode: string;
  role: ActingRole;
}

/** The service item as published and its current online form; one 404 for no item, no form, no online way. */
export async function serviceWithForm(services: ApplyServices, slug: string) {
  const published = await findItem(services.db, slug);
  const formId = published?.item.onlineForm;
  const form = formId === undefined ? undefined : services.forms.current(formId);
  if (!published || !form) throw new AppError('NOT_FOUND');
  return { item: published.item, version: published.version, form };
}

/** The published item of an application (a withdrawn item still has its applications). */
export async function itemOf(services: ApplyServices, itemId: string) {
  const published = await findItem(services.db, itemId);
  return { item: published?.item };
}

/** What the start page says about the materials: what to upload, and what the police look up themselves. */
export function materialsOf(item: ServiceItem, form: FormDefinition) {
  const materials = itemMaterials(item);
  const uploads = form.pages.flatMap((page) =>
    page.fields.flatMap((field) =>
      field.type === 'upload'
        ? [
            {
              label: field.label,
              material: materials.get(field.material)?.name ?? field.material,
              optional: Boolean(field.optional || field.showIf || page.showIf),
            },
          ]
        : [],
    ),
  );
  const checked = form.checkedByPolice.map((code) => materials.get(code)?.name ?? code);
  return { uploads, checked };
}

export type StartState =
  | { kind: 'visitor' }
  | { kind: 'unverified' }
  | { kind: 'no-company' }
  | {
      kind: 'ready';
      companies: CompanyChoice[];
      draft?: string | undefined;
      inFlight?: string | undefined;
    };

/** Where the signed-in person stands for this service. */
export async function startState(
  services: ApplyServices,
  citizen: CurrentCitizen | undefined,
  item: ServiceItem,
  form: FormDefinition,
): Promise<StartState> {
  if (!citizen) return { kind: 'visitor' };
  if (!(await verifiedIdentity(services, citizen.id))) return { kind: 'unverified' };
  if (form.applicant === 'company') {
    const choices = await companiesActedFor(services, citizen.id);
    return choices.length === 0 ? { kind: 'no-company' } : { kind: 'ready', companies: choices };
  }
  const open = await repo.openApplicationsFor(services.db, citizen.id, item.id, null);
  return {
    kind: 'ready',
    companies: [],
    draft: open.draft?.id,
    inFlight: open.inFlight ? (open.inFlight.caseNumber ?? undefined) : undefined,
  };
}

async function companiesActedFor(services: ApplyServices, citizenId: string): Promise<CompanyChoice[]> {
  const { memberships } = await companies.companiesOf(services.db, citizenId);
  return memberships.map((m) => ({
    id: m.id,
    name: m.name,
    creditCode: m.creditCode,
    role: m.role === 'legal-representative' ? 'representative' : 'agent',
  }));
}

interface Identity {
  name: string;
  idNumber: string;
  mobile: string;
  email: string | null;
  address: string | null;
}

async function verifiedIdentity(services: ApplyServices, citizenId: string): Promise<Identity | undefined> {
  const row = await repo.citizenIdentity(services.db, citizenId);
  if (row?.realNameStatus !== 'verified' || !row.realName || !row.idNumberSealed) return undefined;
  return {
    name: row.realName,
    idNumber: services.sealer.open(row.idNumberSealed),
    mobile: row.mobile,
    email: row.email,
    address: row.address,
  };
}

export type StartOutcome =
  { kind: 'created' | 'draft'; id: string } | { kind: 'in-flight'; caseNumber: string | null };

/**
 * Begins an application, or finds the one already begun: a draft of the same person for the same service
 * (and company) is continued rather than doubled, and one in flight is pointed to instead of a second.
 */
export async function startApplication(
  services: ApplyServices,
  citizen: CurrentCitizen,
  slug: string,
  companyId: string | undefined,
): Promise<StartOutcome> {
  const { item, version, form } = await serviceWithForm(services, slug);
  if (!(await verifiedIdentity(services, citizen.id))) {
    throw new AppError('VALIDATION', { fields: [{ field: 'company', message: 'realNameNeeded' }] });
  }
  let company: CompanyChoice | undefined;
  if (form.applicant === 'company') {
    const choices = await companiesActedFor(services, citizen.id);
    company = choices.find((c) => c.id === companyId);
    if (!company) {
      const message = choices.length === 0 ? 'noCompany' : 'companyRequired';
      throw new AppError('VALIDATION', { fields: [{ field: 'company', message }] });
    }
  }
  const open = await repo.openApplicationsFor(services.db, citizen.id, item.id, company?.id ?? null);
  if (open.inFlight) return { kind: 'in-flight', caseNumber: open.inFlight.caseNumber };
  if (open.draft) return { kind: 'draft', id: open.draft.id };
  const id = await repo.insertDraft(services.db, {
    citizenId: citizen.id,
    companyId: company?.id ?? null,
    companyRole: company?.role ?? null,
    itemId: item.id,
    itemVersion: version,
    formId: form.id,
    formVersion: form.version,
    now: services.now(),
  });
  return { kind: 'created', id };
}

export interface LoadedApplication {
  /** Who is looking. */
  viewer: CurrentCitizen;
  row: repo.ApplicationRow;
  form: FormDefinition;
  answers: Answers;
  company?: { id: string; name: string; creditCode: string; role: ActingRole } | undefined;
}

/** The application when the policy lets the citizen take the action on it; the same 404 otherwise. */
export async function applicationFor(
  services: ApplyServices,
  citizen: CurrentCitizen,
  id: string,
  action: 'applications.view' | 'applications.edit',
): Promise<LoadedApplication> {
  const row = UUID.test(id) ? await repo.findApplication(services.db, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const company = row.companyId ? await companies.findCompany(services.db, row.companyId) : undefined;
  mustAllow(portalPolicy, citizen, action, { citizenId: row.citizenId, company });
  const form = services.forms.find(row.formId, row.formVersion);
  // A draft whose form version is no longer held cannot be shown truthfully; that is a fault of the deployment.
  if (!form) throw new Error(`form ${row.formId}@${row.formVersion} of an application is not loaded`);
  const role = company ? roleIn(company, row.citizenId) : undefined;
  return {
    viewer: citizen,
    row,
    form,
    answers: row.answers as Answers,
    company: company && {
      id: company.id,
      name: company.name,
      creditCode: company.creditCode,
      role: role === 'legal-representative' ? 'representative' : 'agent',
    },
  };
}

/** What the verified profile fills in on the pages (never saved until the person saves the page). */
export async function profileFor(services: ApplyServices, loaded: LoadedApplication): Promise<Profile> {
  const identity = await verifiedIdentity(services, loaded.row.citizenId);
  if (!identity) return {};
  const parsed = parseIdNumber(identity.idNumber, { today: beijingDay(services.now()) });
  const profile: Profile = { name: identity.name, idNumber: identity.idNumber, mobile: identity.mobile };
  if (parsed.ok) {
    profile.sex = parsed.sex === 'M' ? 'male' : 'female';
    profile.birthDate = parsed.birthDate;
  }
  if (identity.email) profile.email = identity.email;
  if (identity.address) profile.address = identity.address;
  if (loaded.company) {
    profile.companyName = loaded.company.name;
    profile.companyCreditCode = loaded.company.creditCode;
    profile.companyRole = loaded.company.role === 'representative' ? 'legal-representative' : 'agent';
  }
  return profile;
}

/** A file as it arrived, before it is checked. */
export interface IncomingFile {
  field: string;
  name: string;
  bytes: Buffer;
  tooLarge?: boolean;
}

export interface PageErrors {
  errors: { field: string; message: string }[];
}

/**
 * Saves one page: new files checked by their bytes and kept, the answers checked against the page's
 * questions and saved. Returns where to go next, or the errors in the reader's language.
 */
export async function answerPage(
  services: ApplyServices,
  loaded: LoadedApplication,
  pageId: string,
  posted: { body: PostedBody; files: IncomingFile[] },
  lang: Lang,
): Promise<{ next: string } | PageErrors> {
  const { row, form } = loaded;
  if (row.submittedAt) return { next: `/applications/${row.id}/confirmation` };
  const page = form.pages.find((p) => p.id === pageId);
  if (!page) throw new AppError('NOT_FOUND');
  const now = services.now();
  const refused: { field: string; message: string }[] = [];
  const pending = new Map<string, UploadedFile[]>();
  for (const incoming of posted.files) {
    const field = page.fields.find((f) => f.id === incoming.field);
    if (field?.type !== 'upload' || (incoming.bytes.length === 0 && !incoming.tooLarge)) continue;
    const detected = incoming.tooLarge ? undefined : (await fileTypeFromBuffer(incoming.bytes))?.mime;
    const mediaType = detected ?? 'application/octet-stream';
    const allowed = field.accept.map((t) => uploadMediaTypes[t]).includes(mediaType);
    const size = incoming.tooLarge ? field.maxBytes + 1 : incoming.bytes.length;
    if (allowed && size <= field.maxBytes) {
      if (mediaType === 'application/pdf' && (await inspectPdf(incoming.bytes))) {
        refused.push({
          field: field.id,
          message: applicationWords(lang, 'uploadUnsafe', { label: field.label[lang] }),
        });
        continue;
      }
      await repo.insertFile(services.db, {
        applicationId: row.id,
        fieldId: field.id,
        name: safeName(incoming.name, mediaType),
        mediaType,
        content: incoming.bytes,
        now,
      });
    } else {
      // Refused files are not kept; they go to the check only so that it words the refusal.
      const list = pending.get(field.id) ?? [];
      list.push({ id: '00000000-0000-4000-8000-000000000000', name: 'refused', mediaType, size });
      pending.set(field.id, list);
    }
  }
  const stored = await repo.filesOf(services.db, row.id);
  const files: Record<string, UploadedFile[]> = {};
  for (const field of page.fields) {
    if (field.type !== 'upload') continue;
    files[field.id] = [
      ...stored
        .filter((f) => f.fieldId === field.id)
        .map(({ id, name, mediaType, size }) => ({ id, name, mediaType, size })),
      ...(pending.get(field.id) ?? []),
    ];
  }
  const result = validatePage(
    form,
    pageId,
    { body: singleLine(page, posted.body), files },
    {
      today: beijingDay(now),
      answers: loaded.answers,
    },
  );
  if (!result.ok || refused.length > 0) {
    const errors = [
      ...refused,
      ...(result.ok
        ? []
        : result.errors
            .filter((e) => !refused.some((r) => r.field === e.field))
            .map((e) => wordsOf(e, lang))),
    ];
    return { errors };
  }
  const answers = savePage(form, pageId, loaded.answers, result.answers);
  await repo.saveAnswers(services.db, row.id, answers as CaseAnswers, pageId, now);
  const after = nextPage(form, pageId, answers);
  return { next: after ? `/applications/${row.id}/pages/${after.id}` : `/applications/${row.id}/check` };
}

/** Line breaks kept only in the questions that span lines; elsewhere a pasted break reads as a space. */
function singleLine(page: FormPage, body: PostedBody): PostedBody {
  const multiline = new Set<string>();
  for (const field of page.fields) {
    if (field.type === 'text' && field.multiline) multiline.add(field.id);
    if (field.type === 'group') {
      for (const member of field.fields)
        if (member.type === 'text' && member.multiline) multiline.add(member.id);
    }
  }
  const flat = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  const out: Record<string, string | readonly string[] | undefined> = {};
  for (const [name, value] of Object.entries(body)) {
    const question =
      /(?:^|\.)([a-z][a-z0-9-]*)$/.exec(name.replace(/\.(?:division|address)$/, ''))?.[1] ?? name;
    if (multiline.has(question) || value === undefined) out[name] = value;
    else out[name] = typeof value === 'string' ? flat(value) : value.map(flat);
  }
  return out;
}

function wordsOf(error: AnswerError, lang: Lang) {
  return { field: error.field, message: answerErrorText(error, lang) };
}

// Only the last path part, without controls, and of a length the contracts take.
function safeName(name: string, mediaType: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  const fallback = `upload.${mediaType === 'application/pdf' ? 'pdf' : mediaType === 'image/png' ? 'png' : 'jpg'}`;
  return [...(base || fallback)].slice(-120).join('');
}

/** Takes a file off a draft, and out of its saved answers too. */
export async function removeFile(
  services: ApplyServices,
  loaded: LoadedApplication,
  fileId: string,
): Promise<void> {
  const { row } = loaded;
  if (row.submittedAt || !UUID.test(fileId)) throw new AppError('NOT_FOUND');
  await services.db.transaction(async (tx) => {
    if (!(await repo.deleteFile(tx, row.id, fileId))) throw new AppError('NOT_FOUND');
    const answers: Answers = {};
    for (const [key, value] of Object.entries(loaded.answers)) {
      if (
        Array.isArray(value) &&
        value.some((v) => typeof v === 'object' && v !== null && 'mediaType' in v)
      ) {
        const kept = (value as UploadedFile[]).filter((f) => f.id !== fileId);
        if (kept.length > 0) answers[key] = kept;
      } else answers[key] = value;
    }
    await repo.saveAnswers(tx, row.id, answers as CaseAnswers, row.lastPage ?? '', services.now());
  });
}

/** Where a draft continues: its first page with a required answer missing, or the check page. */
export function resumeAt(loaded: LoadedApplication): string {
  const { row, form, answers } = loaded;
  if (row.submittedAt) return `/applications/${row.id}/confirmation`;
  const page = firstIncompletePage(form, answers);
  return page ? `/applications/${row.id}/pages/${page.id}` : `/applications/${row.id}/check`;
}

export function pageApplies(loaded: LoadedApplication, pageId: string): boolean {
  return isApplicable(loaded.form, pageId, loaded.answers);
}

/**
 * Submits the application in one transaction: the case number, the application marked in flight, the
 * message to the police network and one message per uploaded file. A second submission of the same
 * application (a double click, a retry, a stale page) finds the first and returns its case number.
 */
export async function submitApplication(
  services: ApplyServices,
  citizen: CurrentCitizen,
  id: string,
  submitKey: string,
): Promise<{ caseNumber: string; created: boolean }> {
  const loaded = await applicationFor(services, citizen, id, 'applications.view');
  if (loaded.row.caseNumber) return { caseNumber: loaded.row.caseNumber, created: false };
  // Only now the stricter right: a representative who may see an agent's draft does not send it for him.
  mustAllow(portalPolicy, citizen, 'applications.edit', {
    citizenId: loaded.row.citizenId,
    company: loaded.company && (await companies.findCompany(services.db, loaded.company.id)),
  });
  if (!UUID.test(submitKey)) {
    throw new AppError('VALIDATION', { fields: [{ field: 'submitKey', message: 'submitKeyMissing' }] });
  }
  const identity = await verifiedIdentity(services, loaded.row.citizenId);
  if (!identity)
    throw new AppError('VALIDATION', { fields: [{ field: 'submitKey', message: 'realNameNeeded' }] });
  const published = await findItem(services.db, loaded.row.itemId);
  if (!published) throw new AppError('NOT_FOUND');
  const now = services.now();
  try {
    return await services.db.transaction(async (tx) => {
      const row = await repo.lockApplication(tx, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (row.caseNumber) return { caseNumber: row.caseNumber, created: false };
      const form = services.forms.get(row.formId, row.formVersion);
      const incomplete = firstIncompletePage(form, row.answers as Answers);
      if (incomplete)
        throw new AppError('VALIDATION', {
          detail: incomplete.id,
          fields: [{ field: 'submitKey', message: 'incomplete' }],
        });
      const { answers } = submission(form, row.answers as Answers);
      if (row.companyId && (await repo.companyInFlight(tx, row.companyId, row.itemId)))
        throw new AppError('CONFLICT');
      const day = beijingDay(now).replaceAll('-', '');
      const unit = published.item.implementingUnit.unitCode;
      const sequence = await repo.nextCaseSequence(tx, unit, day);
      const caseNumber = `${unit}-${day}-${String(sequence).padStart(6, '0')}`;
      await repo.markSubmitted(tx, row.id, { submitKey, caseNumber, answers: answers as CaseAnswers, now });
      const applicant: Applicant = {
        citizenRef: row.citizenId,
        name: identity.name,
        idNumber: identity.idNumber,
        mobile: identity.mobile,
        ...(loaded.company
          ? {
              company: {
                companyRef: loaded.company.id,
                creditCode: loaded.company.creditCode,
                name: loaded.company.name,
                role: loaded.company.role,
              },
            }
          : {}),
      };
      const stream = `case:${caseNumber}`;
      await send(
        tx,
        applicationSubmitted,
        {
          applicationId: row.id,
          caseNumber,
          itemId: row.itemId,
          itemVersion: row.itemVersion,
          formId: form.id,
          formVersion: form.version,
          formHash: services.forms.hashOf(form.id, form.version)!,
          applicant,
          answers: answers as CaseAnswers,
          submittedAt: now.toISOString(),
        },
        { stream },
      );
      const fileIds = Object.values(answers).flatMap((value) =>
        Array.isArray(value)
          ? value.flatMap((v) =>
              typeof v === 'object' && v !== null && 'mediaType' in v ? [String(v.id)] : [],
            )
          : [],
      );
      for (const file of await repo.fileContents(tx, row.id, fileIds)) {
        await send(
          tx,
          attachmentSubmitted,
          {
            attachmentId: file.id,
            citizenRef: row.citizenId,
            purpose: 'application-material',
            file: { name: file.name, declaredType: file.mediaType, data: file.content.toString('base64') },
          },
          { stream },
        );
      }
      // In the same transaction: the text goes out exactly when the case exists. No personal data in it.
      await queueNotification(tx, {
        channel: 'sms',
        recipient: identity.mobile,
        template: 'application.submitted',
        body: `【示范市公安局】您的“${published.item.name.zh}”申请已提交，办件编号 ${caseNumber}。办理进展请在“我的办件”查看。`,
      });
      return { caseNumber, created: true };
    });
  } catch (error) {
    // The partial unique index: another submission of the same service by the same person won the race.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}
