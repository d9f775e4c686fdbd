/** Fault injection for the fake Telegram Bot API: failNext, slow, flood control. */
import { performance } from 'node:perf_hooks';
import { ApiError } from './fake-telegram-http.js';
import type { FaultOptions, RateLimitOptions } from './fake-telegram-types.js';

/** Methods that Telegram's flood control counts as "sending a message". */
export const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup', 'copyMessage']);

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: simulated failure',
  403: 'Forbidden: bot was blocked by the user',
  409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  500: 'Internal Server Error',
};

const MAX_RETRY_AFTER = 30;
/** A retry that comes this much early (timer jitter) still counts as having waited. */
const PENALTY_SLACK_MS = 50;
/**
 * Violations this soon after a 429 count as the same burst (concurrent requests) and get the
 * remaining wait; later ones, still inside retry_after, mean the client ignored it: doubled.
 */
const BURST_MS = 300;

interface FaultRule {
  remaining: number;
  spec: FaultOptions;
}

interface Penalty {
  issuedAt: number;
  until: number;
  retryAfter: number;
}

/** A call that gets no answer: it is delivered (or not) and then held until the client gives up. */
export interface HangOptions {
  method?: string;
  chatId?: number;
  /** Deliver the message before going silent (the worst case: a retry is a duplicate). Default true. */
  deliver?: boolean;
}

export class Faults {
  violations = 0;
  private rules: FaultRule[] = [];
  private hangs: { remaining: number; spec: HangOptions }[] = [];
  private latency = new Map<string, number>();
  private limits: RateLimitOptions | undefined;
  private windows = new Map<string, number[]>();
  private penalties = new Map<string, Penalty>();
  private timers = new Set<{ timer?: NodeJS.Timeout; resolve: () => void }>();

  /** `now`: monotonic ms for flood control. */
  constructor(private readonly now: () => number = () => performance.now()) {}

  failNext(n: number, spec: FaultOptions): void {
    if (n > 0) this.rules.push({ remaining: n, spec });
  }

  /** The injected error for this call, if a failNext rule matches (consumes one). */
  takeFailure(method: string, chatId: number | undefined): ApiError | undefined {
    if (this.rules.length === 0) return undefined;
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i];
      if (!rule) continue;
      const { spec } = rule;
      if (spec.method !== undefined ? spec.method !== method : method === 'getUpdates') continue;
      if (spec.chatId !== undefined && spec.chatId !== chatId) continue;
      rule.remaining--;
      if (rule.remaining <= 0) this.rules.splice(i, 1);
      if (spec.code === 429) {
        const retry = spec.retryAfter ?? 1;
        return new ApiError(429, spec.description ?? `Too Many Requests: retry after ${retry}`, retry);
      }
      return new ApiError(spec.code, spec.description ?? DEFAULT_DESCRIPTIONS[spec.code] ?? 'Error');
    }
    return undefined;
  }

  hang(n: number, spec: HangOptions): void {
    if (n > 0) this.hangs.push({ remaining: n, spec });
  }

  /** Whether this call is to hang (consumes one), and whether it is delivered first. */
  takeHang(method: string, chatId: number | undefined): { deliver: boolean } | undefined {
    const i = this.hangs.findIndex((h) => (h.spec.method ?? method) === method && method !== 'getUpdates' && (h.spec.chatId === undefined || h.spec.chatId === chatId));
    const rule = this.hangs[i];
    if (!rule) return undefined;
    if (--rule.remaining <= 0) this.hangs.splice(i, 1);
    return { deliver: rule.spec.deliver ?? true };
  }

  /** Resolves when the client closes the request, or when the fake is closed. */
  holdUntilClosed(res: { once(event: 'close', fn: () => void): unknown }): Promise<void> {
    return new Promise((resolve) => {
      const entry = { resolve };
      this.timers.add(entry);
      res.once('close', () => {
        this.timers.delete(entry);
        resolve();
      });
    });
  }

  slow(ms: number, method?: string): void {
    const key = method ?? '*';
    if (ms <= 0) {
      if (method === undefined) this.latency.clear();
      else this.latency.delete(key);
    } else this.latency.set(key, ms);
  }

  latencyFor(method: string): number {
    if (this.latency.size === 0) return 0;
    return this.latency.get(method) ?? (method === 'getUpdates' ? 0 : (this.latency.get('*') ?? 0));
  }

  /** Sleeps; resolves early when the fake is closed. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }

  cancelDelays(): void {
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
  }

  rateLimit(opts: RateLimitOptions | undefined): void {
    this.limits = opts && (opts.global !== undefined || opts.perChat !== undefined) ? { ...opts } : undefined;
    this.windows.clear();
    this.penalties.clear();
  }

  /** Flood control: a 429 when over the limit, else counts the send. */
  checkRate(method: string, chatId: number | undefined): ApiError | undefined {
    const limits = this.limits;
    if (!limits || !SEND_METHODS.has(method)) return undefined;
    const now = this.now();
    const keys: Array<[string, number]> = [];
    if (limits.global !== undefined) keys.push(['*', limits.global]);
    if (limits.perChat !== undefined && chatId !== undefined) keys.push([`c${chatId}`, limits.perChat]);
    for (const [key, limit] of keys) {
      const retry = this.violation(key, limit, now);
      if (retry !== undefined) {
        this.violations++;
        return new ApiError(429, `Too Many Requests: retry after ${retry}`, retry);
      }
    }
    for (const [key] of keys) this.windowOf(key).push(now);
    return undefined;
  }

  private windowOf(key: string): number[] {
    let w = this.windows.get(key);
    if (!w) {
      w = [];
      this.windows.set(key, w);
    }
    return w;
  }

  /** Seconds to wait if this send violates the limit of `key`. */
  private violation(key: string, limit: number, now: number): number | undefined {
    const penalty = this.penalties.get(key);
    if (penalty && now < penalty.until - PENALTY_SLACK_MS) {
      // Part of the same burst (concurrent requests): the remaining wait.
      if (now - penalty.issuedAt < BURST_MS) return Math.max(1, Math.ceil((penalty.until - now) / 1000));
      // Came back before retry_after elapsed: escalate.
      const retryAfter = Math.min(penalty.retryAfter * 2, MAX_RETRY_AFTER);
      this.penalties.set(key, { until: now + retryAfter * 1000, retryAfter, issuedAt: now });
      return retryAfter;
    }
    const w = this.windowOf(key);
    while (w.length > 0 && (w[0] ?? 0) <= now - 1000) w.shift();
    if (w.length < limit) return undefined;
    const retryAfter = Math.max(1, Math.ceil(((w[0] ?? now) + 1000 - now) / 1000));
    this.penalties.set(key, { until: now + retryAfter * 1000, retryAfter, issuedAt: now });
    return retryAfter;
  }
}
