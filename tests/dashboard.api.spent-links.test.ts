import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbTargets } from './support/db.js';
import { signInitData, startDashboardServer, useDashboardApi } from './support/dashboard.js';

const NOW = new Date('2026-06-15T03:00:00Z');

/** A download link is spent once, in the database: a restart of the bot or a second process serving the dashboard does not give it again. */
describe.each(dbTargets())('dashboard download links spent in the database on %s', (target) => {
  const { db, clock, server, files, town } = useDashboardApi(target, NOW);
  /** Dashboards started by a test (a restarted app, a second process), over the same database. */
  const others: Awaited<ReturnType<typeof startDashboardServer>>[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((s) => s.close()));
  });
  const startAnother = async () => {
    const s = await startDashboardServer({ db, clock, fileRoot: files.root });
    await s.office.load(db);
    others.push(s);
    return s;
  };

  const linkFor = async (path: string) => {
    const res = await fetch(`${server.base}/api/links/${path}`, { method: 'POST', headers: { authorization: `tma ${signInitData(3001, NOW)}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { url: string }).url;
  };
  /** Fetches a link as Telegram does (no Authorization header), from the dashboard at `base`. */
  const fetchLink = async (base: string, url: string) => {
    const res = await fetch(new URL(url, `${base}/`));
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };
  const auditCount = async () => (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const spentRows = async () => (await sql<{ signature_hash: Uint8Array; office_id: number; expires_at: Date }>`select * from spent_links order by expires_at`.execute(db)).rows;

  it('when a link was downloaded and the app restarted, then the same link is refused as used and nothing is served', async () => {
    const url = await linkFor(`campaign/${town.task.campaign_id}.xlsx`);
    const first = await fetchLink(server.base, url);
    expect(first.status).toBe(200);
    expect(first.body.subarray(0, 2).toString()).toBe('PK');
    clock.advance(60_000);
    // A new signer and handler over the same database, as after a crash, a deploy or kill -9.
    const restarted = await startAnother();
    const again = await fetchLink(restarted.base, url);
    expect({ status: again.status, body: again.body.toString() }).toEqual({ status: 410, body: '{"error":"link-used"}' });
    expect(await auditCount()).toBe(1);
  });

  it('when one link is fetched at once through two dashboards over one database, then exactly one request gets the file', async () => {
    const url = await linkFor(`task/${town.task.id}.csv`);
    const second = await startAnother();
    const results = await Promise.all([server.base, second.base, server.base, second.base].map((base) => fetchLink(base, url)));
    const served = results.filter((r) => r.status === 200);
    expect(served).toHaveLength(1);
    expect(served[0]?.body.toString()).toContain('Khối 4');
    for (const r of results.filter((x) => x.status !== 200)) expect({ status: r.status, body: r.body.toString() }).toEqual({ status: 410, body: '{"error":"link-used"}' });
    expect(await auditCount()).toBe(1);
  });

  it('when a spent link has expired, then the next download deletes its row, and no row holds the link or its signature', async () => {
    const old = await linkFor(`task/${town.task.id}.csv`);
    expect((await fetchLink(server.base, old)).status).toBe(200);
    const rows = await spentRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.office_id).toBe(1);
    expect(rows[0]?.expires_at.toISOString()).toBe('2026-06-15T03:05:00.000Z');
    const signature = old.slice(old.lastIndexOf('.') + 1);
    const stored = Buffer.from(rows[0]?.signature_hash ?? []);
    expect(stored).toHaveLength(32);
    expect(stored.equals(Buffer.from(signature, 'base64url'))).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(signature);
    // A link issued later, fetched after the first one expired: the first row goes.
    clock.advance(5 * 60_000);
    const res = await fetch(`${server.base}/api/links/task/${town.task.id}.csv`, { method: 'POST', headers: { authorization: `tma ${signInitData(3001, clock.now())}` } });
    const fresh = ((await res.json()) as { url: string }).url;
    expect((await fetchLink(server.base, fresh)).status).toBe(200);
    expect((await spentRows()).map((r) => r.expires_at.toISOString())).toEqual(['2026-06-15T03:10:00.000Z']);
    // The expired one is still refused, as expired.
    expect((await fetchLink(server.base, old)).body.toString()).toBe('{"error":"link-expired"}');
  });
});
