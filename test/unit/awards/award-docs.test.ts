/**
 * The minutes, the decision and the proposal, read back from the .docx the way a reader would
 * (unzip, WordprocessingML text): the header lines, the number and date, the members and their
 * recusals, the counts per nomination, Điều 1 with the awardees by form.
 */
import { loadAwardCatalogue } from '../../../domain/award-catalogue';
import type { AwardDocsInput, AwardNominationView } from '../../../domain/award-types';
import {
  buildAwardDecisionDocx,
  buildHigherLevelProposalDocx,
  buildVoteMinutesDocx,
} from '../../../documents/award-docs';
import { bodyParagraphs, checkWellFormed, docxParts, paragraphs, tableByHeader } from '../documents/read-back';

const catalogue = loadAwardCatalogue();

function nomination(
  id: string,
  fields: Partial<AwardNominationView> & Pick<AwardNominationView, 'type' | 'name' | 'proposedForm' | 'state'>,
  formCode: string,
  route: 'council' | 'higher-level' = 'council',
): AwardNominationView {
  return {
    id,
    unitId: id.split('/')[0],
    unitName: 'Sở Nội vụ',
    reasons: 'Hoàn thành xuất sắc nhiệm vụ',
    receivedAt: '2025-11-20T03:00:00Z',
    check: { formCode, ruleFrom: '2025-07-01', route, unmet: [], judged: [] },
    recused: [],
    ...(fields.state === 'approved' ? { awardedForm: formCode } : {}),
    ...fields,
  };
}

