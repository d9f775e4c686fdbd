import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { inOffice } from '../core/office-scope.js';
import { authenticate, findViewer, type Viewer } from './dashboard.auth.js';
import { type ExportFormat, type ExportTarget, LINK_TTL_SECONDS, type LinkSigner } from './dashboard.links.js';
import { findCurrentPhoto, isLinkSpent, purgeSpentLinks, spendLink } from './dashboard.queries.js';
import { campaignView, listCampaigns, taskPhotos, taskUnits, UNIT_FILTERS, type UnitFilter } from './dashboard.service.js';
import type { DashboardPage } from './dashboard.page.js';
import type { RemindOutcome } from '../officials/remind-unit.service.js';

export const PREFIX = '/dashboard';
const MAX_URL = 2048;
/** Ids are bounded to 9 digits, so a forged one never reaches a query as a bigint. */
const ID = '([1-9][0-9]{0,8})';

export interface DashboardDeps {
  /** The office-scoped handle (OfficeScopePlugin): each request runs inside inOffice(viewer's office). */
  db: Db;
  clock: Clock;
  botToken: string;
  page: DashboardPage;
  /** A report photo's bytes (through getFile and the Bot API file endpoint), never its URL. */
  photoBytes(fileId: string): Promise<Uint8Array>;
  /** The officials slice's "Nhắc lại" for one unit. */
  remind(viewer: Viewer, taskId: number, unitId: number): Promise<RemindOutcome>;
  exportFile(viewer: Viewer, scope: { kind: 'campaign' | 'task'; id: number }, format: 'xlsx' | 'csv'): Promise<{ bytes: Buffer; fileName: string } | null>;
  /** The campaign's results report (DOCX), as /report sends it in chat. */
  reportFile(viewer: Viewer, campaignId: number): Promise<ReportFile>;
  /** The name a file will have, checked as far as it can be without building it (a download link is issued only then). */
  exportName(viewer: Viewer, target: ExportTarget): Promise<{ ok: true; fileName: string } | { ok: false; reason: 'not-found' | 'details-missing' }>;
  /** Signs the links Telegram's downloadFile fetches (it cannot send our Authorization header). */
  links: LinkSigner;
}

export type ReportFile = { ok: true; bytes: Buffer; fileName: string } | { ok: false; reason: 'not-found' | 'details-missing' };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Reply = { status: number; json: unknown } | { status: 200; bytes: Uint8Array | Buffer; type: string; fileName?: string };
type Route = { method?: 'POST'; pattern: RegExp; run: (deps: DashboardDeps, viewer: Viewer, match: string[], query: URLSearchParams) => Promise<Reply> };

const notFound: Reply = { status: 404, json: { error: 'not-found' } };
const ok = (json: unknown): Reply => (json === null ? notFound : { status: 200, json });

