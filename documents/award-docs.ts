/** STUB award-rules: minimal documents (real .docx, naive content), replaced at merge. */
import { Document, Packer, Paragraph } from 'docx';
import type { AwardDocsInput } from '../domain/award-types';

async function doc(title: string, input: AwardDocsInput): Promise<Buffer> {
  const lines = [
    input.header.issuingBody,
    title,
    input.campaignTitle,
    ...input.nominations.map(
      (n) =>
        `${n.name} (${n.unitName}): ${n.proposedForm} — ${n.state}` +
        (n.tally ? ` [${n.tally.approve}/${n.tally.reject}/${n.tally.abstain}/${n.tally.notVoted}]` : ''),
    ),
    ...(input.decision ? [`Số: ${input.decision.number} ngày ${input.decision.date}`] : []),
  ];
  const d = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
  return Packer.toBuffer(d);
}

export const buildVoteMinutesDocx = (input: AwardDocsInput) => doc('BIÊN BẢN', input);
export const buildAwardDecisionDocx = (input: AwardDocsInput) => doc('QUYẾT ĐỊNH', input);
export const buildHigherLevelProposalDocx = (input: AwardDocsInput) => doc('TỜ TRÌNH', input);
