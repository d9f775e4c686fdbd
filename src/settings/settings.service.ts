import { recordAudit } from '../core/audit.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { OfficeSettingsTable, ResidentialTerm } from '../core/schema.js';
import type { Selectable } from 'kysely';
import { DEFAULT_SETTINGS, type OfficeSettings, type OfficeSettingsView } from '../core/office-settings.js';
import { selectOfficeSettings, updateOfficeSettings } from './settings.queries.js';

export const RESIDENTIAL_TERMS: readonly ResidentialTerm[] = ['khoi', 'to-dan-pho', 'thon', 'ban', 'ap', 'khom'];

export function isResidentialTerm(value: string | null | undefined): value is ResidentialTerm {
  return RESIDENTIAL_TERMS.some((t) => t === value);
}

export function toOfficeSettings(row: Selectable<OfficeSettingsTable> | undefined): OfficeSettings {
  if (!row) return DEFAULT_SETTINGS;
  return {
    residentialTerm: row.residential_term,
    tetPause: row.tet_pause,
    report: {
      officeName: row.office_name,
      parentBody: row.parent_body,
      place: row.place,
      signerTitle: row.signer_title,
      signerName: row.signer_name,
      signsForChair: row.signs_for_chair,
      recipients: row.recipients,
    },
  };
}

/**
 * The settings this process last saw. Every update and every change refreshes it, so texts
 * rendered anywhere (replies, reminders) use the current local term.
 */
export { DEFAULT_SETTINGS, type OfficeSettings };

export class OfficeSettingsCache implements OfficeSettingsView {
  current: OfficeSettings = DEFAULT_SETTINGS;
  loaded = false;

  async load(db: Db): Promise<OfficeSettings> {
    this.current = toOfficeSettings(await selectOfficeSettings(db));
    this.loaded = true;
    return this.current;
  }

  /** Loads once per process; changes made through this process reload it at once. */
  async ensureLoaded(db: Db): Promise<OfficeSettings> {
    return this.loaded ? this.current : this.load(db);
  }
}

export async function setResidentialTerm(db: Db, clock: Clock, cache: OfficeSettingsView, actorId: number, term: ResidentialTerm): Promise<void> {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    await updateOfficeSettings(trx, { residential_term: term }, at);
    await recordAudit(trx, { actorId, action: 'settings.term', subject: 'office', details: { term }, at });
  });
  await cache.load(db);
}

export async function setTetPause(db: Db, clock: Clock, cache: OfficeSettingsView, actorId: number, tetPause: boolean): Promise<void> {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    await updateOfficeSettings(trx, { tet_pause: tetPause }, at);
    await recordAudit(trx, { actorId, action: 'settings.tet-pause', subject: 'office', details: { tetPause }, at });
  });
  await cache.load(db);
}

/** The details the results report prints; asked the first time /report is used. */
export async function setReportDetails(db: Db, clock: Clock, cache: OfficeSettingsView, actorId: number, details: OfficeSettings['report']): Promise<void> {
  const at = clock.now();
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
    );
    await recordAudit(trx, { actorId, action: 'settings.report', subject: 'office', details: { officeName: details.officeName }, at });
  });
  await cache.load(db);
}
