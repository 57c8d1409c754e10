/**
 * Builds the synthesis pack of the 67-KH/TU sample and writes it to `test-results/synthesis-sample/`
 * (the report .docx, the workbook .xlsx, the two SVG pictures), to open and look at. When LibreOffice
 * and poppler are installed it also renders the report's first page to `page1.png` (60 dpi), the
 * picture in `docs/images/`. Run `npx tsx scripts/synthesis-sample.ts`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sampleSynthesisData } from '../documents/sample-data';
import { buildSynthesisPack } from '../documents/synthesis-pack';

export const OUT_DIR = path.resolve(__dirname, '..', 'test-results', 'synthesis-sample');

const has = (command: string): boolean => {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** The first page as PNG, through LibreOffice's PDF export; undefined when the tools are missing. */
function renderFirstPage(docx: string): string | undefined {
  if (!has('soffice') || !has('pdftoppm')) return undefined;
  const dir = path.dirname(docx);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  const pdf = docx.replace(/\.docx$/, '.pdf');
  const prefix = path.join(dir, 'page1');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  return `${prefix}.png`;
}

async function main(): Promise<void> {
  const pack = await buildSynthesisPack(sampleSynthesisData);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const files = {
    docx: path.join(OUT_DIR, 'du-thao-bao-cao-tong-ket.docx'),
    xlsx: path.join(OUT_DIR, 'tong-hop.xlsx'),
    timeline: path.join(OUT_DIR, 'tien-do.svg'),
    submissions: path.join(OUT_DIR, 'nop-bao-cao-theo-ngay.svg'),
  };
  fs.writeFileSync(files.docx, pack.docx);
  fs.writeFileSync(files.xlsx, pack.xlsx);
  fs.writeFileSync(files.timeline, pack.timelineSvg);
  fs.writeFileSync(files.submissions, pack.submissionsSvg);
  for (const file of Object.values(files)) console.log(`Đã ghi ${path.relative(process.cwd(), file)}`);
  const page = renderFirstPage(files.docx);
  if (page) console.log(`Trang 1: ${path.relative(process.cwd(), page)}`);
  else console.log('Không có LibreOffice (soffice) hoặc pdftoppm: bỏ qua ảnh trang 1.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
