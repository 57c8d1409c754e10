/**
 * Campaign drafts (issue 18): the campaign file a clerk is preparing on the dashboard, kept until it
 * is started, with who changed what and when. One JSON file per draft under `<dataDir>/drafts/`,
 * written atomically and readable by the owner only (a draft holds every unit's contacts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_CAMPAIGN_FILE_BYTES } from '../config/campaign-files';
import type { UnitInput } from '../domain/campaign-schema';
import type { SheetProblem } from '../sheets/unit-import';
import { ensurePrivateDir, writeFileAtomic } from './atomic';

/** One change to a draft, as the history lists it. */
export interface DraftChange {
  /** The actor's label ("Nguyễn Văn A (nva)"). */
  by: string;
  /** ISO instant. */
  at: string;
  /** What was done, in Vietnamese ("tạo từ tệp ke-hoach.yaml", "sửa nội dung", "bắt đầu đợt"). */
  what: string;
}

/**
 * A unit sheet read but not imported yet (issue 18 item 2): the clerk sees it as a preview, then
 * imports it, drops its bad rows, or cancels. Kept in the draft so that the preview survives a reload.
 */
export interface PendingImport {
  /** The units of the good rows, in sheet order, and each one's row (parallel). */
  units: UnitInput[];
  unitRows: number[];
  problems: SheetProblem[];
  /** The non-empty rows below the header, and the header's row (see `UnitSheetResult`). */
  rows: number;
  headerRow: number;
  /** The uploaded file's name, as the history names it. */
  fileName: string;
  by: string;
  at: string;
}

export interface CampaignDraft {
  id: string;
  /** The campaign file's text (YAML), as typed or uploaded. */
  yaml: string;
  createdBy: string;
  createdAt: string;
  /** Oldest first; the first entry is the creation. */
  history: DraftChange[];
  /** A sheet being imported, until it is imported or cancelled. */
  pendingImport?: PendingImport;
}

/** A draft as the list shows it: no text. */
export type DraftSummary = Omit<CampaignDraft, 'yaml' | 'history' | 'pendingImport'> & {
  last: DraftChange;
  bytes: number;
};

/** Thrown for a draft text over the campaign file limit: nothing is written. */
/** A pending import's JSON may be a little larger than the text its units become, not more. */
export const MAX_PENDING_IMPORT_BYTES = 2 * MAX_CAMPAIGN_FILE_BYTES;

export class DraftTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`draft of ${bytes} bytes is over ${MAX_CAMPAIGN_FILE_BYTES}`);
    this.name = 'DraftTooLargeError';
  }
}

/** Where drafts are kept. A shared backend implements this; {@link FileCampaignDrafts} is the embedded default. */
export interface CampaignDrafts {
  /** Stores a new draft and returns it (its id is new and random). */
  create(input: { yaml: string; by: string; what: string; at?: string }): Promise<CampaignDraft>;
  /** The draft, or undefined when there is none with this id (or the id is malformed). */
  get(id: string): Promise<CampaignDraft | undefined>;
  /**
   * Replaces the text and records the change; undefined when there is no such draft. A pending import
   * is kept, unless `clearPendingImport` (the import that replaced the units, in the same write).
   */
  update(
    id: string,
    change: { yaml: string; by: string; what: string; at?: string; clearPendingImport?: boolean },
  ): Promise<CampaignDraft | undefined>;
  /** Keeps (or, undefined, removes) the draft's pending import; the text and history are unchanged. */
  setPendingImport(id: string, pending: PendingImport | undefined): Promise<CampaignDraft | undefined>;
  /** Records a change that leaves the text as it is (a start, a rehearsal). */
  note(id: string, change: { by: string; what: string; at?: string }): Promise<CampaignDraft | undefined>;
  /** Every draft, the most recently changed first. */
  list(): Promise<DraftSummary[]>;
}

/** Draft ids: random, so that a URL names one draft and guessing another is pointless. */
export const DRAFT_ID = /^d-[0-9a-f]{16}$/;

function checkSize(yaml: string): void {
  const bytes = Buffer.byteLength(yaml, 'utf8');
  if (bytes > MAX_CAMPAIGN_FILE_BYTES) throw new DraftTooLargeError(bytes);
}

export class FileCampaignDrafts implements CampaignDrafts {
  constructor(private readonly dir: string) {}

  async create(input: { yaml: string; by: string; what: string; at?: string }): Promise<CampaignDraft> {
    checkSize(input.yaml);
    const at = input.at ?? new Date().toISOString();
    const draft: CampaignDraft = {
      id: `d-${crypto.randomBytes(8).toString('hex')}`,
      yaml: input.yaml,
      createdBy: input.by,
      createdAt: at,
      history: [{ by: input.by, at, what: input.what }],
    };
    this.write(draft);
    return draft;
  }

  async get(id: string): Promise<CampaignDraft | undefined> {
    if (!DRAFT_ID.test(id)) return undefined;
    try {
      return JSON.parse(fs.readFileSync(this.file(id), 'utf8')) as CampaignDraft;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async update(
    id: string,
    change: { yaml: string; by: string; what: string; at?: string; clearPendingImport?: boolean },
  ): Promise<CampaignDraft | undefined> {
    checkSize(change.yaml);
    const draft = await this.get(id);
    if (!draft) return undefined;
    const { pendingImport, ...rest } = draft;
    const next: CampaignDraft = {
      ...rest,
      yaml: change.yaml,
      history: [...draft.history, { by: change.by, at: change.at ?? new Date().toISOString(), what: change.what }],
      ...(pendingImport && !change.clearPendingImport ? { pendingImport } : {}),
    };
    this.write(next);
    return next;
  }

  async setPendingImport(id: string, pending: PendingImport | undefined): Promise<CampaignDraft | undefined> {
    if (pending) {
      const bytes = Buffer.byteLength(JSON.stringify(pending), 'utf8');
      if (bytes > MAX_PENDING_IMPORT_BYTES) throw new DraftTooLargeError(bytes);
    }
    const draft = await this.get(id);
    if (!draft) return undefined;
    const { pendingImport: _old, ...rest } = draft;
    const next: CampaignDraft = pending ? { ...rest, pendingImport: pending } : rest;
    this.write(next);
    return next;
  }

  async note(id: string, change: { by: string; what: string; at?: string }): Promise<CampaignDraft | undefined> {
    const draft = await this.get(id);
    if (!draft) return undefined;
    return this.update(id, { ...change, yaml: draft.yaml });
  }

  async list(): Promise<DraftSummary[]> {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: DraftSummary[] = [];
    for (const name of names) {
      const id = name.replace(/\.json$/, '');
      if (!name.endsWith('.json') || !DRAFT_ID.test(id)) continue; // temporary files of a write in progress
      const draft = await this.get(id);
      if (!draft) continue;
      out.push({
        id: draft.id,
        createdBy: draft.createdBy,
        createdAt: draft.createdAt,
        last: draft.history[draft.history.length - 1],
        bytes: Buffer.byteLength(draft.yaml, 'utf8'),
      });
    }
    return out.sort((a, b) => b.last.at.localeCompare(a.last.at) || a.id.localeCompare(b.id));
  }

  private write(draft: CampaignDraft): void {
    ensurePrivateDir(this.dir);
    writeFileAtomic(this.file(draft.id), JSON.stringify(draft));
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }
}
