import { sql } from 'kysely';
import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { outsideOffices } from '../core/office-scope.js';
import type { Office } from '../core/office-settings.js';
import type { OutboxItem } from '../core/outbox-port.js';
import type { DeliveryPayload, OfficeKind, ReportForm, SendTarget } from '../core/schema.js';
import type { Translate } from '../core/translate.js';
import { toReportForm } from '../plans/plan-forms.js';
import { officeVariables } from '../settings/office-terms.js';
import { readQuickTask } from '../quick/quick-task.js';
import { typedTimes } from '../quick/quick-task.service.js';
import { createCampaign, createTask, resolveUnits } from '../tasks/tasks.service.js';
import {
  countResidentialUnits,
  findProvinceSend,
  findSendOfCampaign,
  findSendForCommune,
  insertSendDraft,
  insertSendOffices,
  linkKeptTask,
  listCommuneAdmins,
  listCommunes,
  listProvinceSends,
  lockProvinceDraft,
  markOpened,
  markSent,
  rollupRowsQuery,
  rollupTotalsQuery,
  upsertCommunes,
} from './province.queries.js';

export const PROVINCE_KINDS: readonly OfficeKind[] = ['tinh', 'thanh-pho'];
export const COMMUNE_KINDS = ['xa', 'phuong', 'dac-khu'] as const;

/** A province (tỉnh, thành phố): its staff see its communes, not units. */
export function isProvince(office: Office | null): office is Office {
  return !!office && PROVINCE_KINDS.includes(office.kind);
}

/** A task as the province sends it down. */
export interface ProvinceSend {
  id: number;
  provinceId: number;
  title: string;
  template: string | null;
  form: ReportForm;
  dueAt: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  documentFileId: string | null;
  sentAt: Date | null;
}

export type DraftResult = { ok: true; send: ProvinceSend } | { ok: false; reason: 'not-a-task' | 'no-date' };

/**
 * A province admin's sentence ("Treo cờ Tổ quốc từ 23/7 đến hết 27/7"), read as /newtask's quick
 * reader reads it, kept as a draft (with the province's document when one came with it). Nothing
 * goes anywhere before the admin chooses the communes.
 */
export async function draftSend(
  db: Db,
  clock: Clock,
  o: { provinceId: number; actorId: number; text: string; zone: string; t: Translate; document: { fileId: string; name: string | null } | null },
): Promise<DraftResult> {
  const now = clock.now();
  const task = readQuickTask(o.text, { zone: o.zone, now, units: [] });
  if (task.title.length < 4 || (task.kind === null && task.when === null)) return { ok: false, reason: 'not-a-task' };
  const { dueAt, period } = typedTimes(task, o.zone);
  if (!dueAt || task.dateTrouble) return { ok: false, reason: 'no-date' };
  const form = toReportForm(task.form, o.t);
  const id = await insertSendDraft(db, { provinceId: o.provinceId, title: task.title, template: task.template, form, dueAt, period, document: o.document, sourceText: o.text, createdBy: o.actorId, now });
  const send = await findProvinceSend(db, o.provinceId, id);
  if (!send) throw new Error(`send ${id} vanished right after it was drafted`);
  return { ok: true, send };
}

export async function findSend(db: Db, provinceId: number, sendId: number): Promise<ProvinceSend | null> {
  return (await findProvinceSend(db, provinceId, sendId)) ?? null;
}

/** The communes a target means, among the province's. */
export async function communesFor(db: Db, provinceId: number, target: SendTarget): Promise<{ id: number; name: string | null; kind: OfficeKind }[]> {
  const all = await listCommunes(db, provinceId);
  if (target.mode === 'all') return all;
  if (target.mode === 'kinds') return all.filter((c) => target.kinds.includes(c.kind));
  return all.filter((c) => target.officeIds.includes(c.id));
}

export type SendResult = { ok: true; send: ProvinceSend; communeIds: number[] } | { ok: false; reason: 'not-found' | 'already-sent' | 'no-communes' };

/** Sends a draft to the chosen communes, once: a second press finds it sent. Audit-logged. */
export async function sendDown(db: Db, clock: Clock, o: { provinceId: number; actorId: number; sendId: number; target: SendTarget }): Promise<SendResult> {
  const communes = await communesFor(db, o.provinceId, o.target);
  return db.transaction().execute(async (trx): Promise<SendResult> => {
    const send = await lockProvinceDraft(trx, o.provinceId, o.sendId);
    if (!send) return { ok: false, reason: 'not-found' };
    if (send.sentAt) return { ok: false, reason: 'already-sent' };
    if (communes.length === 0) return { ok: false, reason: 'no-communes' };
    const now = clock.now();
    const communeIds = communes.map((c) => c.id);
    await insertSendOffices(trx, o.sendId, communeIds);
    await markSent(trx, o.sendId, o.target, now);
    await recordAudit(trx, { actorId: o.actorId, action: 'province.sent', subject: `send:${o.sendId}`, details: { target: o.target, communes: communeIds }, at: now });
    return { ok: true, send: { ...send, sentAt: now }, communeIds };
  });
}

