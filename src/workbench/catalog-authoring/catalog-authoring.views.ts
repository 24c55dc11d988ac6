import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../shared/http/errors.ts';
import { takeFlash } from '../../shared/http/flash.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchContext } from '../page.ts';
import { workbenchPolicy } from '../policy.ts';
import { staffOf } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { unitsInReach } from '../staff/staff.repository.ts';
import { evaluateInput, type Evaluation } from './catalog-authoring.check.ts';
import { listDocuments, pendingDocumentsOf } from './catalog-authoring.documents.ts';
import { documentsPage } from './catalog-authoring.documents.pages.tsx';
import { editorPage } from './catalog-authoring.editor.tsx';
import type { Nested } from './catalog-authoring.groups.ts';
import { inputFromBody } from './catalog-authoring.form.ts';
import { itemPage } from './catalog-authoring.item.tsx';
import { newItemPage } from './catalog-authoring.pages.tsx';
import { isOwnWork } from './catalog-authoring.policy.ts';
import { findVersion, versionsOf } from './catalog-authoring.repository.ts';
import { editorState, visibleItem } from './catalog-authoring.service.ts';

// The catalogue's form pages, loaded and rendered: a route shows one on GET, and again with what was typed
// and what was wrong when the form is refused, by its handler or at the edge (the route's `config.formPage`).

/**
 * The guide a form page is about. A page shown again for a refusal at the edge reads the address's id as
 * sent, since the refusal may be the id's own; a wrong one then finds no guide.
 */
export function guideIdOf(request: FastifyRequest): string {
  const params = request.params;
  return params && typeof params === 'object' && 'id' in params && typeof params.id === 'string'
    ? params.id
    : '';
}

/** What a refused form carries back to its page. */
export interface Refused {
  values?: Record<string, string>;
  errors?: FieldError[];
}

export async function newItemView(
  services: ZoneServices,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Refused = {},
): Promise<string> {
  const units = await unitsInReach(services.db, reachOf(staffOf(request), 'catalog.edit'));
  return newItemPage({ ctx: workbenchContext(request, reply), units, ...form });
}

/** One guide with its history and, for an approver, the decisions open to him. */
export async function itemView(
  services: ZoneServices,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  form: Refused = {},
): Promise<string> {
  const me = staffOf(request);
  const item = await visibleItem(services, me, id);
  const versions = await versionsOf(services.db, item.id);
  const current = versions.find((v) => v.version === item.currentVersion);
  const canDecide = workbenchPolicy.can(me, 'catalog.publish', item);
  const inReview = canDecide && current?.state === 'in-review';
  const pendingDocuments = inReview
    ? await pendingDocumentsOf(
        services.db,
        (await findVersion(services.db, item.id, item.currentVersion))?.content,
      )
    : [];
  return itemPage({
    ctx: workbenchContext(request, reply),
    item,
    versions,
    canEdit: workbenchPolicy.can(me, 'catalog.edit', item),
    canDecide,
    ownWork: current ? isOwnWork(me, current) : false,
    pendingDocuments,
    flash: takeFlash(request),
    ...form,
  });
}

/**
 * The editor again after a post that saved nothing or was refused: what was typed comes back in every case,
 * with the check as it stands, or the refused submission's own evaluation, or the refusal at the edge (a field
 * too long, a control character) beside its field.
 */
export async function editorAgainView(
  services: ZoneServices,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  again: { errors?: FieldError[]; refused?: Evaluation; conflict?: number; groups?: Nested },
): Promise<string> {
  const state = await editorState(services, staffOf(request), id);
  const input = inputFromBody(request.body);
  return editorPage({
    ctx: workbenchContext(request, reply),
    state,
    input,
    evaluation:
      again.refused ?? evaluateInput(input, { id, version: state.targetVersion }, state.current.content),
    ...(again.refused ? { refused: true } : {}),
    ...(again.conflict !== undefined ? { conflict: again.conflict } : {}),
    ...(again.errors ? { fieldErrors: again.errors } : {}),
    ...(again.groups ? { groups: again.groups } : {}),
  });
}

export async function documentsView(
  services: ZoneServices,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Refused = {},
): Promise<string> {
  return documentsPage({
    ctx: workbenchContext(request, reply),
    rows: await listDocuments(services.db),
    // Documents are no unit's: an editor anywhere may add or replace one (see the document routes).
    canUpload: workbenchPolicy.can(staffOf(request), 'catalog.edit'),
    flash: takeFlash(request),
    ...form,
  });
}
