/** File inputs (uploads, file_ids, URLs) and the message objects the fake returns. */
import type { Message } from 'grammy/types';
import { badRequest } from './fake-telegram-http.js';
import type { ChatState, FakeState } from './fake-telegram-state.js';
import type { BotMessage, StoredFile, UploadedPart } from './fake-telegram-types.js';
import { echoedMarkup } from './fake-telegram-text.js';

const MIME_BY_EXT: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  pdf: 'application/pdf', txt: 'text/plain', csv: 'text/csv', json: 'application/json', zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function guessMime(filename: string, fallback = 'application/octet-stream'): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  return MIME_BY_EXT[ext] ?? fallback;
}

/** Image kind from magic bytes (what Telegram's image processing would accept). */
export function imageKind(bytes: Buffer): 'png' | 'jpeg' | 'gif' | 'webp' | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && bytes.toString('latin1', 0, 3) === 'GIF') return 'gif';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return 'webp';
  }
  return undefined;
}

function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (imageKind(bytes) !== 'png' || bytes.length < 24) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Resolves a file input: `attach://<name>` (multipart upload), a part uploaded directly under
 * the field name, an http(s) URL, or an existing file_id.
 */
export function resolveInput(
  s: FakeState,
  value: unknown,
  field: string,
  uploads: Map<string, UploadedPart>,
  folder: 'photos' | 'documents',
): StoredFile {
  let part: UploadedPart | undefined;
  if (typeof value === 'string' && value.startsWith('attach://')) {
    part = uploads.get(value.slice(9));
    if (!part) throw badRequest(`wrong file identifier/HTTP URL specified`);
  } else if (value === undefined) {
    part = uploads.get(field);
    if (!part) throw badRequest(`there is no ${field} in the request`);
  }
  if (part) {
    if (folder === 'photos') {
      if (!imageKind(part.bytes)) throw badRequest('IMAGE_PROCESS_FAILED');
      if (part.bytes.length > 10 * 1024 * 1024) throw badRequest('PHOTO_INVALID_DIMENSIONS');
    } else if (part.bytes.length === 0) throw badRequest('file must be non-empty');
    const mime = part.mime === 'application/octet-stream' ? guessMime(part.filename) : part.mime;
    const file = s.addFile(part.bytes, part.filename, mime, folder);
    const size = pngSize(part.bytes);
    if (folder === 'photos') Object.assign(file, size ?? { width: 512, height: 512 });
    return file;
  }
  if (typeof value !== 'string' || value === '') throw badRequest(`wrong file identifier/HTTP URL specified`);
  if (/^https?:\/\//i.test(value)) {
    const name = value.split('/').pop()?.split('?')[0] || 'file';
    const file = s.addFile(Buffer.alloc(0), name, guessMime(name), folder);
    file.url = value;
    return file;
  }
  const known = s.files.get(value);
  if (!known) throw badRequest('wrong file identifier/HTTP URL specified');
  return known;
}

/** The message object Telegram returns for a bot message (current state). */
export function buildRaw(s: FakeState, chat: ChatState, rec: BotMessage, index = 0, editDate?: number): Message {
  const msg: Record<string, unknown> = {
    message_id: rec.message_ids[index] ?? rec.message_id,
    from: { id: s.botUser.id, is_bot: true, first_name: s.botUser.first_name, username: s.botUser.username },
    chat: chat.chat,
    date: rec.date,
  };
  if (editDate !== undefined) msg.edit_date = editDate;
  const item = rec.media?.[index];
  const file = item?.file ?? rec.file;
  const caption = item ? item.caption : rec.caption;
  if (rec.kind === 'text') msg.text = rec.text;
  if (rec.kind === 'media_group') msg.media_group_id = `G${rec.message_id}`;
  if (file) {
    const isPhoto = item ? item.type === 'photo' : rec.kind === 'photo';
    if (isPhoto) {
      msg.photo = [{
        file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size,
        width: file.width ?? 512, height: file.height ?? 512,
      }];
    } else {
      msg.document = {
        file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size,
        file_name: file.filename, mime_type: file.mime,
      };
    }
  }
  if (caption) msg.caption = caption;
  const markup = echoedMarkup(rec.reply_markup);
  if (markup && index === 0) msg.reply_markup = markup;
  return msg as unknown as Message;
}
