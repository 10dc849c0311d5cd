/**
 * Small but well-formed files of each kind an upload can be, made in memory, so the tests need no
 * binary fixtures. The ZIP writer makes real archives (deflated entries, central directory, CRCs),
 * laid out as Word and LibreOffice write DOCX and ODT files.
 */
import zlib from 'node:zlib';

export const samplePdf = () => bytes('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const sampleJpeg = () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...bytes('JFIF'), 0x00, 0xff, 0xd9]);
export const samplePng = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...bytes('IHDR')]);

export const sampleDocx = () =>
  zipArchive([
    { name: '[Content_Types].xml', content: '<?xml version="1.0"?><Types/>' },
    { name: '_rels/.rels', content: '<?xml version="1.0"?><Relationships/>' },
    { name: 'word/document.xml', content: '<?xml version="1.0"?><w:document><w:body>Our project</w:body></w:document>' },
  ]);

export const sampleOdt = (mimetype = 'application/vnd.oasis.opendocument.text') =>
  zipArchive([
    { name: 'mimetype', content: mimetype, stored: true },
    { name: 'content.xml', content: '<?xml version="1.0"?><office:document-content>Our project</office:document-content>' },
    { name: 'META-INF/manifest.xml', content: '<?xml version="1.0"?><manifest:manifest/>' },
  ]);

/** Any file of a given size that starts as a PDF does (for the size limit). */
export function pdfOfSize(size: number): Uint8Array {
  const file = new Uint8Array(size).fill(0x20);
  file.set(samplePdf().subarray(0, Math.min(size, 8)));
  return file;
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

interface ZipInput {
  name: string;
  content: string;
  /** Keep the entry uncompressed (ODT's `mimetype` must be). */
  stored?: boolean;
}

export function zipArchive(inputs: readonly ZipInput[]): Uint8Array {
  const localParts: Uint8Array[] = [];
  const centralParts: Uint8Array[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = bytes(input.name);
    const raw = bytes(input.content);
    const data = input.stored ? raw : new Uint8Array(zlib.deflateRawSync(raw));
    const method = input.stored ? 0 : 8;
    const crc = zlib.crc32(raw);
    const local = header(30, (view) => {
      view.setUint32(0, 0x04034b50, true);
      view.setUint16(4, 20, true);
      view.setUint16(8, method, true);
      view.setUint32(14, crc, true);
      view.setUint32(18, data.length, true);
      view.setUint32(22, raw.length, true);
      view.setUint16(26, name.length, true);
    });
    const central = header(46, (view) => {
      view.setUint32(0, 0x02014b50, true);
      view.setUint16(4, 20, true);
      view.setUint16(6, 20, true);
      view.setUint16(10, method, true);
      view.setUint32(16, crc, true);
      view.setUint32(20, data.length, true);
      view.setUint32(24, raw.length, true);
      view.setUint16(28, name.length, true);
      view.setUint32(42, offset, true);
    });
    localParts.push(local, name, data);
    centralParts.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centralParts.reduce((sum, part) => sum + part.length, 0);
  const end = header(22, (view) => {
    view.setUint32(0, 0x06054b50, true);
    view.setUint16(8, inputs.length, true);
    view.setUint16(10, inputs.length, true);
    view.setUint32(12, centralSize, true);
    view.setUint32(16, offset, true);
  });
  return concat([...localParts, ...centralParts, end]);
}

function header(size: number, fill: (view: DataView) => void): Uint8Array {
  const part = new Uint8Array(size);
  fill(new DataView(part.buffer));
  return part;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}
