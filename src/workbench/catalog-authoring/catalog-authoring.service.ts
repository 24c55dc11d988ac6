import { and, eq } from 'drizzle-orm';
import { areaCodes, type Area, type UnitLevel } from '../../shared/catalog/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { UnitKind } from '../db/schema.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { evaluateInput, type Evaluation } from './catalog-authoring.check.ts';
import { withDocumentCheck } from './catalog-authoring.documents.ts';
import { itemToInput } from './catalog-authoring.form.ts';
import { CatalogFieldError, type CatalogMessage } from './catalog-authoring.messages.ts';
import { mayEdit } from './catalog-authoring.policy.ts';
import {
  findItem,
  findVersion,
  unitOf,
  unitPathOf,
  type ItemRecord,
} from './catalog-authoring.repository.ts';
import {
  catalogItems as items,
  catalogItemVersions as versions,
  type CatalogVersionRow,
  type EditorInput,
} from './catalog-authoring.tables.ts';
import {
  catalogVersionStore,
  catalogVersionWorkflow,
  newVersionWorkflow,
} from './catalog-authoring.workflow.ts';

// Authoring of service guides (the approver's side is catalog-authoring.review.ts). Every change re-reads and
// locks the item inside its transaction, checks the officer's jurisdiction there (not what the page showed),
// and commits together with its audit entry.

export const ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Ids that would be shadowed by the catalogue's own pages (/catalog/new, /catalog/review, /catalog/documents). */
const RESERVED_IDS = ['new', 'review', 'documents'];

export { streamOf } from './catalog-authoring.workflow.ts';

/** A draft or a decision refused because the guide breaks rules; carries the whole evaluation for the page. */
export class CatalogCheckError extends AppError {
  constructor(readonly evaluation: Evaluation) {
    super('VALIDATION', {
      fields: evaluation.problems.map((p) => ({ field: p.field, message: p.message.zh })),
    });
  }
}

/** The item as the officer may see it; out of reach and unknown get the same 404. */
export async function visibleItem(services: ZoneServices, me: CurrentStaff, id: string): Promise<ItemRecord> {
  return reachable(me, id, () => findItem(services.db, id));
}

/** The same, locked for a change inside the caller's transaction. */
export async function lockedItem(tx: Tx, me: CurrentStaff, id: string): Promise<ItemRecord> {
  return reachable(me, id, () => findItem(tx, id, { lock: true }));
}

async function reachable(
  me: CurrentStaff,
  id: string,
  find: () => Promise<ItemRecord | undefined>,
): Promise<ItemRecord> {
  // An officer with no catalogue duty anywhere is refused outright, which tells him nothing about any item.
  // The routes refuse him before this; services called on their own hold the same line.
  if (!workbenchPolicy.can(me, 'catalog.view')) throw new AppError('FORBIDDEN');
  if (!ITEM_ID.test(id)) throw new AppError('NOT_FOUND');
  const item = await find();
  if (!item) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'catalog.view', item);
  return item;
}

export async function currentVersionOf(tx: Tx, item: ItemRecord): Promise<CatalogVersionRow> {
  const version = await findVersion(tx, item.id, item.currentVersion);
  if (!version) throw new Error(`catalog item ${item.id} has no version ${item.currentVersion}`);
  return version;
}

function levelOf(kind: string): UnitLevel {
  const k = kind as UnitKind;
  switch (k) {
    case 'bureau':
    case 'department':
      return 'city';
    case 'sub-bureau':
    case 'traffic-site':
    case 'exit-entry-office':
      return 'district';
    case 'station':
    case 'community-office':
      return 'station';
  }
}

// ------------------------------------------------------------------------------------------------- creating

export interface NewItemInput {
  id?: string | undefined;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  area?: string | undefined;
  unitCode?: string | undefined;
}

const isArea = (v: unknown): v is Area =>
  typeof v === 'string' && (areaCodes as readonly string[]).includes(v);

