import type { ReportStatus } from '../core/schema.js';

/** What a leader answers in a report: the domain shape the dialogue collects and the submission stores. */
export interface PhotoEvidence {
  fileId: string;
  fileUniqueId: string;
  /** When the photo message was sent (Telegram's message date). */
  sentAt: string;
}

export interface ReportAnswers {
  status: ReportStatus;
  number: number | null;
  note: string | null;
  location: { latitude: number; longitude: number } | null;
  photos: PhotoEvidence[];
}