const ROUTES: Route[] = [
  { pattern: /^\/api\/campaigns$/, run: async (d) => ok({ campaigns: await listCampaigns(d.db) }) },
  { pattern: new RegExp(`^/api/campaigns/${ID}$`), run: async (d, _v, [id]) => ok(await campaignView(d.db, Number(id), d.clock.now())) },
  {
    pattern: new RegExp(`^/api/tasks/${ID}/units$`),
    run: async (d, _v, [id], q) => {
      const filter = q.get('filter') ?? 'all';
      if (!(UNIT_FILTERS as readonly string[]).includes(filter)) return { status: 400, json: { error: 'bad-filter' } };
      return ok(await taskUnits(d.db, Number(id), filter as UnitFilter, d.clock.now()));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/tasks/${ID}/units/${ID}/remind$`),
    run: async (d, v, [taskId, unitId]) => {
      const outcome = await d.remind(v, Number(taskId), Number(unitId));
      if (outcome.ok) return { status: 200, json: outcome };
      return { status: outcome.reason === 'not-found' ? 404 : 409, json: { error: outcome.reason } };
    },
  },
  { pattern: new RegExp(`^/api/tasks/${ID}/photos$`), run: async (d, _v, [id]) => ok(await taskPhotos(d.db, Number(id))) },
  {
    pattern: new RegExp(`^/api/photos/${ID}$`),
    run: async (d, _v, [id]) => {
      const photo = await findCurrentPhoto(d.db, Number(id));
      if (!photo) return notFound;
      const bytes = await d.photoBytes(photo.fileId).catch(() => null);
      return bytes ? { status: 200, bytes, type: 'image/jpeg' } : { status: 502, json: { error: 'photo-unavailable' } };
    },
  },
  {
    pattern: new RegExp(`^/api/export/(campaign|task)/${ID}\\.(xlsx|csv|docx)$`),
    run: async (d, v, [kind, id, format]) => exportReply(d, v, { kind: kind as ExportTarget['kind'], id: Number(id), format: format as ExportFormat }),
  },
  {
    // A signed link to the same file, for Telegram's downloadFile: only for a file this member may have now.
    method: 'POST',
    pattern: new RegExp(`^/api/links/(campaign|task)/${ID}\\.(xlsx|csv|docx)$`),
    run: async (d, v, [kind, id, format]) => {
      const target: ExportTarget = { kind: kind as ExportTarget['kind'], id: Number(id), format: format as ExportFormat };
      if (target.kind === 'task' && target.format === 'docx') return { status: 400, json: { error: 'bad-request' } };
      const name = await d.exportName(v, target);
      if (!name.ok) return name.reason === 'not-found' ? notFound : { status: 409, json: { error: 'report-details-missing' } };
      const expiresAt = Math.floor(d.clock.now().getTime() / 1000) + LINK_TTL_SECONDS;
      const token = d.links.sign({ ...target, memberId: v.memberId, officeId: v.officeId, expiresAt });
      return { status: 200, json: { url: `api/file/${token}`, fileName: name.fileName, expiresAt: new Date(expiresAt * 1000).toISOString() } };
    },
  },
];

const SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An export or the results report, as the chat sends it: the exports slice's XLSX/CSV, the results report's DOCX. */
async function exportReply(d: DashboardDeps, v: Viewer, target: ExportTarget): Promise<Reply> {
  if (target.format === 'docx') {
    if (target.kind !== 'campaign') return { status: 400, json: { error: 'bad-request' } };
    const file = await d.reportFile(v, target.id);
    if (file.ok) return { status: 200, bytes: file.bytes, type: DOCX, fileName: file.fileName };
    // The office's report details are asked once, in chat (/report): the page says so.
    return file.reason === 'not-found' ? notFound : { status: 409, json: { error: 'report-details-missing' } };
  }
  const file = await d.exportFile(v, { kind: target.kind, id: target.id }, target.format);
  if (!file) return notFound;
  return { status: 200, bytes: file.bytes, type: target.format === 'csv' ? 'text/csv; charset=utf-8' : SHEET, fileName: file.fileName };
}

/**
 * A download link (GET, no Authorization: Telegram fetches it): the signature and expiry, whether
 * it was spent, then the member as of now (still an admin or official, still in the office the
 * link was signed for), then the file, scoped to that office like any request. A link is spent by
 * its first GET, in the database, so a restart or a second process never gives it again.
 */
async function linkDownload(deps: DashboardDeps, req: IncomingMessage, token: string): Promise<Reply> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, json: { error: 'method-not-allowed' } };
  const now = deps.clock.now();
  const check = deps.links.check(token, now);
  if (!check.ok) return { status: check.reason === 'bad-link' ? 403 : 410, json: { error: check.reason } };
  const { claims, spendKey } = check;
  const used: Reply = { status: 410, json: { error: 'link-used' } };
  if (await isLinkSpent(deps.db, spendKey)) return used;
  const viewer = await findViewer(deps.db, { memberId: claims.memberId });
  if (!viewer || viewer.officeId !== claims.officeId) return { status: 403, json: { error: 'forbidden' } };
  if (req.method === 'HEAD') return { status: 200, json: {} };
  if (!(await spendLink(deps.db, { spendKey, officeId: claims.officeId, expiresAt: new Date(claims.expiresAt * 1000) }))) return used;
  await purgeSpentLinks(deps.db, now);
  return inOffice(viewer.officeId, () => exportReply(deps, viewer, claims));
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if ('json' in reply) {
    res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.json));
    return;
  }
  if (reply.fileName) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(reply.fileName)}`;
  res.writeHead(200, { ...headers, 'content-type': reply.type, 'content-length': String(reply.bytes.length) });
  res.end(reply.bytes);
}

/** `Authorization: tma <initData>`, as the Mini Apps documentation suggests; empty when absent. */
function initDataOf(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('tma ') ? header.slice(4) : '';
}

async function api(deps: DashboardDeps, req: IncomingMessage, path: string, query: URLSearchParams): Promise<Reply> {
  if (path.startsWith('/api/file/')) return linkDownload(deps, req, path.slice('/api/file/'.length));
  if (req.method !== 'GET' && req.method !== 'POST') return { status: 405, json: { error: 'method-not-allowed' } };
  // No endpoint takes a body: one that comes is refused before anything is read or written.
  if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding']) return { status: 413, json: { error: 'no-body-expected' } };
  const route = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  // Authentication first: a stranger learns nothing, not even which paths exist.
  const auth = await authenticate(deps.db, initDataOf(req), deps.botToken, deps.clock.now());
  if (!auth.ok) return { status: auth.status, json: { error: auth.status === 401 ? 'unauthorized' : 'forbidden' } };
  if (!route?.m) return { status: 400, json: { error: 'bad-request' } };
  if ((route.r.method ?? 'GET') !== req.method) return { status: 405, json: { error: 'method-not-allowed' } };
  const { viewer } = auth;
  const args = route.m.slice(1);
  // Everything the route queries, reads or writes is the viewer's office's, as in a chat update.
  return inOffice(viewer.officeId, () => route.r.run(deps, viewer, args, query));
}

/**
 * The dashboard's HTTP side, under /dashboard: the page and its assets (public, no data) and
 * the API (initData checked on every request). Returns false for any other path.
 */
export function serveDashboard(deps: DashboardDeps, req: IncomingMessage, res: ServerResponse): boolean {
  const raw = req.url ?? '';
  if (raw !== PREFIX && !raw.startsWith(`${PREFIX}/`) && !raw.startsWith(`${PREFIX}?`)) return false;
  if (raw.length > MAX_URL) {
    send(res, { status: 414, json: { error: 'uri-too-long' } });
    return true;
  }
  const url = new URL(raw, 'http://localhost');
  const path = url.pathname.slice(PREFIX.length) || '/';
  const reply = path.startsWith('/api/') ? api(deps, req, path, url.searchParams) : Promise.resolve(deps.page.serve(path));
  void reply.then(
    (r) => send(res, r),
    () => send(res, { status: 500, json: { error: 'internal' } }),
  );
  return true;
}
