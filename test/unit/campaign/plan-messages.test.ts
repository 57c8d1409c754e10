/**
 * The messages units receive, composed from the sample campaigns as the mail activity composes them:
 * the plan message names the document as it is (kind, number or none, date, basis, directive, the
 * unit's tasks, the conference with its rough date, recipients); subjects and sentences read as an
 * office writes them (issue 11, items 3, 4 and 8). The unit's portal page shows the same document.
 */
import path from 'node:path';
import { loadWorkingCalendar } from '../../../config/holidays';
import { loadCampaign } from '../../../config/campaign-files';
import type { CampaignDefinition } from '../../../domain/campaign-schema';
import { composeMessage, inSentence, latenessPhrase, type MessageContext } from '../../../domain/messages';
import {
  isPlaceholderNumber,
  planDocumentView,
  planTag,
  plannedDate,
  plannedWindow,
} from '../../../domain/plan-document';
import { unitPage } from '../../../portal/pages';
import { openUnitView } from '../../helpers/unit-views';

const ROOT = path.resolve(__dirname, '../../..');
const calendar = loadWorkingCalendar();

function sample(name: string): CampaignDefinition {
  const loaded = loadCampaign(path.join(ROOT, 'config/campaigns', name), {
    mode: 'validate',
    calendar,
    now: '2009-01-01T00:00:00.000Z',
  });
  if (!loaded.ok) throw new Error(`${name} is not valid`);
  return loaded.campaign;
}

function context(def: CampaignDefinition, kind: MessageContext['kind'], extra: Partial<MessageContext> = {}) {
  const review = def.phases.find((p) => p.kind === 'self-review')!;
  return {
    kind,
    planNumber: planTag(def.campaign.plan),
    planDate: def.campaign.plan.date,
    campaignTitle: def.campaign.title,
    issuingBody: def.campaign.issuingBody,
    secretariatName: def.campaign.secretariat.name,
    contacts: def.campaign.secretariat.contacts,
    unitName: 'Vụ Pháp chế',
    phaseName: review.name ?? 'Tự kiểm điểm, tổng kết tại đơn vị',
    deadline: '2009-09-29T10:00:00.000Z',
    lockAt: '2009-09-30T10:00:00.000Z',
    timeZone: 'Asia/Ho_Chi_Minh',
    link: 'http://portal.example.vn/u/abc',
    dueItems: ['Báo cáo tổng kết (bắt buộc)'],
    plan: planDocumentView(def),
    ...extra,
  } satisfies MessageContext;
}

test('without the plan view (older definitions), a reminder cites the plan by its number, or by its kind and date', () => {
  const vp = sample('vinh-phuc-67-kh-tu-2009.yaml');
  const bo = sample('bo-2009-huong-dan.yaml');
  expect(composeMessage(context(vp, 'reminder', { plan: undefined })).text).toContain(
    'Thực hiện Kế hoạch số 67-KH/TU,',
  );
  const text = composeMessage(context(bo, 'reminder', { plan: undefined })).text;
  expect(text).toContain(`Thực hiện ${planTag(bo.campaign.plan)},`);
  expect(planTag(bo.campaign.plan)).toMatch(/^Công văn /);
  expect(text).not.toContain('Kế hoạch số Công văn');
});

describe('the plan message', () => {
  const bo = sample('bo-2009-huong-dan.yaml');
  const vp = sample('vinh-phuc-67-kh-tu-2009.yaml');

  it('names a document without a number by its kind and date, and invents none', () => {
    const m = composeMessage(
      context(bo, 'plan-issued', { documents: [{ title: 'Đề cương báo cáo tổng kết', attached: false }] }),
    );
    expect(m.subject).toBe(
      '[Công văn tháng 8/2009] Triển khai Hướng dẫn triển khai tổng kết 05 năm thực hiện Chỉ thị 39-CT/TW',
    );
    expect(m.text).toContain('Bộ Công Thương ban hành Công văn (chưa rõ số) tháng 8/2009 về Hướng dẫn triển khai');
    expect(m.text).not.toMatch(/…|BCT-VP|ngày tháng/);
  });

  it('carries the basis, the directive, the unit’s tasks, the conference and the recipients', () => {
    const m = composeMessage(context(bo, 'plan-issued'));
    expect(m.text).toContain('Thực hiện Công văn số 71-CV/BCĐ ngày 31/7/2009');
    expect(m.text).toContain('Chỉ thị được tổng kết: Chỉ thị 39-CT/TW ngày 21/5/2004 của Bộ Chính trị');
    expect(m.text).toContain('Nhiệm vụ của đơn vị:\n- Không mở hội nghị tổng kết');
    expect(m.text).toContain('- Tăng cường hơn nữa vai trò lãnh đạo của các cấp ủy');
    // "tháng 12/2009": the month, never the day it is read as.
    expect(m.text).toContain(
      'Hội nghị tổng kết 05 năm thực hiện Chỉ thị 39-CT/TW của Bộ Công Thương: dự kiến trong tháng 12/2009, tại Cơ quan Bộ Công Thương',
    );
    expect(m.text).not.toContain('01/12/2009');
    expect(m.text).toContain('Nơi nhận:\n- Như trên\n- Ban TĐKTTW (để báo cáo)');
    const v = composeMessage(context(vp, 'plan-issued'));
    expect(v.text).toContain('đơn vị tổ chức: Ban cán sự Đảng UBND tỉnh');
    expect(v.text).toContain('Chương trình hội nghị:\n- Khai mạc hội nghị');
  });

  it('says "theo đề cương kèm theo" only when the outline is attached', () => {
    const attached = composeMessage(
      context(vp, 'plan-issued', { documents: [{ title: 'Đề cương báo cáo tổng kết', attached: true }] }),
    );
    expect(attached.text).toContain('theo đề cương kèm theo và gửi về');
    const named = composeMessage(
      context(vp, 'plan-issued', { documents: [{ title: 'Đề cương báo cáo tổng kết', attached: false }] }),
    );
    expect(named.text).not.toContain('kèm theo và gửi về');
    expect(named.text).toContain('theo đề cương báo cáo tổng kết (gửi theo đường văn thư) và gửi về');
    const none = composeMessage(context(vp, 'plan-issued', { documents: [] }));
    expect(none.text).not.toMatch(/đề cương/);
  });

  it('keeps proper nouns inside sentences', () => {
    const m = composeMessage(context(bo, 'plan-issued'));
    expect(m.text).toContain('tổ chức tổng kết tại các đơn vị thuộc và trực thuộc Bộ');
    const v = composeMessage(context(vp, 'reminder'));
    expect(v.text).toContain(
      'hạn nộp hồ sơ tổng kết, đánh giá tại các sở, ban, ngành, đoàn thể, huyện, thị, thành ủy, Đảng ủy trực thuộc là',
    );
    expect(inSentence('UBND tỉnh tổng kết')).toBe('UBND tỉnh tổng kết');
    expect(inSentence('Hội nghị tổng kết của Bộ Công Thương')).toBe('hội nghị tổng kết của Bộ Công Thương');
  });
});