/** What a commune's admin is sent: rendered in the commune's own words (its term, its unit count). */
export type RenderDraft = (communeId: number, locale: string | null, residentialUnits: number) => DeliveryPayload;

/** One draft per admin of each commune, through the outbox (paced, retried). */
export async function draftDeliveries(db: Db, clock: Clock, send: ProvinceSend, communeIds: number[], render: RenderDraft): Promise<OutboxItem[]> {
  const [admins, units] = await outsideOffices(() => Promise.all([listCommuneAdmins(db, communeIds), countResidentialUnits(db, communeIds)]));
  const counts = new Map(units.map((u) => [u.officeId, u.count]));
  return admins.map((a) => ({
    source: `province-send:${send.id}`,
    kind: 'notice' as const,
    chatId: a.chatId,
    memberId: a.memberId,
    payload: render(a.officeId, a.locale, counts.get(a.officeId) ?? 0),
    notBefore: clock.now(),
    expiresAt: null,
  }));
}

export type CommuneSend = ProvinceSend & { openedAt: Date | null; keptAt: Date | null; taskId: number | null };

/** A send as this commune received it (and now opened); null when it never went to this commune. */
export async function openForCommune(db: Db, clock: Clock, communeId: number, sendId: number): Promise<CommuneSend | null> {
  const found = await findSendForCommune(db, communeId, sendId);
  if (!found) return null;
  await markOpened(db, communeId, sendId, clock.now());
  return found;
}

export type KeepResult =
  | { ok: true; taskId: number; title: string; dueAt: Date; units: number; already: boolean }
  | { ok: false; reason: 'not-found' | 'no-units' | 'too-late'; provinceDueAt: Date | null };

/**
 * Keeps the province's task for the commune: a campaign named for it and the task for every
 * residential unit (or the units chosen), with the province's period and its deadline or an
 * earlier one. The press is the creation key: a second press keeps nothing twice.
 */
export async function keepForCommune(db: Db, clock: Clock, o: KeepInput): Promise<KeepResult> {
  // Two admins of one commune may press at the same moment (each chat's updates are handled in
  // order, two chats' are not): one keeps it, the other is told it is kept, with no second campaign.
  return db.connection().execute(async (conn) => {
    const key = sql`hashtext(${`province-keep:${o.sendId}:${o.communeId}`})`;
    await sql`select pg_advisory_lock(${KEEP_LOCK}, ${key})`.execute(conn);
    try {
      return await keepOnce(conn, clock, o);
    } finally {
      await sql`select pg_advisory_unlock(${KEEP_LOCK}, ${key})`.execute(conn);
    }
  });
}

type KeepInput = { communeId: number; actorId: number; sendId: number; dueAt?: Date; unitIds?: number[] };

/** The advisory-lock class of a commune keeping a province's send. */
const KEEP_LOCK = 7301;

async function keepOnce(db: Db, clock: Clock, o: KeepInput): Promise<KeepResult> {
  const send = await openForCommune(db, clock, o.communeId, o.sendId);
  if (!send) return { ok: false, reason: 'not-found', provinceDueAt: null };
  if (send.taskId) return { ok: true, taskId: send.taskId, title: send.title, dueAt: send.dueAt, units: 0, already: true };
  const dueAt = o.dueAt ?? send.dueAt;
  if (dueAt.getTime() > send.dueAt.getTime()) return { ok: false, reason: 'too-late', provinceDueAt: send.dueAt };
  const units = await resolveUnits(db, o.unitIds ? { mode: 'pick', unitIds: o.unitIds } : { mode: 'all-blocks' });
  if (units.length === 0) return { ok: false, reason: 'no-units', provinceDueAt: send.dueAt };
  const campaign = await createCampaign(db, clock, o.actorId, { name: send.title, startsOn: null, endsOn: null });
  const period = send.startsAt && send.endsAt ? { start: send.startsAt, end: send.endsAt } : null;
  const draft = { campaignId: campaign.id, title: send.title, description: null, template: send.template, dueAt, eventAt: null, period, form: send.form, unitIds: units.map((u) => u.id) };
  const task = await createTask(db, clock, o.actorId, draft, `province-send:${send.id}:${o.communeId}`, (trx, taskId) => linkKeptTask(trx, o.communeId, send.id, taskId, clock.now()));
  return { ok: true, taskId: task.id, title: send.title, dueAt, units: units.length, already: false };
}