const input: AwardDocsInput = {
  header: {
    style: 'state',
    issuingBody: 'Ủy ban nhân dân tỉnh Vĩnh Phúc',
    number: '…/BB-HĐTĐKT',
    place: 'Vĩnh Phúc',
    signature: { capacity: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn Khước' },
  },
  style: 'state',
  campaignTitle: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
  planReference: 'Kế hoạch số 67-KH/TU ngày 21/9/2009 của Ban Thường vụ Tỉnh ủy',
  council: [
    { account: 'chu-tich', name: 'Phùng Quang Hùng', email: 'a@x.vn', chair: true },
    { account: 'tv-noi-vu', name: 'Hoàng Thị Mai', email: 'b@x.vn', unitId: 'so-noi-vu' },
    { account: 'tv-2', name: 'Đỗ Văn Nam', email: 'c@x.vn' },
    { account: 'tv-3', name: 'Vũ Thị Oanh', email: 'd@x.vn' },
    { account: 'tv-4', name: 'Ngô Văn Phúc', email: 'e@x.vn' },
  ],
  nominations: [
    nomination(
      'so-noi-vu/1',
      {
        type: 'collective',
        name: 'Phòng Tổ chức cán bộ',
        proposedForm: 'Bằng khen UBND tỉnh',
        state: 'approved',
        recused: ['tv-noi-vu'],
        tally: { approve: 4, reject: 0, abstain: 0, notVoted: 0, eligible: 4 },
      },
      'bang-khen-tinh',
    ),
    nomination(
      'so-y-te/1',
      {
        unitId: 'so-y-te',
        unitName: 'Sở Y tế',
        type: 'individual',
        name: 'Nguyễn Văn An',
        position: 'Trưởng phòng Nghiệp vụ',
        proposedForm: 'Bằng khen của Chủ tịch UBND tỉnh',
        state: 'approved',
        tally: { approve: 3, reject: 1, abstain: 1, notVoted: 0, eligible: 5 },
      },
      'bang-khen-tinh',
    ),
    nomination(
      'so-y-te/2',
      {
        unitId: 'so-y-te',
        unitName: 'Sở Y tế',
        type: 'individual',
        name: 'Trần Thị Bình',
        proposedForm: 'Chiến sĩ thi đua cấp tỉnh',
        state: 'rejected',
        tally: { approve: 4, reject: 1, abstain: 0, notVoted: 0, eligible: 5 },
      },
      'cstd-bo-tinh',
    ),
    nomination(
      'so-tai-chinh/1',
      {
        unitId: 'so-tai-chinh',
        unitName: 'Sở Tài chính',
        type: 'collective',
        name: 'Sở Tài chính',
        proposedForm: 'Cờ thi đua của UBND tỉnh',
        state: 'approved',
        tally: { approve: 5, reject: 0, abstain: 0, notVoted: 0, eligible: 5 },
      },
      'co-thi-dua-tinh',
    ),
    nomination(
      'so-tai-chinh/2',
      {
        unitId: 'so-tai-chinh',
        unitName: 'Sở Tài chính',
        type: 'individual',
        name: 'Lê Văn Cường',
        position: 'Giám đốc',
        proposedForm: 'Bằng khen của Thủ tướng Chính phủ',
        state: 'higher-level',
      },
      'bang-khen-ttg',
      'higher-level',
    ),
  ],
  catalogue,
  at: '2025-12-01T09:30:00Z',
  decision: { number: '125/QĐ-UBND', date: '2025-12-05' },
};

describe('the council minutes (biên bản)', () => {
  let document: string;
  beforeAll(async () => {
    ({ document } = await docxParts(await buildVoteMinutesDocx(input)));
  });

  test('official state header, kind, the meeting date', () => {
    checkWellFormed(document);
    const text = paragraphs(document);
    expect(text).toEqual(
      expect.arrayContaining([
        'ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: …/BB-HĐTĐKT',
        'Vĩnh Phúc, ngày 01 tháng 12 năm 2025',
        'BIÊN BẢN',
      ]),
    );
    expect(bodyParagraphs(document).join('\n')).toContain('kết thúc lúc 16:30 01/12/2025');
  });

  test('signed by the chair of the council who presided, not for the awarding body as the decision is', () => {
    const text = paragraphs(document);
    expect(text).toEqual(expect.arrayContaining(['CHỦ TỊCH HỘI ĐỒNG', 'Phùng Quang Hùng']));
    expect(text).not.toContain('KT. CHỦ TỊCH');
    expect(text).not.toContain('Nguyễn Văn Khước');
  });

  test('the members, the chair, and who stood aside from which nomination', () => {
    const members = tableByHeader(document, 'STT', 'Họ và tên');
    expect(members.slice(1)).toEqual([
      ['1', 'Phùng Quang Hùng', 'Chủ tịch Hội đồng', ''],
      ['2', 'Hoàng Thị Mai', 'Thành viên', 'Phòng Tổ chức cán bộ'],
      ['3', 'Đỗ Văn Nam', 'Thành viên', ''],
      ['4', 'Vũ Thị Oanh', 'Thành viên', ''],
      ['5', 'Ngô Văn Phúc', 'Thành viên', ''],
    ]);
  });

  test('the counts and result of each nomination', () => {
    const votes = tableByHeader(document, 'STT', 'Tập thể, cá nhân (đơn vị)');
    expect(votes.slice(1)).toEqual([
      [
        '1',
        'Phòng Tổ chức cán bộ (Sở Nội vụ) – không tham gia biểu quyết: Hoàng Thị Mai',
        'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
        '4',
        '0',
        '0',
        '0',
        'Đạt (100%)',
      ],
      ['2', 'Nguyễn Văn An (Sở Y tế)', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', '3', '1', '1', '0', 'Đạt (60%)'],
      ['3', 'Trần Thị Bình (Sở Y tế)', 'Chiến sĩ thi đua cấp bộ, ngành, tỉnh', '4', '1', '0', '0', 'Không đạt (80%)'],
      ['4', 'Sở Tài chính (Sở Tài chính)', 'Cờ thi đua của Ủy ban nhân dân tỉnh', '5', '0', '0', '0', 'Đạt (100%)'],
      ['5', 'Lê Văn Cường (Sở Tài chính)', 'Bằng khen của Thủ tướng Chính phủ', '', '', '', '', 'Đề nghị cấp trên'],
    ]);
    expect(bodyParagraphs(document).join('\n')).toContain(
      'Hội đồng thống nhất: đề nghị khen thưởng 2 tập thể và 1 cá nhân; trình cấp trên khen thưởng 1 cá nhân; 1 cá nhân không đạt.',
    );
  });

  test('same input, same bytes', async () => {
    expect((await buildVoteMinutesDocx(input)).equals(await buildVoteMinutesDocx(input))).toBe(true);
  });
});

describe('the award decision (quyết định)', () => {
  let document: string;
  let body: string[];
  beforeAll(async () => {
    ({ document } = await docxParts(await buildAwardDecisionDocx(input)));
    body = bodyParagraphs(document);
  });

  test('the number and date the clerk entered, the kind, the deciding authority', () => {
    checkWellFormed(document);
    const text = paragraphs(document);
    expect(text).toEqual(
      expect.arrayContaining(['Số: 125/QĐ-UBND', 'Vĩnh Phúc, ngày 05 tháng 12 năm 2025', 'QUYẾT ĐỊNH', 'QUYẾT ĐỊNH:']),
    );
    expect(body).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC');
  });

  test('Căn cứ: the law and the decree in force when the dossiers were received, the plan, the minutes', () => {
    const grounds = body.filter((p) => p.startsWith('Căn cứ') || p.startsWith('Xét đề nghị'));
    expect(grounds).toEqual([
      'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;',
      'Căn cứ Nghị định số 152/2025/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
      'Căn cứ Kế hoạch số 67-KH/TU ngày 21/9/2009 của Ban Thường vụ Tỉnh ủy;',
      'Xét đề nghị của Hội đồng Thi đua - Khen thưởng tại Biên bản họp ngày 01/12/2025,',
    ]);
  });

  test('Điều 1 lists the awardees by form, in catalogue order; the rejected and the proposed-up are not there', () => {
    expect(body).toContain(
      'Điều 1. Tặng danh hiệu thi đua, hình thức khen thưởng cho 2 tập thể và 1 cá nhân có thành tích xuất sắc trong tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW, cụ thể:',
    );
    const headings = body.filter((p) => /^\d+\. Tặng/.test(p));
    expect(headings).toEqual([
      '1. Tặng danh hiệu “Cờ thi đua của Ủy ban nhân dân tỉnh” cho 1 tập thể:',
      '2. Tặng “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh” cho 1 tập thể và 1 cá nhân:',
    ]);
    const lists = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => paragraphs(m[0]).join(' | '));
    const awardeeText = lists.filter((t) => t.startsWith('STT | Tập thể, cá nhân | Chức vụ | Đơn vị')).join('\n');
    expect(awardeeText).toContain('1 | Sở Tài chính |  | Sở Tài chính');
    expect(awardeeText).toContain('1 | Phòng Tổ chức cán bộ |  | Sở Nội vụ');
    expect(awardeeText).toContain('2 | Nguyễn Văn An | Trưởng phòng Nghiệp vụ | Sở Y tế');
    expect(awardeeText).not.toContain('Trần Thị Bình');
    expect(awardeeText).not.toContain('Lê Văn Cường');
  });

  test('Điều 2, Điều 3, Nơi nhận and the signer', () => {
    expect(body.some((p) => p.startsWith('Điều 2. Quyết định này có hiệu lực kể từ ngày ký.'))).toBe(true);
    expect(body.some((p) => p.startsWith('Điều 3. ') && p.includes('có tên tại Điều 1'))).toBe(true);
    const text = paragraphs(document);
    expect(text).toEqual(
      expect.arrayContaining(['Nơi nhận:', '- Như Điều 3;', '- Lưu: VT.', 'KT. CHỦ TỊCH', 'Nguyễn Văn Khước']),
    );
  });

  test('a party body gets the party layout', async () => {
    const party = await buildAwardDecisionDocx({
      ...input,
      style: 'party',
      header: {
        ...input.header,
        style: 'party',
        issuingBody: 'Tỉnh ủy Vĩnh Phúc',
        signature: { capacity: 'T/M BAN THƯỜNG VỤ' },
      },
      decision: { number: '45-QĐ/TU', date: '2025-12-05' },
    });
    const { document: doc } = await docxParts(party);
    const text = paragraphs(doc);
    expect(text).toEqual(
      expect.arrayContaining(['ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 45-QĐ/TU', 'BAN THƯỜNG VỤ TỈNH ỦY VĨNH PHÚC']),
    );
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  test('refused without a number and date, or with nobody to award', async () => {
    await expect(buildAwardDecisionDocx({ ...input, decision: undefined })).rejects.toThrow('Chưa có số và ngày');
    const none = input.nominations.map((n) => ({
      ...n,
      state: n.state === 'approved' ? ('rejected' as const) : n.state,
    }));
    await expect(buildAwardDecisionDocx({ ...input, nominations: none })).rejects.toThrow('không lập quyết định');
  });
});

describe('the proposal to the higher level (tờ trình)', () => {
  test('addressed to the level that confers the form, listing only the nominations beyond the authority', async () => {
    const { document } = await docxParts(await buildHigherLevelProposalDocx(input));
    checkWellFormed(document);
    const body = bodyParagraphs(document);
    expect(paragraphs(document)).toEqual(expect.arrayContaining(['TỜ TRÌNH', 'Vĩnh Phúc, ngày 01 tháng 12 năm 2025']));
    expect(body).toContain('Kính gửi: Thủ tướng Chính phủ.');
    const rows = tableByHeader(document, 'STT', 'Đối tượng');
    expect(rows.slice(1)).toEqual([
      [
        '1',
        'Cá nhân',
        'Lê Văn Cường',
        'Giám đốc, Sở Tài chính',
        'Bằng khen của Thủ tướng Chính phủ',
        'Thủ tướng Chính phủ',
      ],
    ]);
    expect(body).toContain('Kính trình Thủ tướng Chính phủ xem xét, quyết định./.');
    expect(paragraphs(document)).toEqual(expect.arrayContaining(['Nơi nhận:', '- Như trên;', '- Lưu: VT.']));
  });

  test('a Huân chương goes to the President through the Prime Minister', async () => {
    const hc = input.nominations.map((n) =>
      n.check.route === 'higher-level' ? { ...n, check: { ...n.check, formCode: 'huan-chuong-lao-dong-hang-ba' } } : n,
    );
    const { document } = await docxParts(await buildHigherLevelProposalDocx({ ...input, nominations: hc }));
    expect(bodyParagraphs(document)).toContain('Kính gửi: Thủ tướng Chính phủ (để trình Chủ tịch nước).');
  });

  test('refused when nothing goes up', async () => {
    const none = input.nominations.filter((n) => n.check.route !== 'higher-level');
    await expect(buildHigherLevelProposalDocx({ ...input, nominations: none })).rejects.toThrow('không lập tờ trình');
  });
});
