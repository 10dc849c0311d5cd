/** How staff receive an applicant's file: always as a download, with the type it was stored as. Pure. */
import { fileTypes, type FileType } from '../forms/file-type';

/**
 * `Content-Disposition: attachment` with the file's name: an ASCII fallback for old clients and the
 * exact name in RFC 8187's `filename*`, so quotes, semicolons or line breaks in a name cannot break the header.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\;%]/g, '_').trim() || 'attachment';
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** The headers a stored file is sent with: its type, as a download, never sniffed, never cached. */
export function downloadHeaders(file: { fileName: string; fileType: FileType; sizeBytes: number }): Record<string, string> {
  return {
    'content-type': fileTypes[file.fileType].mediaType,
    'content-disposition': attachmentDisposition(file.fileName),
    'content-length': String(file.sizeBytes),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