/** A new guide as version 1, a draft that names itself and its unit; the editor fills in the rest. */
export async function createItem(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  input: NewItemInput,
): Promise<string> {
  const problems: { field: string; key: CatalogMessage }[] = [];
  const id = input.id?.trim() ?? '';
  if (!id) problems.push({ field: 'id', key: 'catalog.id.missing' });
  else if (RESERVED_IDS.includes(id)) problems.push({ field: 'id', key: 'catalog.id.reserved' });
  else if (!ITEM_ID.test(id) || id.length > 64) problems.push({ field: 'id', key: 'catalog.id.form' });
  const nameZh = input.nameZh?.trim() ?? '';
  if (!nameZh) problems.push({ field: 'nameZh', key: 'catalog.nameZh.missing' });
  const nameEn = input.nameEn?.trim() ?? '';
  if (!nameEn) problems.push({ field: 'nameEn', key: 'catalog.nameEn.missing' });
  if (!isArea(input.area)) problems.push({ field: 'area', key: 'catalog.area.missing' });
  const unit = input.unitCode ? await unitOf(services.db, input.unitCode) : undefined;
  if (!unit || !mayEdit(me, unit.path)) problems.push({ field: 'unitCode', key: 'catalog.unit.outOfReach' });
  if (problems.length > 0 || !unit || !isArea(input.area)) throw new CatalogFieldError(problems);
  const area = input.area;

  const editorInput: EditorInput = {
    ...itemToInput({}),
    nameZh,
    nameEn,
    area,
    unitCode: unit.code,
    unitName: unit.name,
    unitLevel: levelOf(unit.kind),
    statutoryUnit: 'working-days',
    promisedUnit: 'working-days',
  };
  const { item } = evaluateInput(editorInput, { id, version: 1 }, {});
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(items)
      .values({
        id,
        area,
        nameZh,
        nameEn,
        unitCode: unit.code,
        currentVersion: 1,
        publishedVersion: null,
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: items.id })
      .returning({ id: items.id });
    if (!created) throw new CatalogFieldError([{ field: 'id', key: 'catalog.id.taken' }]);
    await tx.insert(versions).values({
      itemId: id,
      version: 1,
      content: item,
      input: editorInput,
      state: 'draft',
      ...newVersionWorkflow(),
      authorBadge: me.badgeNo,
      editors: [me.badgeNo],
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, {
      ...by,
      action: 'catalog.create',
      target: `catalog:${id}`,
      detail: { version: 1, unit: unit.code },
      at: now,
    });
    return id;
  });
}

// -------------------------------------------------------------------------------------------------- editing

export interface EditorState {
  item: ItemRecord;
  current: CatalogVersionRow;
  /** What the editor shows: the draft as last typed, or the current version's content. */
  input: EditorInput;
  evaluation: Evaluation;
  /** The version a save will write: the current draft, or the next one. */
  targetVersion: number;
  /** False while the current version is with an approver. */
  editable: boolean;
}

export async function editorState(
  services: ZoneServices,
  me: CurrentStaff,
  id: string,
): Promise<EditorState> {
  const item = await visibleItem(services, me, id);
  if (!mayEdit(me, item.unitPath)) throw new AppError('FORBIDDEN');
  const current = await findVersion(services.db, item.id, item.currentVersion);
  if (!current) throw new AppError('NOT_FOUND');
  const input = current.state === 'draft' && current.input ? current.input : itemToInput(current.content);
  const targetVersion = current.state === 'draft' ? current.version : current.version + 1;
  return {
    item,
    current,
    input,
    evaluation: evaluateInput(input, { id: item.id, version: targetVersion }, current.content),
    targetVersion,
    editable: current.state !== 'in-review',
  };
}

/** The check the editor shows while typing; it saves nothing. */
export async function checkInput(
  services: ZoneServices,
  me: CurrentStaff,
  id: string,
  input: EditorInput,
): Promise<Evaluation> {
  const item = await visibleItem(services, me, id);
  if (!mayEdit(me, item.unitPath)) throw new AppError('FORBIDDEN');
  const current = await findVersion(services.db, item.id, item.currentVersion);
  const target = current?.state === 'draft' ? item.currentVersion : item.currentVersion + 1;
  return evaluateInput(input, { id: item.id, version: target }, current?.content ?? {});
}

/** The guide changed under the editor (someone saved a new version, or it went to review). */
export class CatalogConflictError extends AppError {
  constructor(readonly currentVersion: number) {
    super('CONFLICT');
  }
}

export interface SaveResult {
  version: number;
  evaluation: Evaluation;
  submitted: boolean;
}

