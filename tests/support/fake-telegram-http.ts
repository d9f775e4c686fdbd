/** Request decoding and small value helpers for the fake Telegram Bot API. */
import type { Params, UploadedPart } from './fake-telegram-types.js';

/** An error the fake answers as `{ ok: false, error_code, description, parameters? }`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, `Bad Request: ${message}`);

export interface ParsedBody {
  params: Params;
  uploads: Map<string, UploadedPart>;
}

/** Fields that carry JSON when sent urlencoded or as multipart strings. */
const JSON_FIELDS = new Set([
  'reply_markup',
  'media',
  'commands',
  'scope',
  'allowed_updates',
  'entities',
  'caption_entities',
  'link_preview_options',
  'reply_parameters',
  'menu_button',
]);

function decodeJsonFields(params: Params): void {
  for (const key of JSON_FIELDS) {
    const v = params[key];
    if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
      try {
        params[key] = JSON.parse(v) as unknown;
      } catch {
        // leave as string; validation reports it
      }
    }
  }
}

export function parseBody(contentType: string | undefined, body: Buffer, query: string): ParsedBody {
  const params: Params = {};
  const uploads = new Map<string, UploadedPart>();
  if (query) for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  const ct = (contentType ?? '').toLowerCase();
  if (body.length === 0) {
    decodeJsonFields(params);
    return { params, uploads };
  }
  if (ct.startsWith('multipart/form-data')) {
    const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
    const boundary = m?.[1] ?? m?.[2]?.trim();
    if (!boundary) throw badRequest('multipart boundary is missing');
    parseMultipart(body, boundary, params, uploads);
  } else if (ct.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON request body");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest('request body must be a JSON object');
    }
    Object.assign(params, parsed);
  }
  decodeJsonFields(params);
  return { params, uploads };
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * A small multipart/form-data parser. grammY writes headers as
 * `content-disposition:form-data;name="x";filename=photo.jpg` (no spaces, unquoted
 * filename), which some strict parsers reject, so this one is lenient.
 */
function parseMultipart(body: Buffer, boundary: string, params: Params, uploads: Map<string, UploadedPart>): void {
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw badRequest('malformed multipart body');
  pos += delimiter.length;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return; // closing "--"
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf(CRLF2, pos);
    if (headerEnd < 0) throw badRequest('malformed multipart body');
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
    const start = headerEnd + 4;
    const end = body.indexOf(next, start);
    if (end < 0) throw badRequest('malformed multipart body');
    const content = body.subarray(start, end);
    let name: string | undefined;
    let filename: string | undefined;
    let mime = 'application/octet-stream';
    for (const line of headers) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'content-type') mime = value;
      if (key !== 'content-disposition') continue;
      name = dispositionParam(value, 'name');
      filename = dispositionParam(value, 'filename');
    }
    if (name !== undefined) {
      if (filename !== undefined) uploads.set(name, { bytes: Buffer.from(content), filename, mime });
      else params[name] = content.toString('utf8');
    }
    pos = end + next.length;
  }
}

function dispositionParam(header: string, key: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim();
}

/** Integer parameter (numbers may arrive as strings in urlencoded/multipart bodies). */
export function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Request params as recorded in `calls` (uploads shown as `{ upload: filename, size }`). */
export function describeParams(params: Params, uploads: Map<string, UploadedPart>): Params {
  if (uploads.size === 0) return params;
  const out: Params = { ...params };
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string' && v.startsWith('attach://')) {
      const part = uploads.get(v.slice(9));
      if (part) out[k] = { upload: part.filename, size: part.bytes.length };
    }
  }
  const json = JSON.stringify(params);
  for (const [k, part] of uploads) {
    if (!(k in out) && !json.includes(`"attach://${k}"`)) out[k] = { upload: part.filename, size: part.bytes.length };
  }
  return out;
}
