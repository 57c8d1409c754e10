/** The checked-in JSON Schema is what the zod schema exports today, so editors never check against a stale one. */
import fs from 'node:fs';
import { CampaignFile } from '../../../domain/campaign-schema';
import { campaignJsonSchema, campaignJsonSchemaText, SCHEMA_FILE } from '../../../scripts/export-schema';

it('config/campaigns/campaign.schema.json equals a fresh export (run `npx tsx scripts/export-schema.ts`)', () => {
  expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(campaignJsonSchemaText());
});

it('describes the file as people write it: sections, the recursive unit, defaults optional', () => {
  const schema = campaignJsonSchema() as {
    required: string[];
    properties: Record<string, { items?: { $ref?: string } }>;
    $defs: Record<string, { required: string[] }>;
  };
  expect(schema.required).toEqual(['campaign', 'units', 'phases']);
  expect(schema.properties.units.items?.$ref).toBe('#/$defs/Unit');
  expect(schema.$defs.Unit.required).toEqual(['id', 'name', 'kind', 'focal', 'head']);
  // `reminders` has a default, so a file may leave it out: the schema must not require it.
  expect(JSON.stringify(schema)).not.toMatch(/"required":\[[^\]]*"reminders"/);
  expect(Object.keys(CampaignFile.shape)).toEqual(Object.keys(schema.properties));
});
