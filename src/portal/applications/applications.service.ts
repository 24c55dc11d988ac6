import {
  firstIncompletePage,
  isApplicable,
  itemMaterials,
  type Answers,
  type FormDefinition,
  type FormVersions,
  type Profile,
} from '../../shared/application-forms/index.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { parseIdNumber } from '../../shared/validators/id-number.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { liveItem } from '../catalog/catalog.service.ts';
import * as companies from '../companies/companies.repository.ts';
import { roleIn } from '../companies/companies.policy.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import type { Courier } from '../delivery/delivery.courier.ts';
import * as repo from './applications.repository.ts';

// The citizen's online application: a draft saved at every page, checked against the form version it was
// started with, then submitted in one transaction that numbers the case and sends it across the boundary.

export interface ApplyServices extends ZoneServices {
  forms: FormVersions;
  /** The courier, when results may be sent by post (the delivery step). */
  courier?: Courier | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isUuid = (value: string): boolean => UUID.test(value);

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
  const published = await liveItem(services.db, slug);
  const formId = published?.item.onlineForm;
  const form = formId === undefined ? undefined : services.forms.current(formId);
  if (!published || !form) throw new AppError('NOT_FOUND');
  return { item: published.item, version: published.version, form };
}

/** The published item of an application (a withdrawn item still has its applications). */
export async function itemOf(services: ApplyServices, itemId: string) {
  const published = await liveItem(services.db, itemId);
  return { item: published?.item };
}

/** What the start page says about the materials: what to upload, and what the police look up themselves. */
export function materialsOf(item: ServiceItem, form: FormDefinition, lang: Lang = 'zh') {
  // The English page names a material in English where the guide has it (one code, one name: the rules).
  const english = new Map(
    item.situations.flatMap((s) =>
      s.materials.flatMap((m) => (m.code && m.nameEn ? [[m.code, m.nameEn]] : [])),
    ),
  );
  const materials = new Map(
    [...itemMaterials(item)].map(([code, m]) => [
      code,
      { name: (lang === 'en' ? english.get(code) : undefined) ?? m.name },
    ]),
  );
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
      companies: (CompanyChoice & { draft?: boolean; inFlight?: boolean })[];
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
  if (!(await verifiedIdentity(services, citizen.id, citizen))) return { kind: 'unverified' };
  if (form.applicant === 'company') {
    const choices = await companiesActedFor(services, citizen.id);
    if (choices.length === 0) return { kind: 'no-company' };
    // What each company already has for this service, so the choice says where it would lead.
    const options = await Promise.all(
      choices.map(async (choice) => {
        const open = await repo.openApplicationsFor(services.db, citizen.id, item.id, choice.id);
        return { ...choice, draft: Boolean(open.draft), inFlight: Boolean(open.inFlight) };
      }),
    );
    return { kind: 'ready', companies: options };
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

/**
 * The verified identity of a citizen; `known` is the signed-in citizen, whose account the request has read
 * already (session.ts), so his own costs no query.
 */
export async function verifiedIdentity(
  services: ApplyServices,
  citizenId: string,
  known?: CurrentCitizen,
): Promise<Identity | undefined> {
  const row =
    known?.id === citizenId && known.identity
      ? known.identity
      : await repo.citizenIdentity(services.db, citizenId);
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
  if (!(await verifiedIdentity(services, citizen.id, citizen))) {
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
  /** The row's version as read (repo.findApplication), to write it back only if unchanged. */
  rowVersion?: string | undefined;
  form: FormDefinition;
  answers: Answers;
  company?: { id: string; name: string; creditCode: string; role: ActingRole } | undefined;
  /** The company as the policy saw it, for a later check of a stricter right without reading it again. */
  companyRecord?: Awaited<ReturnType<typeof companies.findCompany>>;
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
    rowVersion: row.rowVersion,
    form,
    answers: row.answers as Answers,
    companyRecord: company,
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
  const identity = await verifiedIdentity(services, loaded.row.citizenId, loaded.viewer);
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