/**
 * Saves what was typed, always (even when it breaks the schema or the rules), into the current draft, or into
 * a new draft when the current version is already submitted, returned or published. With `submit` the draft
 * also goes to review, but only when nothing at all is wrong with it; otherwise it is saved and a
 * CatalogCheckError lists every problem.
 */
export async function saveDraft(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  options: { baseVersion: number; input: EditorInput; submit: boolean },
): Promise<SaveResult> {
  const now = services.now();
  const result = await services.db.transaction(async (tx) => {
    const item = await lockedItem(tx, me, id);
    if (!mayEdit(me, item.unitPath)) throw new AppError('FORBIDDEN');
    const current = await currentVersionOf(tx, item);
    if (current.state === 'in-review' || options.baseVersion !== current.version)
      throw new CatalogConflictError(current.version);
    const target = current.state === 'draft' ? current.version : current.version + 1;
    const evaluation = await withDocumentCheck(
      tx,
      evaluateInput(options.input, { id: item.id, version: target }, current.content),
    );

    // Moving a guide to another unit must stay inside the editor's reach, or he would lock himself out of it.
    const unitCode =
      typeof evaluation.item.implementingUnit === 'object' ? readUnitCode(evaluation.item) : '';
    let newUnit = item.unitCode;
    if (unitCode && unitCode !== item.unitCode) {
      if (!mayEdit(me, await unitPathOf(tx, unitCode))) {
        throw new CatalogCheckError({
          ...evaluation,
          problems: [
            {
              field: 'unitCode',
              kind: 'input',
              message: {
                zh: `实施主体 ${unitCode} 不在您的管辖范围内，未保存。`,
                en: `The unit ${unitCode} is outside your jurisdiction; nothing was saved.`,
              },
            },
            ...evaluation.problems,
          ],
        });
      }
      newUnit = unitCode;
    }

    const ready = evaluation.problems.length === 0 && evaluation.schemaValid && evaluation.rulesRan;
    const submitting = options.submit && ready;
    const name = evaluation.item.name as { zh?: unknown; en?: unknown } | undefined;
    const area = isArea(evaluation.item.area) ? evaluation.item.area : item.area;
    const editors = current.state === 'draft' ? [...new Set([...current.editors, me.badgeNo])] : [me.badgeNo];
    const submitted = submitting ? { submittedAt: now, submittedBy: me.badgeNo } : {};
    if (current.state === 'draft') {
      await tx
        .update(versions)
        .set({ content: evaluation.item, input: options.input, editors, updatedAt: now, ...submitted })
        .where(and(eq(versions.itemId, item.id), eq(versions.version, current.version)));
    } else {
      await tx.insert(versions).values({
        itemId: item.id,
        version: target,
        content: evaluation.item,
        input: options.input,
        state: 'draft',
        ...newVersionWorkflow(),
        authorBadge: me.badgeNo,
        editors,
        createdAt: now,
        updatedAt: now,
        ...submitted,
      });
    }
    await tx
      .update(items)
      .set({
        area,
        nameZh: typeof name?.zh === 'string' && name.zh ? name.zh : item.nameZh,
        nameEn: typeof name?.en === 'string' && name.en ? name.en : item.nameEn,
        unitCode: newUnit,
        currentVersion: target,
        status: submitting ? 'in-review' : 'draft',
        updatedAt: now,
      })
      .where(eq(items.id, item.id));
    if (submitting) {
      await transition(tx, {
        versions: catalogVersionWorkflow,
        store: catalogVersionStore,
        ports: workbenchPorts(by, services.calendar),
        key: { itemId: item.id, version: target },
        action: 'submit',
        actor: staffActor(me, item.unitPath),
        data: { problems: evaluation.problems.length },
        now,
      });
    } else {
      await recordAudit(tx, {
        ...by,
        action: 'catalog.save',
        target: `catalog:${item.id}`,
        detail: { version: target, problems: evaluation.problems.length },
        at: now,
      });
    }
    return { version: target, evaluation, submitted: submitting };
  });
  // Saved either way; a refused submission reports its problems after the save has committed.
  if (options.submit && !result.submitted) throw new CatalogCheckError(result.evaluation);
  return result;
}

function readUnitCode(item: Record<string, unknown>): string {
  const unit = item.implementingUnit as { unitCode?: unknown } | undefined;
  const code = typeof unit?.unitCode === 'string' ? unit.unitCode : '';
  return /^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*$/.test(code) ? code : '';
}
