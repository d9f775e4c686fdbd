import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const locales = (locale: string) => fileURLToPath(new URL(`../locales/${locale}/dashboard.ftl`, import.meta.url));

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

type Asset = { status: 200; bytes: Buffer; type: string };
export interface DashboardPage {
  serve(path: string): Asset | { status: 404; json: unknown };
}

/** The page's strings: `key = value` lines of src/locales/<locale>/dashboard.ftl (no Fluent selectors there). */
export function readPageTexts(locale: 'vi' | 'en'): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const line of readFileSync(locales(locale), 'utf8').split('\n')) {
    const m = /^([a-z][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) texts[m[1]] = m[2];
  }
  return texts;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Bundles the page (src/dashboard/page/app.js with Leaflet from npm) with esbuild once, at start;
 * everything is served by the bot, nothing comes from a CDN. `tileUrl` is the map's tile server.
 */
export async function buildDashboardPage(o: { tileUrl: string }): Promise<DashboardPage> {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [here('./page/app.js')], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false, logLevel: 'silent' });
  const js = Buffer.from(out.outputFiles[0]?.contents ?? new Uint8Array());
  const css = Buffer.concat([readFileSync(require.resolve('leaflet/dist/leaflet.css')), readFileSync(here('./page/app.css'))]);
  const texts = Buffer.from(JSON.stringify({ vi: readPageTexts('vi'), en: readPageTexts('en') }));
  const html = Buffer.from(readFileSync(here('./page/index.html'), 'utf8').replace('%TILE_URL%', escapeAttr(o.tileUrl)));
  const assets = new Map<string, Asset>([
    ['/', { status: 200, bytes: html, type: 'text/html; charset=utf-8' }],
    ['/app.js', { status: 200, bytes: js, type: 'text/javascript; charset=utf-8' }],
    ['/app.css', { status: 200, bytes: css, type: 'text/css; charset=utf-8' }],
    ['/texts.json', { status: 200, bytes: texts, type: 'application/json; charset=utf-8' }],
  ]);
  return { serve: (path) => assets.get(path) ?? { status: 404, json: { error: 'not-found' } } };
}
