import type { Db } from './db.js';
import type { OfficeKind, ResidentialTerm } from './schema.js';

/** An office: a province (tỉnh, thành phố) or a commune (xã, phường, đặc khu; thị trấn for history). */
export interface Office {
  id: number;
  /** "Sơn Thủy"; null while the install has not said (texts then name only the kind). */
  name: string | null;
  kind: OfficeKind;
  parentId: number | null;
}

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

/**
 * Every office's settings as this process holds them (settings/OfficeSettingsCache). `current` is the
 * office of the update being handled (core/office-scope), or the one office outside an update.
 */
export interface OfficeSettingsView {
  readonly current: OfficeSettings;
  /** The update's office (or the one office); null outside an update when there are several. */
  readonly currentOffice: Office | null;
  /** Reloads every office; returns the current one's settings. */
  load(db: Db): Promise<OfficeSettings>;
  ensureLoaded(db: Db): Promise<OfficeSettings>;
  /** One office, loading the offices again when this process has not seen it yet. */
  find(db: Db, officeId: number): Promise<Office | undefined>;
}
