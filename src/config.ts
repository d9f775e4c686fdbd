import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { IANAZone } from 'luxon';
import { z } from 'zod';

/** Validated, typed configuration. Built only by {@link loadConfig}. */
export interface Config {
  botToken: string;
  databaseUrl: string | undefined;
  dataDir: string;
  telegramApiRoot: string | undefined;
  adminIds: number[];
  timezone: string;
  defaultLocale: 'vi' | 'en';
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  inviteTtlDays: number;
  conversationIdleHours: number;
  /** Messages per second the outbox sends in total (Telegram allows about 30). */
  sendRatePerSecond: number;
  /** Local minutes of the day [start, end) when nothing is sent; null when turned off. */
  quietHours: QuietHours | null;
  /** How late a missed reminder may still go out after downtime (sending hours only). */
  catchupGraceHours: number;
  /** Local hour of the daily digest to officials and admins. */
  digestHour: number;
  /** How many daily snapshots of the embedded database are kept in DATA_DIR/backups. */
  backupKeep: number;
}

/** Minutes after local midnight; start > end means the quiet time spans midnight (21:00-06:30). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** One line per bad variable; never contains a secret's value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const positiveInt = (fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(fallback));

/** Telegram's own ceiling; only an emulator (TELEGRAM_API_ROOT) may be driven faster, up to MAX_EMULATOR_RATE. */
const TELEGRAM_MAX_RATE = 30;
const MAX_EMULATOR_RATE = 10_000;

const schema = z.object({
  BOT_TOKEN: z
    .string({ error: 'is required: create a bot with @BotFather on Telegram and copy the token it gives you' })
    .regex(/^\d+:[\w-]{5,}$/, {
      error: 'does not look like a bot token (expected "123456:ABC..."); get one from @BotFather on Telegram',
    }),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// or postgresql://' }).optional(),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  TELEGRAM_API_ROOT: z.preprocess(
    blankToUndefined,
    z.url({ error: 'must be a URL such as http://127.0.0.1:8081' }).optional(),
  ),
  ADMIN_IDS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, { error: 'must be Telegram user ids separated by commas, e.g. 12345,67890' })
      .optional(),
  ),
  TIMEZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((tz) => IANAZone.isValidZone(tz), { error: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' })
      .default('Asia/Ho_Chi_Minh'),
  ),
  DEFAULT_LOCALE: z.preprocess(
    blankToUndefined,
    z.enum(['vi', 'en'], { error: 'must be vi or en' }).default('vi'),
  ),
  WEBHOOK_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an https:// URL that Telegram can reach' }).optional(),
  ),
  WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, { error: 'must be 1-256 characters of A-Z, a-z, 0-9, _ or -' }).optional(),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65535, { error: 'must be 1-65535' }).default(8080),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  INVITE_TTL_DAYS: positiveInt(7),
  BACKUP_KEEP: positiveInt(14),
  CONVERSATION_IDLE_HOURS: positiveInt(24),
  SEND_RATE_PER_SECOND: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'must be a whole number of messages per second' }).int().min(1, { error: 'must be at least 1' }).max(MAX_EMULATOR_RATE, { error: `must be at most ${TELEGRAM_MAX_RATE} (up to ${MAX_EMULATOR_RATE} only with TELEGRAM_API_ROOT)` }).default(25),
  ),
  QUIET_HOURS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(off|([01]\d|2[0-3]):[0-5]\d\s*-\s*([01]\d|2[0-3]):[0-5]\d)$/, { error: 'must be two local times like 21:00-06:30, or off' })
      .default('21:00-06:30'),
  ),
  CATCHUP_GRACE_HOURS: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'must be a number of hours' }).min(0, { error: 'must be 0 or more' }).max(72, { error: 'must be at most 72' }).default(6),
  ),
  DIGEST_HOUR: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'must be an hour 0-23' }).int().min(0, { error: 'must be an hour 0-23' }).max(23, { error: 'must be an hour 0-23' }).default(17),
  ),
});

function parseQuietHours(value: string): QuietHours | null {
  if (value === 'off') return null;
  const [start = 0, end = 0] = value.split('-').map((part) => {
    const [h, m] = part.trim().split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  });
  return start === end ? null : { startMinute: start, endMinute: end };
}

/** Reads `.env` (if present) under the given env; real env variables win. No side effects. */
export function readEnv(env: NodeJS.ProcessEnv, dotenvPath = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  return { ...fromFile, ...env };
}

/** Validates the environment; throws {@link ConfigError} listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `${name} ${issue.message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET) {
    throw new ConfigError(['WEBHOOK_SECRET is required when WEBHOOK_URL is set (Telegram sends it back on every update)']);
  }
  if (e.SEND_RATE_PER_SECOND > TELEGRAM_MAX_RATE && !e.TELEGRAM_API_ROOT) {
    throw new ConfigError([`SEND_RATE_PER_SECOND must be at most ${TELEGRAM_MAX_RATE} (Telegram allows about 30 messages per second)`]);
  }
  return {
    botToken: e.BOT_TOKEN,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    telegramApiRoot: e.TELEGRAM_API_ROOT?.replace(/\/+$/, ''),
    adminIds: e.ADMIN_IDS ? e.ADMIN_IDS.split(',').map((s) => Number(s.trim())) : [],
    timezone: e.TIMEZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    inviteTtlDays: e.INVITE_TTL_DAYS,
    conversationIdleHours: e.CONVERSATION_IDLE_HOURS,
    sendRatePerSecond: e.SEND_RATE_PER_SECOND,
    quietHours: parseQuietHours(e.QUIET_HOURS),
    catchupGraceHours: e.CATCHUP_GRACE_HOURS,
    digestHour: e.DIGEST_HOUR,
    backupKeep: e.BACKUP_KEEP,
  };
}
