/** The fakes at the activity boundary (MAIL IS FAKED) and the synthetic campaign they serve. */
import type { createActivities } from '../../activities';
import type { CampaignInput, MessageKind } from '../../domain/workflow-types';
import { campaignInputFrom } from '../schedules';
import { n } from './report';

type Activities = ReturnType<typeof createActivities>;

export interface FakeCounters {
  pages: number;
  locks: number;
  messages: Map<MessageKind, number>;
  messagesTotal: number;
}

export function fakeActivities(units: number, counters: FakeCounters): Activities {
  return {
    async loadUnitPage(input) {
      counters.pages++;
      const end = Math.min(units, input.offset + input.limit);
      return Array.from({ length: Math.max(0, end - input.offset) }, (_, i) => ({
        id: unitId(input.offset + i),
        name: `Đơn vị thử ${input.offset + i + 1}`,
      }));
    },
    async lockUnitReports() {
      counters.locks++;
    },
    async sendUnitMessage(input) {
      counters.messages.set(input.kind, (counters.messages.get(input.kind) ?? 0) + 1);
      counters.messagesTotal++;
      return { sent: true, messageId: `<${input.key}@bench>`, recipients: [] };
    },
    // The run ends before the synthesis phase (lock at day 35): these are never called.
    async buildSynthesis() {
      const ref = { name: 'bench.docx', size: 0, sha256: '0'.repeat(64), contentType: 'application/octet-stream' };
      return { docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref };
    },
    mailSynthesis: fakeSynthesisMail,
    remindSynthesisApproval: fakeSynthesisMail,
    escalateSynthesisApproval: fakeSynthesisMail,
    synthesisReturned: fakeSynthesisMail,
    synthesisApproved: fakeSynthesisMail,
  };
}

async function fakeSynthesisMail(input: { key: string }) {
  return { sent: true, messageId: `<${input.key}@bench>`, recipients: [] };
}

export const unitId = (i: number) => `dv${String(i + 1).padStart(6, '0')}`;

// Deadline in 30 days, lock in 35: no reminder, escalation or lock fires during the run.
export const campaignInput = (campaignId: string, units: number, unitsPerBatch: number, start: number): CampaignInput =>
  campaignInputFrom(start, {
    campaignId,
    planNumber: 'BENCH-KH',
    title: `Benchmark ${n(units)} đơn vị`,
    contact: 'Ban Thi đua - Khen thưởng (benchmark)',
    unitCount: units,
    unitsPerBatch,
    deadlineDays: 30,
    lockDays: 35,
  });
