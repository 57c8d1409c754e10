/**
 * Campaign drafts (issue 18): the campaign file a clerk is preparing on the dashboard, kept until it
 * is started, with who changed what and when. One JSON file per draft under `<dataDir>/drafts/`,
 * written atomically and readable by the owner only (a draft holds every unit's contacts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_CAMPAIGN_FILE_BYTES } from '../config/campaign-files';
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

export interface CampaignDraft {
  id: string;
  /** The campaign file's text (YAML), as typed or uploaded. */
  yaml: string;
  createdBy: string;
  createdAt: string;
  /** Oldest first; the first entry is the creation. */
  history: DraftChange[];
}

/** A draft as the list shows it: no text. */
export type DraftSummary = Omit<CampaignDraft, 'yaml' | 'history'> & { last: DraftChange; bytes: number };

/** Thrown for a draft text over the campaign file limit: nothing is written. */
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
  /** Replaces the text and records the change; undefined when there is no such draft. */
  update(
    id: string,
    change: { yaml: string; by: string; what: string; at?: string },
  ): Promise<CampaignDraft | undefined>;
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
    change: { yaml: string; by: string; what: string; at?: string },
  ): Promise<CampaignDraft | undefined> {
    checkSize(change.yaml);
    const draft = await this.get(id);
    if (!draft) return undefined;
    const next: CampaignDraft = {
      ...draft,
      yaml: change.yaml,
      history: [...draft.history, { by: change.by, at: change.at ?? new Date().toISOString(), what: change.what }],
    };
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
