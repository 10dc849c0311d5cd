/**
 * What kind of file an upload really is, judged by its bytes and never by its name or the type the
 * browser claims: a renamed program must not pass for a PDF. Only the types staff can open safely
 * are recognised. Pure, so it runs in unit tests and on the server alike.
 */

export const fileTypes = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  png: { mediaType: 'image/png', extension: 'png' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
} as const;
export type FileType = keyof typeof fileTypes;

/** The largest attachment accepted, in bytes (5 MB). */
export const maximumAttachmentBytes = 5 * 1024 * 1024;

const pdfSignature = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const jpegSignature = [0xff, 0xd8, 0xff];
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const zipSignature = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4", a ZIP's first local file header

/** An upload that passed `checkAttachment`: the only kind the store will keep. */
export interface CheckedAttachment {
  readonly fileName: string;
  readonly fileType: FileType;
  readonly content: Uint8Array;
}

export type AttachmentProblem = 'empty' | 'too-large' | 'type-not-accepted';

/** Whether an upload may be kept: not empty, at most 5 MB, and truly one of the accepted types. */
export function checkAttachment(
  fileName: string,
  content: Uint8Array,
): { ok: true; attachment: CheckedAttachment } | { ok: false; problem: AttachmentProblem } {
  if (content.length === 0) return { ok: false, problem: 'empty' };
  if (content.length > maximumAttachmentBytes) return { ok: false, problem: 'too-large' };
  const fileType = detectFileType(content);
  if (!fileType) return { ok: false, problem: 'type-not-accepted' };
  return { ok: true, attachment: { fileName: displayFileName(fileName, fileType), fileType, content } };
}

/**
 * The name to show staff: the last part of what the device sent (some browsers send a whole path),
 * without control characters, at most 120 characters, and never empty.
 */
export function displayFileName(sent: string, fileType: FileType): string {
  const lastPart = sent.split(/[\\/]/).pop() ?? '';
  const cleaned = lastPart.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-120);
  return cleaned || `attachment.${fileTypes[fileType].extension}`;
}

/** The type of file `bytes` hold, or undefined if it is none of the accepted types. */
export function detectFileType(bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, pdfSignature)) return 'pdf';
  if (startsWith(bytes, jpegSignature)) return 'jpeg';
  if (startsWith(bytes, pngSignature)) return 'png';
  if (startsWith(bytes, zipSignature)) return officeDocumentType(bytes);
  return undefined;
}

/** DOCX and ODT files are both ZIP archives; what is inside tells them apart from each other and from any other ZIP. */
function officeDocumentType(bytes: Uint8Array): FileType | undefined {
  const entries = zipEntries(bytes);
  if (!entries) return undefined;
  const mimetype = entries.find((entry) => entry.name === 'mimetype');
  // OpenDocument stores its type, uncompressed, in an entry called "mimetype".
  if (mimetype && storedEntryText(bytes, mimetype) === fileTypes.odt.mediaType) return 'odt';
  if (entries.some((entry) => entry.name.startsWith('word/'))) return 'docx';
  return undefined;
}

interface ZipEntry {
  name: string;
  compressionMethod: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const endOfCentralDirectorySignature = 0x06054b50;
const centralDirectoryEntrySignature = 0x02014b50;
const localFileHeaderSignature = 0x04034b50;

/** The entries listed in a ZIP's central directory, or undefined if the archive is malformed. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end === undefined) return undefined;
  const entryCount = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < entryCount; i++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== centralDirectoryEntrySignature) return undefined;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > view.byteLength) return undefined;
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      compressionMethod: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where the end-of-central-directory record starts: it is last, followed only by a comment of up to 64 KB. */
function findEndOfCentralDirectory(view: DataView): number | undefined {
  const lastPossible = view.byteLength - 22;
  const firstPossible = Math.max(0, lastPossible - 0xffff);
  for (let offset = lastPossible; offset >= firstPossible; offset--) {
    if (view.getUint32(offset, true) === endOfCentralDirectorySignature) return offset;
  }
  return undefined;
}

/** The text of an entry stored without compression, or undefined if it is compressed or out of bounds. */
function storedEntryText(bytes: Uint8Array, entry: ZipEntry): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (entry.compressionMethod !== 0 || header + 30 > view.byteLength) return undefined;
  if (view.getUint32(header, true) !== localFileHeaderSignature) return undefined;
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  if (start + entry.compressedSize > view.byteLength) return undefined;
  return new TextDecoder().decode(bytes.subarray(start, start + entry.compressedSize));
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}
