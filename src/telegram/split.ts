import { clip } from '../core/text.js';

/** Telegram's limit for one message's text. */
export const MAX_TEXT = 4096;

/**
 * Joins lines into as few messages as possible, each under `limit` characters,
 * never cutting a line (a single over-long line is cut at the limit as a last resort).
 */
export function splitLines(lines: string[], limit = MAX_TEXT): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, limit);
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length > limit) {
      chunks.push(current);
      current = line;
    } else {
      current = candidate;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
