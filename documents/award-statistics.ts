/** STUB award-rules: naive statistics by form, replaced at merge. */
import ExcelJS from 'exceljs';
import type { AwardCatalogue, AwardNominationView } from '../domain/award-types';

export interface AwardCount {
  formCode: string;
  formName: string;
  collective: number;
  individual: number;
}

export function awardStatistics(nominations: AwardNominationView[], catalogue: AwardCatalogue): AwardCount[] {
  return catalogue.forms.map((f) => {
    const got = nominations.filter((n) => n.state === 'approved' && n.awardedForm === f.code);
    return {
      formCode: f.code,
      formName: f.name,
      collective: got.filter((n) => n.type === 'collective').length,
      individual: got.filter((n) => n.type === 'individual').length,
    };
  });
}

export async function awardStatisticsXlsx(rows: AwardCount[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Thống kê');
  ws.addRow([title]);
  ws.addRow(['Hình thức', 'Tập thể', 'Cá nhân']);
  for (const r of rows) ws.addRow([r.formName, r.collective, r.individual]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function awardStatisticsText(rows: AwardCount[], lang: 'vi' | 'en'): string {
  const head = lang === 'en' ? ['Form', 'Collective', 'Individual'] : ['Hình thức', 'Tập thể', 'Cá nhân'];
  const lines = [head, ...rows.map((r) => [r.formName, String(r.collective), String(r.individual)])];
  return lines.map((l) => l.join(' | ')).join('\n') + '\n';
}
