import type { Context, InlineKeyboard, MiddlewareFn } from 'grammy';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { answerPress } from './ask.js';
import type { BotContext } from './context.js';
import { DialogueCache, dialogueKey, type DialogueRow, loadRow, parseRow, removeAnyRow, removeRow } from './dialogue-store.js';
import { DialogueWrites } from './dialogue-writes.js';
import { MAX_TEXT } from './split.js';

/**
 * Hot dialogues: guided dialogues that many people go through at once (the leader's report), run
 * as explicit state machines instead of the replay plugin. Each input is read against the stored
 * step and answers, the new state is written in one statement that checks the row's version,
 * and only then is anything sent. The admins' low-volume dialogues stay on @grammyjs/conversations.
 */

/** One message a step sends, after its state is stored. */
export interface Say {
  text: string;
  keyboard?: InlineKeyboard;
}

/** Names the stored row a commit must consume in the same statement as its own writes. */
export interface RowGuard {
  key: string;
  version: number;
}

/** What a dialogue does with one input. */
export type Step<S> =
  /** Stays open with `state` (unchanged, if the input was refused), after saying `say`. */
  | { kind: 'continue'; state: S; say: Say[] }
  /** Over: the row is deleted, then `say` is sent. */
  | { kind: 'end'; say: Say[] }
  /** Over, and the input is handled by the rest of the bot as if there had been no dialogue. */
  | { kind: 'leave' }
  /** Over through database work that deletes the row itself (see RowGuard); 'stale' when the row had changed. */
  | { kind: 'commit'; run: (guard: RowGuard) => Promise<{ say: Say[] } | 'stale'> };

export interface HotDialogue<S> {
  /** Stored with the row: renaming the code never loses a dialogue. */
  readonly kind: string;
  /** Checks a stored state (it may have been written by an older version); null drops it. */
  parse(raw: unknown): S | null;
  /** Reads one input of the open dialogue: a message or a button press, never a command. */
  next(state: S, input: Context): Promise<Step<S>>;
}

/** A stored dialogue bound to its code: what the cache keeps. */
interface Open {
  row: DialogueRow;
  next(input: Context): Promise<Move>;
}

type Move = Exclude<Step<unknown>, { kind: 'continue' }> | { kind: 'continue'; say: Say[]; reopen: (row: DialogueRow) => Open; state: unknown };

function bind<S>(dialogue: HotDialogue<S>, row: DialogueRow, state: S): Open {
  return {
    row,
    next: async (input) => {
      const step = await dialogue.next(state, input);
      if (step.kind !== 'continue') return step;
      return { kind: 'continue', say: step.say, state: step.state, reopen: (next) => bind(dialogue, next, step.state) };
    },
  };
}

/** Mismatches in a row before an update gives up (and gets the apology): only a write storm could do it. */
const MAX_MISMATCHES = 3;

const isCommand = (ctx: Context) => ctx.message?.text?.startsWith('/') ?? false;
/** Dialogues read messages and button presses; membership changes and the like pass by. */
const isInput = (ctx: Context) => Boolean(ctx.message ?? ctx.callbackQuery);
const privateChatId = (ctx: Context) => (ctx.chat?.type === 'private' ? ctx.chat.id : undefined);

/**
 * A step's messages as the leader gets them: a text without buttons goes out together with the one
 * after it (a blank line between), so "→ ✅ Đã xong" and the next question, or the intro and the
 * first question, are one message: one notification on the phone and one call to Telegram instead
 * of two. Texts that would not fit in one message stay apart.
 */
export function joined(say: Say[]): Say[] {
  const out: Say[] = [];
  for (const s of say) {
    const last = out.at(-1);
    const text = last && !last.keyboard ? `${last.text}\n\n${s.text}` : undefined;
    if (text !== undefined && text.length <= MAX_TEXT) out[out.length - 1] = { ...s, text };
    else out.push(s);
  }
  return out;
}

/** Sends `say` in order (see joined); a press is answered at the same time (its spinner stops). */
export async function sayAll(ctx: Context, say: Say[], press: { text?: string; showAlert?: boolean } = {}): Promise<void> {
  const sends = async () => {
    for (const s of joined(say)) await ctx.reply(s.text, s.keyboard ? { reply_markup: s.keyboard } : {});
  };
  await Promise.all([answerPress(ctx, press), sends()]);
}

export interface HotDialogueDeps {
  db: Db;
  clock: Clock;
  /** A dialogue left idle this long ends quietly (its next input is handled as if there were none). */
  idleMs: number;
  /** How many open dialogues this process keeps in memory (the rest are read when their chat writes). */
  capacity?: number;
}

/** The one runtime for every hot dialogue of the bot; see README "The leader's report path". */
export class HotDialogues {
  private readonly cache: DialogueCache<Open>;
  private readonly writes: DialogueWrites;
  private readonly kinds = new Map<string, (row: DialogueRow) => Open | null>();

