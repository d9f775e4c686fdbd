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
}

/** One line per bad variable; never contains a secret's value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const positiveInt = (fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(fallback));

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
  CONVERSATION_IDLE_HOURS: positiveInt(24),
});

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
  };
}
