/**
 * PLACEHOLDER (replaced by the documents branch): the signature of the pack builder, with bodies
 * that produce tiny, stable files so the workflow, activities and use cases can be built and tested.
 * The `.docx` and `.xlsx` are ZIPs with the minimum entries (stored, uncompressed).
 */
import zlib from 'node:zlib';
import type { SynthesisData, SynthesisPack } from '../domain/synthesis-types';

/** A ZIP of stored entries (no compression), enough for {@link isDocx} and for a reader to open. */
function storedZip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const fname = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += local.length + fname.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function buildSynthesisPack(data: SynthesisData): Promise<SynthesisPack> {
  const title = `${data.header.issuingBody} — ${data.header.number} — Dự thảo lần ${data.version}`;
  const lines = [title, data.title, ...data.units.map((u) => `${u.unitName}: ${u.status}`)];
  const docx = storedZip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ],
    [
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${lines
        .map((l) => `<w:p><w:r><w:t>${xml(l)}</w:t></w:r></w:p>`)
        .join('')}</w:body></w:document>`,
    ],
  ]);
  const xlsx = storedZip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook><!-- ${data.units.length} --></workbook>`],
  ]);
  const svg = (text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20"><text x="0" y="15">${xml(text)}</text></svg>`;
  return {
    docx,
    xlsx,
    timelineSvg: svg(`${data.phases.length} giai đoạn`),
    submissionsSvg: svg(`${data.units.length} đơn vị`),
  };
}
