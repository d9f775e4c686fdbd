import { GrammyError } from 'grammy';

/**
 * Telegram refuses to answer a query twice (a re-delivered update) or after about 15 minutes
 * (a press made while the bot was down). Neither is a fault: the press itself is still handled.
 */
export function isStaleQueryError(error: unknown): boolean {
  return error instanceof GrammyError && /query is too old|query id is invalid/i.test(error.description);
}
