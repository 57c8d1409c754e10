/** The conference as units' calendars get it from a stored definition (`feedConference` of app/units.ts). */
import path from 'node:path';
import { feedConference } from '../../../app/units';
import { loadCampaign } from '../../../config/campaign-files';
import type { CampaignDefinition } from '../../../domain/campaign-schema';

function vinhPhuc(): CampaignDefinition {
  const loaded = loadCampaign(path.join(__dirname, '../../../config/campaigns/vinh-phuc-67-kh-tu-2009.yaml'));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.campaign;
}

test('a rough date ("tháng 11/2009") stays the period: every day of the month, its name; never a day', () => {
  const c = feedConference(vinhPhuc(), { conferenceAt: '2009-11-02T01:00:00.000Z', rehearsal: false })!;
  expect(c.name).toBe('Hội nghị tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW cấp tỉnh');
  expect(c.when).toEqual({ kind: 'period', name: 'tháng 11/2009', first: '2009-11-01', last: '2009-11-30' });
  expect(c.venue).toBe('Thành phố Vĩnh Yên (địa điểm cụ thể thông báo sau)');
  expect(c.agenda.length).toBeGreaterThan(0);
});

test('an exact date is the instant the campaign compiled; a rehearsal uses its compressed instant', () => {
  const def = vinhPhuc();
  const exact = {
    ...def,
    phases: def.phases.map((p) => (p.kind === 'conference' ? { ...p, date: '20/11/2009 08:00' } : p)),
  };
  const at = '2009-11-20T01:00:00.000Z';
  expect(feedConference(exact, { conferenceAt: at, rehearsal: false })!.when).toEqual({ kind: 'exact', start: at });
  expect(feedConference(def, { conferenceAt: at, rehearsal: true })!.when).toEqual({ kind: 'exact', start: at });
  expect(feedConference(exact, { rehearsal: false })).toBeUndefined();
  expect(
    feedConference({ ...def, phases: def.phases.filter((p) => p.kind !== 'conference') }, { rehearsal: false }),
  ).toBeUndefined();
});
