/** Translates a key in one language (conversations bind it at entry, so replays agree; the outbox renders with it at tick time). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;
