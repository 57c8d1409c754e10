/**
 * The campaign file format: the single source of truth for validation, for the TypeScript types
 * every side imports, and for the exported JSON Schema (editor completion, see
 * `scripts/export-schema.ts`). Cross-field rules (dates in order, lock never before deadline, quota
 * that can be met) live in `domain/validation/rules.ts`, which reads dates with
 * `domain/date-phrases.ts`.
 *
 * Objects are strict: an unknown field (a typo such as `dealine`) is an error, not silently ignored.
 *
 * Fields carry hints in their metadata ({@link FieldMeta}): what the field holds and an example line.
 * Validation messages say them ('thiếu trường "deadline" (hạn đơn vị phải nộp); hãy thêm vào, ví dụ
 * deadline: trước ngày 15/10/2009'; in English from `hintEn`/`exampleEn`), and the exported JSON
 * Schema carries them as `hint` and `example`. A field without a hint is explained, in English
 * messages only, by its description.
 *
 * The parts live in `domain/campaign-schema/`: field primitives (`fields.ts`, hints in `hint.ts`),
 * units (`units.ts`), phases (`phases.ts`, their parts in `phase-parts.ts`, the synthesis approval
 * and report in `synthesis.ts`) and the header with the plan document (`header.ts`). This file
 * assembles {@link CampaignFile} and re-exports them all, so importers keep importing from here.
 */
import { z } from 'zod';
import type { Contact, Person, Role } from './campaign-schema/fields';
import { CampaignHeader, type PlanDocument } from './campaign-schema/header';
import type { ParentBlock } from './campaign-schema/parent';
import { hint } from './campaign-schema/hint';
import type { Attachment, EscalationStep, Nominations } from './campaign-schema/phase-parts';
import {
  type ConferencePhase,
  Phase,
  type PlanIssuePhase,
  type SelfReviewPhase,
  type SynthesisPhase,
} from './campaign-schema/phases';
import type { SynthesisApproval, SynthesisReport } from './campaign-schema/synthesis';
import type { AwardsPhase } from './campaign-schema/phases';
import { Unit } from './campaign-schema/units';

export type { FieldMeta } from './campaign-schema/hint';
export * from './campaign-schema/fields';
export * from './campaign-schema/units';
export * from './campaign-schema/phase-parts';
export * from './campaign-schema/synthesis';
export * from './campaign-schema/conference';
export * from './campaign-schema/awards';
export * from './campaign-schema/phases';
export * from './campaign-schema/header';
export * from './campaign-schema/parent';

export const CampaignFile = z
  .object({
    campaign: CampaignHeader.meta(
      hint({
        hint: 'phần đầu của đợt thi đua',
        hintEn: 'the campaign header',
        example: 'campaign: rồi đến id, plan, title, directive, issuingBody, secretariat',
        exampleEn: 'campaign: followed by id, plan, title, directive, issuingBody, secretariat',
      }),
    ),
    units: z
      .array(Unit)
      .min(1)
      .meta(
        hint({
          hint: 'các đơn vị tham gia',
          hintEn: 'the participating units',
          example: 'mỗi đơn vị bắt đầu bằng một dòng "- id: so-noi-vu"',
          exampleEn: '"- id: so-noi-vu" starting each unit',
        }),
      ),
    phases: z
      .array(Phase)
      .min(1)
      .meta(
        hint({
          hint: 'các giai đoạn',
          hintEn: 'the phases',
          example: 'mỗi giai đoạn bắt đầu bằng một dòng "- kind: plan-issue"',
          exampleEn: '"- kind: plan-issue" starting each phase',
        }),
      ),
  })
  .strict();

export type CampaignDefinition = z.infer<typeof CampaignFile>;
export type CampaignHeaderDef = z.infer<typeof CampaignHeader>;
export type PhaseDef = z.infer<typeof Phase>;
export type SelfReviewPhaseDef = z.infer<typeof SelfReviewPhase>;
export type PlanIssuePhaseDef = z.infer<typeof PlanIssuePhase>;
export type ConferencePhaseDef = z.infer<typeof ConferencePhase>;
export type SynthesisPhaseDef = z.infer<typeof SynthesisPhase>;
export type AwardsPhaseDef = z.infer<typeof AwardsPhase>;
export type SynthesisApprovalDef = z.infer<typeof SynthesisApproval>;
export type SynthesisReportDef = z.infer<typeof SynthesisReport>;
export type PersonDef = z.infer<typeof Person>;
export type ContactDef = z.infer<typeof Contact>;
export type RoleName = z.infer<typeof Role>;
export type EscalationStepDef = z.infer<typeof EscalationStep>;
export type NominationsDef = z.infer<typeof Nominations>;
export type AttachmentDef = z.infer<typeof Attachment>;
export type PlanDocumentDef = z.infer<typeof PlanDocument>;
export type ParentBlockDef = z.infer<typeof ParentBlock>;
