import type { Api } from 'grammy';
import type { Logger } from '../core/logger.js';

/** After telling the admins, stay quiet this long however many writes fail. */
const QUIET_MS = 6 * 3_600_000;

/**
 * The admins hear once that the database's disk is full (not once per failed write): a full disk
 * fails every write until someone frees space, and each leader is told their own input was not saved.
 */
export class DiskFullAlarm {
  private toldAt = -Infinity;

  constructor(private readonly deps: { admins: () => Promise<{ chatId: number; locale: string | null }[]>; logger: Logger; text: (locale: string | null) => string }) {}

  async raise(api: Api): Promise<void> {
    if (Date.now() - this.toldAt < QUIET_MS) return;
    this.toldAt = Date.now();
    try {
      // A read: it still works on a full disk.
      const admins = await this.deps.admins();
      for (const a of admins) await api.sendMessage(a.chatId, this.deps.text(a.locale));
      this.deps.logger.warn({ admins: admins.length }, 'the admins were told the disk is full');
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not tell the admins the disk is full');
    }
  }
}
