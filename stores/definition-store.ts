/**
 * Campaign definitions, stored once by `campaign start` and addressed by the sha256 of their JSON,
 * so workflows carry a 64-character reference instead of 10,000 units' contacts, and activities
 * read the exact definition a campaign was started with.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CampaignDefinition } from '../domain/campaign-schema';
import { writeFileAtomic } from './atomic';
import type { PlanDocument } from './plan-documents';

/** The definition a campaign was started with, and the plan documents copied into the report store. */
export type StoredDefinition = CampaignDefinition & { documents?: PlanDocument[] };

/**
 * Where campaign definitions are kept, by reference. A shared backend (a database table, an object
 * store) implements this; {@link FileDefinitionStore} is the embedded default.
 */
export interface DefinitionStore {
  /** Stores the definition; returns its reference (the sha256 of its JSON). Idempotent. */
  save(definition: StoredDefinition): Promise<string>;
  /** The definition of a reference, verified against it. */
  load(ref: string): Promise<StoredDefinition>;
}

/** Definitions as JSON files under a folder, one per reference, cached in memory. */
export class FileDefinitionStore implements DefinitionStore {
  private readonly cache = new Map<string, StoredDefinition>();

  constructor(private readonly dir: string) {}

  /** Stores the definition; returns its reference. Idempotent. */
  async save(definition: StoredDefinition): Promise<string> {
    const json = JSON.stringify(definition);
    const ref = crypto.createHash('sha256').update(json).digest('hex');
    const file = this.file(ref);
    if (!fs.existsSync(file)) writeFileAtomic(file, json);
    this.cache.set(ref, definition);
    return ref;
  }

  async load(ref: string): Promise<StoredDefinition> {
    const cached = this.cache.get(ref);
    if (cached) return cached;
    if (!/^[0-9a-f]{64}$/.test(ref)) throw new Error(`invalid campaign definition reference ${JSON.stringify(ref)}`);
    const json = fs.readFileSync(this.file(ref), 'utf8');
    const actual = crypto.createHash('sha256').update(json).digest('hex');
    if (actual !== ref) throw new Error(`campaign definition ${ref} is corrupt (sha256 ${actual})`);
    const definition = JSON.parse(json) as StoredDefinition;
    this.cache.set(ref, definition);
    return definition;
  }

  private file(ref: string): string {
    return path.join(this.dir, `${ref}.json`);
  }
}
