/**
 * The `parent:` block of a sub-campaign's file (under `campaign:`): the parent campaign and the unit
 * of it that runs this campaign, the parent's deadline phase the result goes to, and what the
 * parent's extension and cancellation do here. Compiled to a `ParentLink` (`domain/sub-campaign.ts`).
 */
import { z } from 'zod';
import { hint } from './hint';
import { UNIT_ID } from './units';

export const ParentBlock = z
  .object({
    campaign: z
      .string()
      .regex(UNIT_ID, 'lower-case letters, digits and "-", e.g. "bo-tttt-2014-2015"')
      .describe("The parent campaign's id (its workflow is campaign/<id>)")
      .meta(
        hint({
          hint: 'mã đợt thi đua cấp trên',
          hintEn: "the parent campaign's id",
          example: 'campaign: bo-tttt-2014-2015',
        }),
      ),
    unit: z
      .string()
      .regex(UNIT_ID, 'lower-case letters, digits and "-", e.g. "vnpt"')
      .describe("The parent's unit that runs this campaign: this campaign's result is its submission")
      .meta(
        hint({
          hint: 'mã đơn vị của đợt cấp trên tổ chức đợt này',
          hintEn: "the parent's unit that runs this campaign",
          example: 'unit: vnpt',
        }),
      ),
    phase: z
      .string()
      .min(1)
      .optional()
      .describe("The parent's deadline phase (its id) the result goes to; the first one when absent")
      .meta(
        hint({
          hint: 'mã giai đoạn nộp hồ sơ của đợt cấp trên nhận kết quả',
          hintEn: "the parent's deadline phase that receives the result",
          example: 'phase: ket-qua',
        }),
      ),
    onParentExtension: z
      .enum(['follow', 'keep'])
      .default('follow')
      .describe(
        "follow: an extension the parent grants this unit moves this campaign's deadlines too; keep: it does not",
      )
      .meta(
        hint({
          hint: 'khi cấp trên gia hạn cho đơn vị: follow (gia hạn theo) hoặc keep (giữ nguyên)',
          hintEn: 'when the parent extends the unit: follow or keep',
          example: 'onParentExtension: follow',
        }),
      ),
    onParentCancel: z
      .enum(['cancel', 'continue'])
      .default('cancel')
      .describe("cancel: the parent's cancellation cancels this campaign too; continue: it runs on")
      .meta(
        hint({
          hint: 'khi đợt cấp trên bị hủy: cancel (hủy theo) hoặc continue (vẫn tiếp tục)',
          hintEn: 'when the parent is cancelled: cancel or continue',
          example: 'onParentCancel: cancel',
        }),
      ),
  })
  .strict()
  .describe("Makes this campaign a sub-campaign: its approved synthesis and nominations are the unit's submission")
  .meta(
    hint({
      hint: 'đợt cấp trên mà đợt này là đợt con (kết quả được nộp thay cho đơn vị)',
      hintEn: 'the parent campaign this one is a sub-campaign of',
      example: 'parent: { campaign: bo-tttt-2014-2015, unit: vnpt, phase: ket-qua }',
    }),
  );
