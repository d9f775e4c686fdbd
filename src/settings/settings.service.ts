import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { ResidentialTerm } from '../core/schema.js';
import { currentOfficeId } from '../core/office-scope.js';
import { DEFAULT_SETTINGS, type Office, type OfficeSettings, type OfficeSettingsView } from '../core/office-settings.js';
import { selectOfficesWithSettings, updateOfficeSettings } from './settings.queries.js';

export const RESIDENTIAL_TERMS: readonly ResidentialTerm[] = ['khoi', 'to-dan-pho', 'thon', 'ban', 'ap', 'khom'];

export function isResidentialTerm(value: string | null | undefined): value is ResidentialTerm {
  return RESIDENTIAL_TERMS.some((t) => t === value);
}

type SettingsRow = Awaited<ReturnType<typeof selectOfficesWithSettings>>[number];

export function toOfficeSettings(row: SettingsRow | undefined): OfficeSettings {
  if (!row || row.id === null) return DEFAULT_SETTINGS;
  return {
    residentialTerm: row.residential_term,
    tetPause: row.tet_pause ?? DEFAULT_SETTINGS.tetPause,
    report: {
      officeName: row.office_name,
      parentBody: row.parent_body,
      place: row.place,
      signerTitle: row.signer_title,
      signerName: row.signer_name,
      signsForChair: row.signs_for_chair ?? DEFAULT_SETTINGS.report.signsForChair,
      recipients: row.recipients ?? [],
    },
  };
}

export { DEFAULT_SETTINGS, type OfficeSettings };

/**
 * Every office and its settings as this process last saw them. Every change made through this
 * process reloads them, so texts rendered anywhere (replies, reminders) use the current local term.
 * `current` is the office of the update being handled (core/office-scope), or the one office.
 */
export class OfficeSettingsCache implements OfficeSettingsView {
  private offices = new Map<number, { office: Office; settings: OfficeSettings }>();
  loaded = false;

  private currentEntry() {
    const id = currentOfficeId();
    if (id !== undefined) return this.offices.get(id);
    return this.offices.size === 1 ? this.offices.values().next().value : undefined;
  }

  get current(): OfficeSettings {
    return this.currentEntry()?.settings ?? DEFAULT_SETTINGS;
  }

  get currentOffice(): Office | null {
    return this.currentEntry()?.office ?? null;
  }

  async load(db: Db): Promise<OfficeSettings> {
    const rows = await selectOfficesWithSettings(db);
    this.offices = new Map(
      rows.map((r) => [r.officeId, { office: { id: r.officeId, name: r.officeName, kind: r.kind, parentId: r.parent_id }, settings: toOfficeSettings(r) }]),
    );
    this.loaded = true;
    return this.current;
  }

  /** Loads once per process; changes made through this process reload it at once. */
  async ensureLoaded(db: Db): Promise<OfficeSettings> {
    return this.loaded ? this.current : this.load(db);
  }

  async find(db: Db, officeId: number): Promise<Office | undefined> {
    if (!this.offices.has(officeId)) await this.load(db);
    return this.offices.get(officeId)?.office;
  }
}

/** The office a settings change is for: the update's own. */
function officeOf(cache: OfficeSettingsView): number {
  const office = cache.currentOffice;
  if (!office) throw new Error('a settings change outside an office');
  return office.id;
}

export async function setResidentialTerm(db: Db, clock: Clock, cache: OfficeSettingsView, actorId: number, term: ResidentialTerm): Promise<void> {
  const at = clock.now();
  const officeId = officeOf(cache);
  await db.transaction().execute(async (trx) => {
    await updateOfficeSettings(trx, { residential_term: term }, at, officeId);
    await recordAudit(trx, { actorId, action: 'settings.term', subject: `office:${officeId}`, details: { term }, at });
  });
  await cache.load(db);
}

export async function setTetPause(db: Db, clock: Clock, cache: OfficeSettingsView, actorId: number, tetPause: boolean): Promise<void> {
  const at = clock.now();
  const officeId = officeOf(cache);
  await db.transaction().execute(async (trx) => {
    await updateOfficeSettings(trx, { tet_pause: tetPause }, at, officeId);
    await recordAudit(trx, { actorId, action: 'settings.tet-pause', subject: `office:${officeId}`, details: { tetPause }, at });
  });
  await cache.load(db);
}

/** The details the results report prints; asked the first time /report is used. */
export async function setReportDetails(db: Db, clock: Clock, cache: OfficeSettingsView, actorId: number, details: OfficeSettings['report']): Promise<void> {
  const at = clock.now();
  const officeId = officeOf(cache);
  await db.transaction().execute(async (trx) => {
    await updateOfficeSettings(
      trx,
      {
        office_name: details.officeName,
        parent_body: details.parentBody,
        place: details.place,
        signer_title: details.signerTitle,
        signer_name: details.signerName,
        signs_for_chair: details.signsForChair,
        recipients: JSON.stringify(details.recipients),
      },
      at,
      officeId,
    );
    await recordAudit(trx, { actorId, action: 'settings.report', subject: `office:${officeId}`, details: { officeName: details.officeName }, at });
  });
  await cache.load(db);
}
