import { describe, expect, it } from 'vitest';
import { checkAttachment, detectFileType, displayFileName, maximumAttachmentBytes } from '../../src/forms/file-type';
import { bytes, pdfOfSize, sampleDocx, sampleJpeg, sampleOdt, samplePdf, samplePng, zipArchive } from '../support/sample-files';

describe('telling an upload’s type from its content', () => {
  it('recognises a PDF, a JPEG and a PNG by their first bytes', () => {
    expect(detectFileType(samplePdf())).toBe('pdf');
    expect(detectFileType(sampleJpeg())).toBe('jpeg');
    expect(detectFileType(samplePng())).toBe('png');
  });

  it('recognises a Word document: a ZIP with a word/ folder', () => {
    expect(detectFileType(sampleDocx())).toBe('docx');
  });

  it('recognises an OpenDocument text: a ZIP whose stored mimetype entry says so', () => {
    expect(detectFileType(sampleOdt())).toBe('odt');
  });

  it('refuses other OpenDocument files, such as a spreadsheet', () => {
    expect(detectFileType(sampleOdt('application/vnd.oasis.opendocument.spreadsheet'))).toBeUndefined();
  });

  it('refuses a ZIP that is neither (an Excel workbook, a plain archive)', () => {
    expect(detectFileType(zipArchive([{ name: 'xl/workbook.xml', content: '<workbook/>' }]))).toBeUndefined();
    expect(detectFileType(zipArchive([{ name: 'photos/word.txt', content: 'hello' }]))).toBeUndefined();
  });

  it('refuses a ZIP cut short, whose directory cannot be read', () => {
    const docx = sampleDocx();
    expect(detectFileType(docx.subarray(0, docx.length - 30))).toBeUndefined();
  });

  it('judges by content, not by what the name or the start of the text claims', () => {
    expect(detectFileType(bytes('MZ\x90\x00 a Windows program renamed to report.pdf'))).toBeUndefined();
    expect(detectFileType(bytes('Just some text mentioning %PDF-1.7'))).toBeUndefined();
    expect(detectFileType(bytes('<html><script>alert(1)</script></html>'))).toBeUndefined();
  });

  it('refuses an empty file and a file shorter than any signature', () => {
    expect(detectFileType(new Uint8Array())).toBeUndefined();
    expect(detectFileType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
  });

  it('reads a file that is a view into a larger buffer', () => {
    const odt = sampleOdt();
    const padded = new Uint8Array(odt.length + 20);
    padded.set(odt, 10);
    expect(detectFileType(padded.subarray(10, 10 + odt.length))).toBe('odt');
  });
});

describe('checking an upload before it is kept', () => {
  it('accepts a real PDF and keeps the name the device gave it', () => {
    const check = checkAttachment('Budget 2026.pdf', samplePdf());
    expect(check).toMatchObject({ ok: true, attachment: { fileName: 'Budget 2026.pdf', fileType: 'pdf' } });
  });

  it('accepts a file of exactly 5 MB and refuses one byte more', () => {
    expect(checkAttachment('plan.pdf', pdfOfSize(maximumAttachmentBytes)).ok).toBe(true);
    expect(checkAttachment('plan.pdf', pdfOfSize(maximumAttachmentBytes + 1))).toEqual({ ok: false, problem: 'too-large' });
  });

  it('refuses an empty file and a file whose content is not an accepted type, whatever its name', () => {
    expect(checkAttachment('empty.pdf', new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
    expect(checkAttachment('invoice.pdf', bytes('MZ a program'))).toEqual({ ok: false, problem: 'type-not-accepted' });
  });

  it('keeps only the last part of a path some browsers send, without control characters', () => {
    expect(displayFileName('C:\\Users\\Sam\\Documents\\letter.docx', 'docx')).toBe('letter.docx');
    expect(displayFileName('../../etc/passwd', 'pdf')).toBe('passwd');
    expect(displayFileName('line\nbreak.png', 'png')).toBe('linebreak.png');
    expect(displayFileName('', 'jpeg')).toBe('attachment.jpg');
  });
});
