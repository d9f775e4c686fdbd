/** Bot API downloads stop at 20 MB; a larger file is refused before asking. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export interface FileSource {
  /** The Bot API's getFile (grammY's `api.getFile`). */
  getFile(fileId: string): Promise<{ file_path?: string | undefined }>;
  token: string;
  /** The Bot API server; Telegram's own when unset. */
  apiRoot: string | undefined;
}

/** A download that failed. Its message never holds the URL: the URL holds the bot's token. */
export class FileDownloadError extends Error {
  constructor(reason: string) {
    super(`telegram file download failed: ${reason}`);
    this.name = 'FileDownloadError';
  }
}

/**
 * The bytes of a file a user sent (a document, a report photo), through getFile and the Bot API's
 * file endpoint. Every failure becomes a FileDownloadError that names no URL, so neither logs nor
 * messages can leak the token.
 */
export async function downloadTelegramFile(source: FileSource, fileId: string): Promise<Uint8Array> {
  let path: string | undefined;
  try {
    path = (await source.getFile(fileId)).file_path;
  } catch (error) {
    throw new FileDownloadError(`getFile refused (${error instanceof Error ? error.name : 'error'})`);
  }
  if (!path) throw new FileDownloadError('no file path (file too big?)');
  const root = source.apiRoot ?? 'https://api.telegram.org';
  let response: Response;
  try {
    response = await fetch(`${root}/file/bot${source.token}/${path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new FileDownloadError(error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'network error');
  }
  if (!response.ok) throw new FileDownloadError(`HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_DOWNLOAD_BYTES) throw new FileDownloadError('file too big');
  return bytes;
}
