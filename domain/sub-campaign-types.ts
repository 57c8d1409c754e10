/**
 * Sub-campaigns (issue 15, item 1): a unit of a campaign runs its own campaign for its own units,
 * and that campaign's approved synthesis (its summary report) and the nominations its units sent
 * become the unit's submission to the parent. Written before the work was split, so that the
 * core (start, report up, follow the parent) and the surfaces (status tree, dashboard, Temporal UI,
 * the 004 sample) agree. Add optional fields only; rename nothing.
 */

/**
 * The `parent:` block of a sub-campaign's file (under `campaign:`), as compiled:
 *
 * ```yaml
 * campaign:
 *   id: vnpt-2014-2015-dai-hoi
 *   parent: { campaign: bo-2014-2015-dai-hoi, unit: vnpt, phase: ket-qua }
 * ```
 */
export interface ParentLink {
  /** The parent campaign's id (its workflow is `campaign/<id>`). */
  campaignId: string;
  /** The parent's unit that runs this sub-campaign; its submission is this campaign's result. */
  unitId: string;
  /** The parent's deadline phase (its id) the result goes to; the parent's first deadline phase when absent. */
  phaseId?: string;
  /**
   * That phase's name in the parent's plan ("Báo cáo kết quả"), read from the parent when the campaign
   * started; absent for a campaign started before, or with no `phaseId`.
   */
  phaseName?: string;
  /**
   * What an extension the parent grants this unit (or all its units) does here: `follow` moves this
   * campaign's deadlines by as much (default), `keep` leaves them.
   */
  onParentExtension: 'follow' | 'keep';
  /** What the parent's cancellation does here: `cancel` cancels this campaign too (default), `continue` lets it run. */
  onParentCancel: 'cancel' | 'continue';
}

/**
 * When the result goes up: when this campaign's synthesis is approved. A sub-campaign therefore
 * needs a synthesis phase (validated), and "nesting" means: this campaign's synthesis approval
 * deadline falls before the parent unit's deadline for `phaseId` (checked at start against the
 * running parent, extensions included; for a rehearsed parent, on the parent's rehearsal clock).
 */
export type ResultMoment = 'synthesis-approved';

/** What the report-up activity sends to the parent, keyed so that a retry sends nothing twice. */
export interface SubCampaignResultInput {
  subCampaignId: string;
  parent: ParentLink;
  /** The approved synthesis version (its `.docx` in the report store): the unit's summary report. */
  report: { name: string; sha256: string; size: number; contentType: string };
  /** Who approved it, as the parent's submission record names the submitter. */
  approvedBy: string;
  /** The sub-campaign's stored definition: its units (whose nominations go up) and its secretariat (told of a refusal). */
  definitionRef?: string;
  /** The sub-campaign's plan number, as the parent's submission record names the sub-campaign. */
  planNumber?: string;
}

/** What became of the result: the parent's receipt, or its refusal (told to this campaign's secretariat). */
export type SubCampaignResultOutcome =
  | {
      sent: true;
      receivedAt: string;
      late: boolean;
      nominations: number;
      /** The report went up but the parent refused the nominations (its words); the secretariat is told. */
      nominationsRefused?: string;
    }
  | {
      sent: false;
      reason: string;
      /**
       * Set when the parent's phase is not open yet (its window starts then): the campaign waits and
       * sends again, and the secretariat is not told of a refusal.
       */
      notBefore?: string;
    };

/** A sub-campaign as the parent's status, the dashboard and the CLI list it (found by search attribute). */
/** A sub-campaign's units by where their submission stands in their phase under way (its unit workflows' `SubmissionStatus`). */
export interface SubCampaignProgress {
  total: number;
  pending: number;
  submitted: number;
  late: number;
  missing: number;
}

export interface SubCampaignRow {
  campaignId: string;
  /** The parent's unit that runs it. */
  unitId: string;
  workflowId: string;
  /** Temporal's view: running, completed (closed), cancelled, terminated, failed… */
  execution: string;
  /** The campaign's phase kind from its `Phase` search attribute (e.g. `self-review`, `synthesis`, `closed`). */
  phase?: string;
  title?: string;
  /** Added by the surfaces: the sub-campaign's plan number (its memo), as its own status names it. */
  planNumber?: string;
  /** Added by the surfaces: the parent unit's name (from its unit workflow in the parent). */
  unitName?: string;
  /**
   * Added by the deep tree (`campaign status`): 2 for a sub-campaign of a sub-campaign, and so on
   * (absent at the first level); `unitId` is then a unit of {@link parentCampaignId}.
   */
  depth?: number;
  /** Added by the deep tree below the first level: the sub-campaign whose unit runs this one. */
  parentCampaignId?: string;
  /** Its units' progress, from visibility (absent when the counts could not be read). */
  progress?: SubCampaignProgress;
}
