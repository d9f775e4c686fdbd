import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a download link works: long enough for Telegram to start the download, no longer. */
export const LINK_TTL_SECONDS = 5 * 60;

export type ExportFormat = 'xlsx' | 'csv' | 'docx';
export interface ExportTarget {
  kind: 'campaign' | 'task';
  id: number;
  format: ExportFormat;
}

/** What a download link grants: this member, in this office, this file, until then (unix seconds). */
export interface LinkClaims extends ExportTarget {
  memberId: number;
  officeId: number;
  expiresAt: number;
}

const N = '([1-9][0-9]{0,11})';
/**
 * `member.office.kind.id.format.expiry.nonce.signature`: the nonce makes each link its own (two presses
 * in one second get two links), the signature is base64url HMAC-SHA256 (43 characters).
 */
export const LINK_TOKEN = new RegExp(`^${N}\\.${N}\\.(campaign|task)\\.${N}\\.(xlsx|csv|docx)\\.${N}\\.[A-Za-z0-9_-]{11}\\.([A-Za-z0-9_-]{43})$`);

/** A link whose signature and expiry hold; `spendKey` is what the database remembers it by once spent (a SHA-256 of its signature, never the link). */
export type LinkCheck = { ok: true; claims: LinkClaims; spendKey: Buffer } | { ok: false; reason: 'bad-link' | 'link-expired' };

export interface LinkSigner {
  sign(claims: LinkClaims): string;
  /** Checks the signature and the expiry, nothing else: whether it was spent is the database's (spendLink). */
  check(token: string, now: Date): LinkCheck;
}

/**
 * Signed, short-lived download links for Telegram's downloadFile, which cannot send our
 * Authorization header. The key is derived from the bot token (HMAC with a label of its own),
 * so the token itself is never in a link, and a link for one use never signs anything else.
 */
export function createLinkSigner(botToken: string): LinkSigner {
  const key = createHmac('sha256', 'KhoiPhoDashboardDownloadLink').update(botToken).digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    sign: (c) => {
      const payload = `${c.memberId}.${c.officeId}.${c.kind}.${c.id}.${c.format}.${c.expiresAt}.${randomBytes(8).toString('base64url')}`;
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    check: (token, now) => {
      const m = LINK_TOKEN.exec(token);
      if (!m) return { ok: false, reason: 'bad-link' };
      const [, member, office, kind, id, format, expires, signature = ''] = m;
      const given = Buffer.from(signature, 'base64url');
      const wanted = mac(token.slice(0, token.lastIndexOf('.')));
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, reason: 'bad-link' };
      const expiresAt = Number(expires);
      if (expiresAt <= Math.floor(now.getTime() / 1000)) return { ok: false, reason: 'link-expired' };
      const claims: LinkClaims = { memberId: Number(member), officeId: Number(office), kind: kind as LinkClaims['kind'], id: Number(id), format: format as ExportFormat, expiresAt };
      return { ok: true, claims, spendKey: createHash('sha256').update(given).digest() };
    },
  };
}