export interface SendChoice {
  id: number;
  title: string;
  dueAt: Date;
  communes: number;
  kept: number;
}

export function listSends(db: Db, provinceId: number, limit = 8): Promise<SendChoice[]> {
  return listProvinceSends(db, provinceId, limit);
}

/** One commune's line of the roll-up. */
export interface CommuneProgress {
  officeId: number;
  name: string | null;
  kind: OfficeKind;
  state: 'not-opened' | 'opened' | 'kept';
  taskId: number | null;
  assigned: number;
  reported: number;
  households: number;
  numberTotal: number;
}

/** Communes in Vietnamese order (Đ after D), the same on every database. */
const byName = new Intl.Collator('vi');

type RollupRow = Awaited<ReturnType<ReturnType<typeof rollupRowsQuery>['execute']>>[number];

function toProgress(r: RollupRow): CommuneProgress {
  return {
    officeId: r.officeId,
    name: r.name,
    kind: r.kind,
    state: r.state,
    taskId: r.taskId,
    assigned: Number(r.assigned),
    reported: Number(r.reported),
    households: Number(r.households),
    numberTotal: Number(r.numberTotal),
  };
}

/** Every commune of one send, in Vietnamese name order (the export and the report list them all). */
export async function provinceRollup(db: Db, provinceId: number, sendId: number): Promise<CommuneProgress[]> {
  const rows = await rollupRowsQuery(db, provinceId, sendId).execute();
  return rows.map(toProgress).sort((a, b) => byName.compare(a.name ?? '', b.name ?? ''));
}

/** One commune's row of this province's send; null when the send is not the province's or did not go to that commune. */
export async function communeProgress(db: Db, provinceId: number, sendId: number, communeId: number): Promise<CommuneProgress | null> {
  const [row] = await rollupRowsQuery(db, provinceId, sendId, { communeId }).execute();
  return row ? toProgress(row) : null;
}

export interface RollupTotals {
  communes: number;
  kept: number;
  started: number;
  owing: number;
  assigned: number;
  reported: number;
  households: number;
  numberTotal: number;
}

/** What the province's /status and /pending show: the totals, and at most `limit` communes (those furthest behind when there are more). */
export interface ProvinceStatus {
  totals: RollupTotals;
  communes: CommuneProgress[];
  /** How many communes the list leaves out. */
  more: number;
}

/**
 * The province's roll-up of one send: totals over every commune, and the communes themselves
 * (all of them, by name, when they fit; otherwise those furthest behind). Two indexed reads of
 * the per-commune counters, whatever the number of units and reports below.
 */
export async function provinceStatus(db: Db, provinceId: number, sendId: number, o: { limit: number; owingOnly?: boolean }): Promise<ProvinceStatus> {
  const [t, rows] = await Promise.all([
    rollupTotalsQuery(db, provinceId, sendId).executeTakeFirstOrThrow(),
    rollupRowsQuery(db, provinceId, sendId, { limit: o.limit, ...(o.owingOnly ? { owingOnly: true } : {}) }).execute(),
  ]);
  const totals: RollupTotals = { ...t, households: Number(t.households), numberTotal: Number(t.numberTotal) };
  const listed = o.owingOnly ? totals.owing : totals.communes;
  const communes = rows.map(toProgress);
  if (listed <= o.limit) communes.sort((a, b) => byName.compare(a.name ?? '', b.name ?? ''));
  return { totals, communes, more: Math.max(0, listed - communes.length) };
}

/**
 * What a commune's results report cites when its campaign came from the province: "văn bản của
 * UBND tỉnh Quảng Trị về việc treo cờ Tổ quốc"; null for a campaign of the commune's own.
 */
export async function provinceCitation(db: Db, campaignId: number, t: Translate): Promise<string | null> {
  const found = await findSendOfCampaign(db, campaignId);
  if (!found) return null;
  const province: Office = { id: found.provinceId, name: found.provinceName, kind: found.provinceKind, parentId: found.provinceParentId };
  const from = officeVariables(province, t).officeTitle ?? '';
  const title = found.title.charAt(0).toLocaleLowerCase('vi') + found.title.slice(1);
  return t('pv-cite', { from, title });
}

/** Adds the pasted communes under the province (those it has already are kept as they are); audit-logged. */
export async function addCommunes(db: Db, clock: Clock, o: { provinceId: number; actorId: number; communes: { name: string; kind: OfficeKind }[] }) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const communes = await upsertCommunes(trx, o.provinceId, o.communes, now);
    await recordAudit(trx, { actorId: o.actorId, action: 'province.communes', subject: `office:${o.provinceId}`, details: { communes: communes.map((c) => c.id) }, at: now });
    return communes;
  });
}
