import type { Db } from './db.js';
import type { ResidentialTerm } from './schema.js';

/** The office's settings as the app uses them. */
export interface OfficeSettings {
  /** null until the admin has chosen; texts then say "khối phố". */
  residentialTerm: ResidentialTerm | null;
  /** Reminders and digests wait over mùng 1–3 Tết. */
  tetPause: boolean;
  report: {
    officeName: string | null;
    parentBody: string | null;
    place: string | null;
    signerTitle: string | null;
    signerName: string | null;
    signsForChair: boolean;
    recipients: string[];
  };
}

export const DEFAULT_SETTINGS: OfficeSettings = {
  residentialTerm: null,
  tetPause: true,
  report: { officeName: null, parentBody: null, place: null, signerTitle: null, signerName: null, signsForChair: true, recipients: [] },
};

/** The settings a process holds (settings/OfficeSettingsCache); features read `current`, changes reload it. */
export interface OfficeSettingsView {
  readonly current: OfficeSettings;
  load(db: Db): Promise<OfficeSettings>;
  ensureLoaded(db: Db): Promise<OfficeSettings>;
}
