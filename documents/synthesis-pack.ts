/**
 * The synthesis pack from the synthesis data: the draft report, the workbook and the two pictures.
 * Pure of any clock: everything dated is dated builtAt, so a retried activity stores the same bytes.
 */
import type { SynthesisData, SynthesisPack } from '../domain/synthesis-types';
import { submissionsSvg, timelineSvg } from './charts';
import { svgToPng } from './png';
import { synthesisDocx } from './synthesis-docx';
import { synthesisXlsx } from './synthesis-xlsx';

export async function buildSynthesisPack(data: SynthesisData): Promise<SynthesisPack> {
  const timeline = timelineSvg(data);
  const submissions = submissionsSvg(data);
  const docx = await synthesisDocx(data, { timeline: svgToPng(timeline), submissions: svgToPng(submissions) });
  const xlsx = await synthesisXlsx(data);
  return { docx, xlsx, timelineSvg: timeline, submissionsSvg: submissions };
}
