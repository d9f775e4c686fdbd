import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const valid = { BOT_TOKEN: '123456:ABCdef_ghi' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('when only BOT_TOKEN is set, then every other variable takes its documented default', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      dataDir: './data',
      timezone: 'Asia/Ho_Chi_Minh',
      defaultLocale: 'vi',
      adminIds: [],
      port: 8080,
      logLevel: 'info',
      inviteTtlDays: 7,
      databaseUrl: undefined,
    });
  });

  it('when BOT_TOKEN is missing, then one line names it and says where to get one', () => {
    expect(problems({})).toEqual([expect.stringMatching(/^BOT_TOKEN .*@BotFather/)]);
  });

  it('when several values are bad, then each gets its own line naming the variable', () => {
    const lines = problems({ ...valid, PORT: 'abc', TIMEZONE: 'Mars/Base', ADMIN_IDS: '1,x', DEFAULT_LOCALE: 'fr', LOG_LEVEL: 'loud' });
    expect(lines.map((l) => l.split(' ')[0]).sort()).toEqual(['ADMIN_IDS', 'DEFAULT_LOCALE', 'LOG_LEVEL', 'PORT', 'TIMEZONE']);
  });

  it('when a bad token is given, then the error never repeats its value', () => {
    const lines = problems({ BOT_TOKEN: 'secret-looking-value' });
    expect(lines.join('\n')).not.toContain('secret-looking-value');
  });

  it('when WEBHOOK_URL is set without WEBHOOK_SECRET, then the secret is asked for', () => {
    expect(problems({ ...valid, WEBHOOK_URL: 'https://example.org/hook' })).toEqual([expect.stringMatching(/^WEBHOOK_SECRET /)]);
  });

  it('when ADMIN_IDS lists ids with spaces, then they are parsed as numbers', () => {
    expect(loadConfig({ ...valid, ADMIN_IDS: ' 11, 5000000000 ' }).adminIds).toEqual([11, 5_000_000_000]);
  });
});
