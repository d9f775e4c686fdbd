import pino, { type Logger } from 'pino';

export type { Logger };

/** A pino logger that never prints the given secrets, wherever they appear in a line. */
export function createLogger(opts: { level: string; secrets: string[]; destination?: pino.DestinationStream }): Logger {
  const secrets = opts.secrets.filter((s) => s.length >= 6);
  const scrub = (line: string) => secrets.reduce((acc, s) => acc.split(s).join('***'), line);
  const destination: pino.DestinationStream = opts.destination ?? pino.destination({ dest: 1, sync: false });
  const scrubbing: pino.DestinationStream = { write: (line: string) => destination.write(scrub(line)) };
  return pino(
    {
      level: opts.level,
      base: undefined,
      redact: { paths: ['token', 'code', '*.token', '*.code', 'config.botToken'], censor: '***' },
    },
    scrubbing,
  );
}
