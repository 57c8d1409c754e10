/**
 * The template of each recurring campaign, kept under the data folder when its schedule is made
 * (`<dir>/<schedule id>/template.yaml`, with the plan's attachment files beside it), so that editing
 * the original file later does not change a schedule silently: every period starts from the copy.
 * To change a template, delete the schedule and make it again from the edited file (the periods that
 * already ran stay refused: their campaign ids exist).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Every } from '../domain/periods';
import { ensurePrivateDir, writeFileAtomic } from './atomic';

export interface ScheduleTemplate {
  scheduleId: string;
  every: Every;
  /** The file the template was copied from, as it was given. */
  sourceFile: string;
  /** sha256 of the YAML text, shown so a clerk can tell two templates apart. */
  sha256: string;
  createdAt: string;
  createdBy: string;
  yaml: string;
}

export class FileScheduleTemplates {
  constructor(private readonly dir: string) {}

  private folder(scheduleId: string): string {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(scheduleId)) throw new Error(`not a schedule id: ${scheduleId}`);
    return path.join(this.dir, scheduleId);
  }

  /** Where the stored template lies: its attachments are read beside it. */
  templateFile(scheduleId: string): string {
    return path.join(this.folder(scheduleId), 'template.yaml');
  }

  /**
   * Stores the template text and copies each attachment (a path relative to `sourceFile`, inside its
   * folder) to the same place beside the copy.
   */
  save(t: Omit<ScheduleTemplate, 'sha256'>, attachments: string[] = []): ScheduleTemplate {
    const folder = this.folder(t.scheduleId);
    ensurePrivateDir(folder);
    for (const relative of attachments) {
      const to = path.resolve(folder, relative);
      if (!to.startsWith(folder + path.sep)) continue; // refused earlier by the use case
      writeFileAtomic(to, fs.readFileSync(path.resolve(path.dirname(t.sourceFile), relative)));
    }
    const stored: ScheduleTemplate = { ...t, sha256: crypto.createHash('sha256').update(t.yaml).digest('hex') };
    const { yaml, ...meta } = stored;
    writeFileAtomic(this.templateFile(t.scheduleId), yaml);
    writeFileAtomic(path.join(folder, 'schedule.json'), JSON.stringify(meta, null, 2));
    return stored;
  }

  load(scheduleId: string): ScheduleTemplate | undefined {
    const folder = this.folder(scheduleId);
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(folder, 'schedule.json'), 'utf8')) as Omit<
        ScheduleTemplate,
        'yaml'
      >;
      return { ...meta, yaml: fs.readFileSync(this.templateFile(scheduleId), 'utf8') };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  remove(scheduleId: string): void {
    fs.rmSync(this.folder(scheduleId), { recursive: true, force: true });
  }
}
