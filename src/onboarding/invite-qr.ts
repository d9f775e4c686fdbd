import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';

/** One horizontal run of dark modules, in module units. */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

/** Blank modules kept around the code; scanners want a quiet zone (4 is the standard's ideal). */
export const QR_QUIET_ZONE = 3;

/**
 * The dark modules of a QR code for `text`, merged into horizontal runs so a PDF or a canvas
 * draws it as a few sharp rectangles (crisp at any print size, unlike a scaled PNG).
 */
export function qrRuns(text: string): { size: number; runs: QrRun[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

const FAMILY = 'DejaVu Sans';
const WIDTH = 640;
const PAD = 32;
const NAME_MAX_PX = 46;
const NAME_MIN_PX = 22;
const NAME_MAX_LINES = 2;
const ROLE_PX = 26;

let fontsReady = false;
function registerFonts(): void {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  // Both faces under one family, so "bold 40px 'DejaVu Sans'" picks the bold file.
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), FAMILY);
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'), FAMILY);
  fontsReady = true;
}

/** Greedy word wrap; a word wider than the line is cut with "…" rather than overflow. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && ctx.measureText(`${last} ${word}`).width <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.map((line) => fitLine(ctx, line, width));
}

function fitLine(ctx: SKRSContext2D, line: string, width: number): string {
  let out = line;
  while (out.length > 1 && ctx.measureText(out).width > width) out = `${out.slice(0, -2)}…`;
  return out;
}

/** The largest name size that fits in two lines; at the smallest size extra lines end in "…". */
function fitName(ctx: SKRSContext2D, name: string, width: number): { px: number; lines: string[] } {
  for (let px = NAME_MAX_PX; px >= NAME_MIN_PX; px -= 2) {
    ctx.font = `bold ${px}px "${FAMILY}"`;
    const lines = wrap(ctx, name, width);
    if (lines.length <= NAME_MAX_LINES) return { px, lines };
  }
  const lines = wrap(ctx, name, width);
  const kept = lines.slice(0, NAME_MAX_LINES);
  kept[NAME_MAX_LINES - 1] = fitLine(ctx, `${kept[NAME_MAX_LINES - 1] ?? ''}…`, width);
  return { px: NAME_MIN_PX, lines: kept };
}

/**
 * A PNG for one invite: the unit's name (large, bold, shrunk to fit) and the role above the QR
 * code of `link`, so a printed or forwarded code says whom it is for. `unitName` is null for
 * invites without a unit (officials, admins): then only the role is written.
 */
export async function renderInviteQr(input: { link: string; unitName: string | null; role: string }): Promise<Buffer> {
  registerFonts();
  const textWidth = WIDTH - 2 * PAD;
  const measure = createCanvas(1, 1).getContext('2d');
  const name = input.unitName ? fitName(measure, input.unitName.trim(), textWidth) : { px: NAME_MIN_PX, lines: [] };
  const nameHeight = name.lines.length * Math.round(name.px * 1.25);
  const roleTop = PAD + nameHeight + (nameHeight ? 8 : 0);
  const qrTop = roleTop + Math.round(ROLE_PX * 1.3) + 8;
  const canvas = createCanvas(WIDTH, qrTop + textWidth + PAD);
  const ctx = canvas.getContext('2d');
  // Telegram shows transparent pixels as black in dark mode: paint the background white first.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.font = `bold ${name.px}px "${FAMILY}"`;
  name.lines.forEach((line, i) => ctx.fillText(line, WIDTH / 2, PAD + i * Math.round(name.px * 1.25)));
  ctx.fillStyle = '#444444';
  ctx.font = `${ROLE_PX}px "${FAMILY}"`;
  ctx.fillText(fitLine(ctx, input.role, textWidth), WIDTH / 2, roleTop);
  const qr = qrRuns(input.link);
  const module = Math.floor(textWidth / (qr.size + 2 * QR_QUIET_ZONE));
  const offset = Math.floor((textWidth - module * qr.size) / 2);
  ctx.fillStyle = '#000000';
  for (const run of qr.runs) ctx.fillRect(PAD + offset + run.col * module, qrTop + offset + run.row * module, run.length * module, module);
  return canvas.toBuffer('image/png');
}