describe('lateness, as an office writes it', () => {
  const vp = sample('vinh-phuc-67-kh-tu-2009.yaml');

  it.each([
    ['1d', 'quá hạn 1 ngày'],
    ['3d', 'quá hạn 3 ngày'],
    ['1wd', 'quá hạn 1 ngày làm việc'],
  ])('escalation "%s" → "%s" in the subject', (after, words) => {
    const m = composeMessage(context(vp, 'escalation', { detail: { step: 1, after }, addresseeRole: 'head' }));
    expect(m.subject).toBe(`[67-KH/TU] Báo cáo chậm nộp: Vụ Pháp chế (${words})`);
    expect(latenessPhrase(after)).toBe(words.replace('quá hạn ', ''));
  });

  it('a lock at the deadline is not followed by "please submit before" that past time', () => {
    const at = '2009-09-29T10:00:00.000Z';
    const late = composeMessage(context(vp, 'late-notice', { deadline: at, lockAt: at }));
    expect(late.text).not.toMatch(/gửi trước/);
    expect(late.text).toContain('Việc tiếp nhận hồ sơ đã khóa lúc 17:00 thứ Ba, 29/09/2009');
  });
});

describe('the plan document’s words', () => {
  it('tells a blank number form from an issued number', () => {
    for (const blank of ['…/BCT-VP', '...-KH/TU', 'số  /KH', '/KH-UBND', 'Số: ___/KH']) {
      expect([blank, isPlaceholderNumber(blank)]).toEqual([blank, true]);
    }
    for (const issued of ['67-KH/TU', '13/KH-HĐTĐKT', 'Số 67-KH/TU', '71-CV/BCĐ']) {
      expect([issued, isPlaceholderNumber(issued)]).toEqual([issued, false]);
    }
  });

  it('shows a rough date as its period', () => {
    expect(plannedDate('quý III/2015')).toBe('dự kiến trong quý III/2015');
    expect(plannedDate('trong quý III năm 2015')).toBe('dự kiến trong quý III/2015');
    expect(plannedDate('tháng 11/2009')).toBe('dự kiến trong tháng 11/2009');
    expect(plannedDate('20/11/2009')).toBe('ngày 20/11/2009');
    expect(plannedWindow('tháng 11/2009', 'tháng 11/2009')).toBe('dự kiến trong tháng 11/2009');
    expect(plannedWindow('tháng 8/2009', '30/9/2009')).toBe('từ tháng 8/2009 (dự kiến) đến 30/9/2009');
  });
});

describe('the unit’s portal page', () => {
  it('shows the plan as a document: reference, basis, directive, steps with tasks, rough dates, recipients', () => {
    const bo = sample('bo-2009-huong-dan.yaml');
    const zone = 'Asia/Ho_Chi_Minh';
    const page = unitPage({
      view: openUnitView({ campaignId: 'bo', unitId: 'vu-phap-che', unitName: 'Vụ Pháp chế', timeZone: zone }),
      campaign: { title: bo.campaign.title, timeZone: zone, document: planDocumentView(bo) },
      timeZone: zone,
      csrf: 'x',
    });
    expect(page).toContain('<dt>Kế hoạch</dt><dd>Công văn (chưa rõ số) tháng 8/2009: Hướng dẫn triển khai');
    expect(page).toContain('<h2>Văn bản kế hoạch</h2>');
    expect(page).toContain('Công văn (chưa rõ số) tháng 8/2009 của Bộ Công Thương (văn bản của Nhà nước)');
    expect(page).toContain('<li>Công văn số 71-CV/BCĐ ngày 31/7/2009 của Ban Chỉ đạo tổng kết Chỉ thị 39-CT/TW</li>');
    expect(page).toContain('<dt>Chỉ thị được tổng kết</dt><dd>Chỉ thị 39-CT/TW ngày 21/5/2004');
    expect(page).toContain('<li>Tăng cường hơn nữa vai trò lãnh đạo của các cấp ủy');
    expect(page).toContain('Hội nghị dự kiến trong tháng 12/2009 tại Cơ quan Bộ Công Thương');
    expect(page).toContain('<li>Lưu VP, PTT-TĐ</li>');
    expect(page).not.toContain('01/12/2009');
  });
});