  constructor(private readonly deps: HotDialogueDeps) {
    // A commune's units many times over; a province's burst beyond it costs a read per step, not
    // ~1.5 KB of heap per dialogue for as long as the bot runs (README "What is cached").
    this.cache = new DialogueCache(deps.capacity ?? 2_000);
    this.writes = new DialogueWrites(deps.db, deps.clock);
  }

  register<S>(dialogue: HotDialogue<S>): void {
    this.kinds.set(dialogue.kind, (row) => {
      const state = dialogue.parse(row.s);
      return state === null ? null : bind(dialogue, row, state);
    });
  }

  /** Before the sender is loaded: an input for a dialogue this process holds costs one write, no read. */
  readonly early: MiddlewareFn<BotContext> = async (ctx, next) => {
    const chatId = privateChatId(ctx);
    const open = chatId !== undefined && isInput(ctx) && !isCommand(ctx) ? this.cache.get(chatId) : undefined;
    if (chatId === undefined || !open) return next();
    await this.handle(ctx, chatId, open, next, 0);
  };

  /** After the prefetch: a dialogue found in the database (after a restart, or handled elsewhere). */
  readonly loaded: MiddlewareFn<BotContext> = async (ctx, next) => {
    const chatId = privateChatId(ctx);
    const raw = ctx.prefetched?.dialogue;
    if (chatId === undefined || raw == null) return next();
    // Another command leaves the dialogue and is handled as usual, so nobody gets stuck.
    if (isCommand(ctx)) {
      await this.endAny(ctx, chatId);
      return next();
    }
    if (!isInput(ctx)) return next();
    const row = parseRow(raw);
    const open = row && this.revive(row);
    if (!open) {
      await this.endAny(ctx, chatId);
      return next();
    }
    await this.handle(ctx, chatId, open, next, 0);
  };

  /**
   * Takes a dialogue the caller opened (it stored the row in the same statement as its own
   * checks); returns false when the row is not one this runtime can run.
   */
  remember(chatId: number, row: DialogueRow): boolean {
    const open = this.revive(row);
    if (open) this.cache.set(chatId, open);
    return open !== null;
  }

  /** Ends the chat's dialogue whatever its step (/cancel); true when there was one. */
  async cancel(ctx: BotContext): Promise<boolean> {
    const chatId = privateChatId(ctx);
    if (chatId === undefined || ctx.prefetched?.dialogue == null) return false;
    return this.endAny(ctx, chatId);
  }

  /** Open dialogues held in memory (for tests and the benchmark). */
  get cached(): number {
    return this.cache.size;
  }

  private revive(row: DialogueRow): Open | null {
    return this.kinds.get(row.kind)?.(row) ?? null;
  }

  private async endAny(ctx: BotContext, chatId: number): Promise<boolean> {
    this.forget(ctx, chatId);
    return removeAnyRow(this.deps.db, chatId);
  }

  private forget(ctx: BotContext, chatId: number): void {
    this.cache.delete(chatId);
    if (ctx.prefetched) ctx.prefetched.dialogue = undefined;
  }

  private async handle(ctx: BotContext, chatId: number, open: Open, next: () => Promise<void>, attempt: number): Promise<void> {
    const { db } = this.deps;
    const { v } = open.row;
    // Wall-clock time, as the conversations plugin measures idleness (not the business clock).
    const move: Move = Date.now() - open.row.at > this.deps.idleMs ? { kind: 'leave' } : await open.next(ctx);
    if (move.kind === 'continue') {
      const row: DialogueRow = { v: v + 1, at: Date.now(), kind: open.row.kind, s: move.state };
      if (!(await this.writes.replace(chatId, v, row))) return this.again(ctx, chatId, next, attempt);
      this.cache.set(chatId, move.reopen(row));
      return sayAll(ctx, move.say);
    }
    if (move.kind === 'commit') {
      const done = await move.run({ key: dialogueKey(chatId), version: v });
      if (done === 'stale') return this.again(ctx, chatId, next, attempt);
      this.forget(ctx, chatId);
      return sayAll(ctx, done.say);
    }
    if (!(await removeRow(db, chatId, v))) return this.again(ctx, chatId, next, attempt);
    this.forget(ctx, chatId);
    return move.kind === 'end' ? sayAll(ctx, move.say) : next();
  }

  /**
   * The row changed since this process last saw it (another instance handled the chat): drop the
   * copy, read the row and handle the input from what is stored. Nothing was sent meanwhile.
   */
  private async again(ctx: BotContext, chatId: number, next: () => Promise<void>, attempt: number): Promise<void> {
    this.forget(ctx, chatId);
    if (attempt >= MAX_MISMATCHES) throw new Error(`dialogue of chat ${chatId} kept changing under one update`);
    const row = await loadRow(this.deps.db, chatId);
    const open = row && this.revive(row);
    if (!open) return next();
    await this.handle(ctx, chatId, open, next, attempt + 1);
  }
}
