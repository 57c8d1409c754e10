/**
 * Writes `config/campaigns/campaign.schema.json` from the zod schema (`domain/campaign-schema.ts`),
 * so that editors complete and check campaign files (the samples point at it with a
 * `yaml-language-server: $schema=` comment). Run `npx tsx scripts/export-schema.ts` after changing
 * the schema; a unit test fails while the checked-in file differs from a fresh export.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CampaignFile } from '../domain/campaign-schema';

export const SCHEMA_FILE = path.resolve(__dirname, '..', 'config', 'campaigns', 'campaign.schema.json');

/**
 * The JSON Schema of a campaign file as people write it: `io: 'input'`, so fields with defaults
 * (reminders, timeZone, calendar) are optional, as they are in the file.
 */
export function campaignJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CampaignFile, { io: 'input', target: 'draft-2020-12' });
  return {
    $schema: schema.$schema,
    $id: 'https://thidua.example/campaign.schema.json',
    title: 'thidua campaign file',
    description:
      'A review campaign (tổng kết, sơ kết): the plan, the participating units and the phases. ' +
      'Cross-field rules (dates in order, deadlines inside windows, unique unit ids) are checked by ' +
      '`thidua campaign validate`, not by this schema.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

/** The file's exact text: stable key order from the schema, two-space indent, final newline. */
export function campaignJsonSchemaText(): string {
  return `${JSON.stringify(campaignJsonSchema(), null, 2)}\n`;
}

async function run(): Promise<void> {
  fs.writeFileSync(SCHEMA_FILE, campaignJsonSchemaText());
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
