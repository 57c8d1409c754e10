/**
 * The campaign tree on the dashboard (issue 15, item 1) over real HTTP with the stand-in backend
 * (test/helpers/dashboard-harness.ts): a parent's page lists its sub-campaigns, each linked to its
 * page; a sub-campaign's page links to its parent's and says what became of its result. Plain links,
 * no script.
 */
import { backend, CAMPAIGN, loggedIn, logLines, useDashboard } from '../../helpers/dashboard-harness';
import { AppError } from '../../../app/temporal-errors';

useDashboard();

const PARENT = 'bo-tttt-dai-hoi-thi-dua-2014-2015';

/** The sub-campaigns table's rows, as cells of text (tags stripped). */
function subRows(page: string): string[][] {
  const table = /<table id="sub-campaigns">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
  return [...table.matchAll(/<tr data-sub-campaign[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()),
  );
}

describe('a parent campaign', () => {
  test('lists each sub-campaign with its unit, a link to its page, its phase, status and progress; its unit is marked, its unit page names it', async () => {
    backend.tree = {
      subCampaigns: [
        {
          campaignId: 'so-noi-vu-hoi-nghi',
          unitId: 'so-noi-vu',
          unitName: 'Sở Nội vụ',
          workflowId: 'campaign/so-noi-vu-hoi-nghi',
          execution: 'RUNNING',
          phase: 'synthesis',
          title: 'Hội nghị điển hình tiên tiến Sở Nội vụ',
          progress: { total: 12, pending: 0, submitted: 8, late: 2, missing: 2 },
        },
        {
          campaignId: 'so-y-te-hoi-nghi',
          unitId: 'so-y-te',
          unitName: 'Sở Y tế',
          workflowId: 'campaign/so-y-te-hoi-nghi',
          execution: 'CANCELLED',
          phase: 'cancelled',
        },
      ],
    };
    const { browser } = await loggedIn();
    const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(page).toContain('<h2>Đợt con</h2>');
    expect(subRows(page)).toEqual([
      [
        'Sở Nội vụ',
        'Hội nghị điển hình tiên tiến Sở Nội vụ (so-noi-vu-hoi-nghi)',
        'Tổng hợp, dự thảo báo cáo',
        'đang chạy',
        // The lower level's progress as its own units stand: 10 of 12 in, 2 of them late, 2 missing.
        'Đã nộp 10/12 đơn vị (nộp muộn 2) · quá hạn, chưa nộp 2',
        'Temporal',
      ],
      ['Sở Y tế', 'so-y-te-hoi-nghi (so-y-te-hoi-nghi)', 'Đã hủy', 'đã hủy', '', 'Temporal'],
    ]);
    expect(page).toContain('<a href="/admin/c/so-noi-vu-hoi-nghi">');
    expect(page).toContain('http://temporal-ui.example/namespaces/default/workflows/campaign%2Fso-noi-vu-hoi-nghi');
    // The unit that runs one is marked in the units table, linked to it; the others are not.
    const unitsTable = /<table id="units">[\s\S]*?<\/table>/.exec(page)![0];
    expect(unitsTable).toMatch(
      /<tr data-unit="so-noi-vu">.*Sở Nội vụ<\/a> <a class="sub-campaign" href="\/admin\/c\/so-noi-vu-hoi-nghi">\(đợt con\)<\/a>/,
    );
    expect(unitsTable).not.toMatch(/<tr data-unit="so-tu-phap">[^\n]*đợt con/);
    expect(page).not.toContain('Đợt cấp trên');
    expect(page).not.toMatch(/<script/i);

    // The unit's own page says where its submission will come from.
    const unitPage = (await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu`)).body;
    expect(/<dd id="sub-campaign">(.*?)<\/dd>/.exec(unitPage)?.[1]).toBe(
      'Đơn vị tổ chức đợt riêng <a href="/admin/c/so-noi-vu-hoi-nghi">Hội nghị điển hình tiên tiến Sở Nội vụ</a>' +
        ' (so-noi-vu-hoi-nghi; Tổng hợp, dự thảo báo cáo, đang chạy); báo cáo tổng hợp được phê duyệt của đợt đó' +
        ' sẽ là hồ sơ đơn vị nộp cho đợt này.',
    );
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/so-tu-phap`)).body).not.toContain('id="sub-campaign"');
  });

  test('no sub-campaigns: no section; an unreadable tree leaves the page as it was', async () => {
    const { browser } = await loggedIn();
    let page = await browser.get(`/admin/c/${CAMPAIGN}`);
    expect(page.body).not.toContain('Đợt con');
    backend.campaignTree = async () => {
      throw new AppError('unavailable', {});
    };
    page = await browser.get(`/admin/c/${CAMPAIGN}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sở Y tế');
    expect(page.body).not.toContain('Đợt con');
    backend.campaignTree = async () => {
      throw new Error('boom');
    };
    expect((await browser.get(`/admin/c/${CAMPAIGN}`)).status).toBe(200);
    expect(logLines.some((l) => l.includes(`tree of ${CAMPAIGN} unreadable: Error: boom`))).toBe(true);
  });
});

describe('a sub-campaign', () => {
  const parent = {
    campaignId: PARENT,
    unitId: 'vnpt',
    unitName: 'Tập đoàn Bưu chính Viễn thông Việt Nam',
    title: 'Tổ chức Đại hội Thi đua và Hội nghị điển hình tiên tiến các cấp',
  };

  test("links to its parent's page, names the parent unit and the follow rules; the result not sent yet", async () => {
    backend.tree = {
      parent,
      link: {
        campaignId: PARENT,
        unitId: 'vnpt',
        phaseId: 'ket-qua',
        phaseName: 'Báo cáo kết quả',
        onParentExtension: 'follow',
        onParentCancel: 'cancel',
      },
      subCampaigns: [],
    };
    const { browser } = await loggedIn();
    const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(page).toContain(
      `<dt>Đợt cấp trên</dt><dd id="parent"><a href="/admin/c/${PARENT}" id="parent-link">` +
        'Tổ chức Đại hội Thi đua và Hội nghị điển hình tiên tiến các cấp</a>' +
        ` (mã đợt ${PARENT}) — đơn vị Tập đoàn Bưu chính Viễn thông Việt Nam (vnpt)</dd>`,
    );
    expect(page).toContain(
      'Kết quả nộp vào giai đoạn &quot;Báo cáo kết quả&quot; · gia hạn của cấp trên: lùi hạn theo · cấp trên hủy đợt: hủy theo',
    );
    expect(page).toContain(
      '<dd id="reported-up">Chưa gửi lên: gửi khi báo cáo tổng hợp của đợt này được phê duyệt.</dd>',
    );
  });

  test('what became of the result: received, refused, or unreadable without a worker', async () => {
    const { browser } = await loggedIn();
    const reported = async () =>
      /<dd id="reported-up">(.*?)<\/dd>/.exec((await browser.get(`/admin/c/${CAMPAIGN}`)).body)?.[1];

    backend.tree = {
      parent,
      subCampaigns: [],
      reportedUp: { sent: true, receivedAt: '2015-03-20T03:00:00.000Z', late: false, nominations: 3 },
    };
    expect(await reported()).toBe(
      'Đã gửi lên, đợt cấp trên nhận lúc 10:00 thứ Sáu, 20/03/2015 (đúng hạn), kèm 3 đề nghị khen thưởng.',
    );
    backend.tree = { parent, subCampaigns: [], reportedUp: { sent: false, reason: 'Giai đoạn ket-qua đã khóa' } };
    expect(await reported()).toBe('Đợt cấp trên không nhận: Giai đoạn ket-qua đã khóa');
    backend.tree = { parent, subCampaigns: [], resultUnread: true };
    expect(await reported()).toBe('Tạm không đọc được (worker không trả lời).');
  });
});

describe('the list of campaigns', () => {
  test('a sub-campaign names its parent, linked to its page', async () => {
    const rows = await backend.listCampaigns();
    backend.listCampaigns = async () => [
      ...rows,
      {
        ...rows[0],
        campaignId: 'so-noi-vu-hoi-nghi',
        title: 'Hội nghị điển hình tiên tiến Sở Nội vụ',
        parentCampaignId: CAMPAIGN,
        parentUnitId: 'so-noi-vu',
      },
    ];
    const { browser } = await loggedIn();
    const page = (await browser.get('/admin')).body;
    expect(page).toContain(
      `<a href="/admin/c/so-noi-vu-hoi-nghi">so-noi-vu-hoi-nghi</a><br><small class="parent">đợt con của ` +
        `<a href="/admin/c/${CAMPAIGN}">${CAMPAIGN}</a> (đơn vị so-noi-vu)</small>`,
    );
    expect(page.match(/đợt con của/g)).toHaveLength(1);
  });
});
