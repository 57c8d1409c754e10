/**
 * The draft routes under `/admin/dot-moi` (issue 18): the drafts page, a new draft (upload, sample,
 * copy of a draft or of a campaign), a draft's page (edit, check, preview, timeline), the unit sheet
 * import and the start.
 */
import type http from 'node:http';
import { MAX_DRAFT_BYTES } from '../../app/campaign-drafts';
import { AppError } from '../../app/temporal-errors';
import { DraftTooLargeError, type CampaignDraft } from '../../stores/campaign-drafts';
import { HttpError, readBody, redirect, sendDownload, sendHtml } from '../http';
import { safeEqual } from '../security';
import { esc } from '../pages';
import { localWords } from '../local-words';
import { parseUrlEncoded } from '../upload';
import { UploadError } from '../upload-receive';
import { staffMessage } from '../messages';
import { MAX_SHEET_BYTES, unitSheetTemplate } from '../../sheets/unit-import';
import { draftPage, draftsPage, DRAFTS_BASE, UNIT_TEMPLATE_PATH, type DraftPageInput } from './drafts-page';
import type { Flash } from './pages';
import { BAD_CSRF, failure, NOT_FOUND, SVG, SVG_CSP, XLSX, type RouteContext, type SignedIn } from './routes-shared';

/** The copy form's "Dời ngày (số năm)": empty or absent is no shift; anything else is checked by the use case. */
const copyYearsOf = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v.trim()));

/** `rest` is the path after {@link DRAFTS_BASE} ("" for the drafts page). */
export type DraftRoutes = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  signed: SignedIn,
  rest: string,
  url: URL,
  flash?: Flash,
) => Promise<void>;

export function draftRoutes(ctx: RouteContext): DraftRoutes {
  const { opts, formOf, uploadOf, closeAfterAnswer, lacking } = ctx;
  const { backend } = opts;

  async function renderDrafts(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    status = 200,
    extra: { flash?: Flash; uploadProblems?: DraftPageInput['problems']; uploadError?: string } = {},
  ): Promise<void> {
    const [drafts, samples, campaigns] = await Promise.all([
      backend.listDrafts(),
      backend.draftSamples(),
      // The earlier campaigns a draft can be copied from; the page still works without Temporal.
      backend.listCampaigns().catch(() => []),
    ]);
    sendHtml(
      res,
      status,
      draftsPage({
        staff,
        actor,
        drafts,
        samples,
        campaigns: campaigns.map((c) => ({ campaignId: c.campaignId, title: c.title })),
        timeZone: opts.timeZone,
        maxMb: Math.round(MAX_DRAFT_BYTES / 1024 / 1024),
        ...extra,
      }),
    );
  }

  async function draftOr404(id: string): Promise<CampaignDraft> {
    try {
      return await backend.draft(id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') {
        throw new HttpError(404, 'Không tìm thấy', `Không có bản nháp "${id}".`);
      }
      throw err;
    }
  }

  /**
   * A draft's page. `show` adds the check (every problem beside the text) or the preview; for an
   * approver, a clean preview also gives the start forms their confirmation (units, first message).
   */
  async function renderDraft(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    id: string,
    o: {
      status?: number;
      show?: string;
      /** A rehearsal's compression for the preview ("1d=20s"). */
      rehearse?: string;
      flash?: Flash;
      text?: string;
      problems?: DraftPageInput['problems'];
      startError?: string;
      sheetError?: string;
      sheetProblems?: DraftPageInput['sheetProblems'];
    } = {},
  ): Promise<void> {
    const draft = await draftOr404(id);
    const input: DraftPageInput = { staff, actor, draft, timeZone: opts.timeZone, flash: o.flash, text: o.text };
    input.startError = o.startError;
    input.sheetError = o.sheetError;
    input.sheetProblems = o.sheetProblems;
    input.problems = o.problems;
    if (o.show === 'kiem-tra' && !input.problems) input.problems = (await backend.checkDraft(id)).problems;
    if (o.show === 'xem-truoc' || actor.roles.includes('approver')) {
      const preview = await backend.previewDraft(id, o.rehearse ? { rehearse: o.rehearse } : {});
      if (preview.ok) {
        if (o.show === 'xem-truoc') Object.assign(input, { preview, rehearse: o.rehearse });
        input.start = {
          unitCount: preview.unitCount,
          firstMessageAt: preview.firstMessageAt,
          campaignId: preview.definition.campaign.id,
        };
      } else {
        if (o.show === 'xem-truoc' && !input.problems) input.problems = preview.problems;
        const errors = preview.problems.filter((p) => p.severity === 'error').length;
        input.startBlocked = `Bản nháp còn ${errors} lỗi: sửa, kiểm tra lại, rồi mới bắt đầu được.`;
      }
    }
    sendHtml(res, o.status ?? 200, draftPage(input));
  }

  async function routes(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    rest: string,
    url: URL,
    flash?: Flash,
  ): Promise<void> {
    const { staff, actor } = signed;
    const method = req.method ?? 'GET';
    const back = (id: string, show?: string) =>
      `${DRAFTS_BASE}/${encodeURIComponent(id)}${show ? `?xem=${encodeURIComponent(show)}` : ''}`;
    if (rest === '') {
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      return renderDrafts(res, signed, 200, { flash });
    }

    if (`${DRAFTS_BASE}${rest}` === UNIT_TEMPLATE_PATH) {
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      return sendDownload(res, { name: 'mau-danh-sach-don-vi.xlsx', contentType: XLSX }, await unitSheetTemplate());
    }

    const create = /^\/(tai-len|tu-mau|sao-chep|tu-dot)$/.exec(rest);
    if (create) {
      if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Thao tác phải gửi bằng biểu mẫu.');
      const refused = lacking(signed, 'clerk', 'edit-draft', `draft ${create[1]}`);
      if (refused) {
        closeAfterAnswer(req, res);
        return renderDrafts(res, signed, 403, { flash: { kind: 'error', html: esc(staffMessage(refused)) } });
      }
      let draft: CampaignDraft;
      if (create[1] === 'tai-len') {
        const got = await uploadOf(req, res, staff, { maxFileBytes: MAX_DRAFT_BYTES, defaultName: 'dot-thi-dua.yaml' });
        if (got instanceof UploadError) return renderDrafts(res, signed, got.status, { uploadError: got.message });
        if (!got.file) return renderDrafts(res, signed, 400, { uploadError: 'Chưa chọn tệp kế hoạch (.yaml).' });
        const made = await backend.createDraftFromUpload(actor, got.file);
        if (!made.draft) {
          opts.log(`dashboard: ${staff.login} uploaded ${got.file.name}: refused, not a readable campaign file`);
          return renderDrafts(res, signed, 400, {
            uploadError: `Tệp "${got.file.name}" không được nhận; không có bản nháp nào được tạo.`,
            uploadProblems: made.problems,
          });
        }
        draft = made.draft;
      } else {
        const form = await formOf(req, staff);
        try {
          draft =
            create[1] === 'tu-mau'
              ? await backend.createDraftFromSample(actor, form.sample ?? '')
              : create[1] === 'tu-dot'
                ? await backend.copyCampaign(actor, form.campaign ?? '', { years: copyYearsOf(form.years) })
                : await backend.copyDraft(actor, form.from ?? '', { years: copyYearsOf(form.years) });
        } catch (err) {
          if (err instanceof AppError && err.code === 'invalid') {
            return renderDrafts(res, signed, 400, { flash: { kind: 'error', html: esc(staffMessage(err)) } });
          }
          if (!(err instanceof AppError && err.code === 'not-found')) throw err;
          const what =
            create[1] === 'tu-mau'
              ? `mẫu "${form.sample ?? ''}"`
              : create[1] === 'tu-dot'
                ? `đợt thi đua "${form.campaign ?? ''}"`
                : `bản nháp "${form.from ?? ''}"`;
          return renderDrafts(res, signed, 404, { flash: { kind: 'error', html: esc(`Không có ${what}.`) } });
        }
      }
      opts.log(`dashboard: ${staff.login} created draft ${draft.id} (${draft.history[0].what})`);
      if (create[1] === 'sao-chep' || create[1] === 'tu-dot') {
        staff.flash = { kind: 'ok', html: esc(`Đã ${draft.history[0].what}.`) };
      }
      return redirect(res, back(draft.id, 'kiem-tra'));
    }

    const m = /^\/(d-[0-9a-f]{16})(?:\/(luu|bat-dau|tien-trinh\.svg|bang-tinh|nhap-don-vi))?$/.exec(rest);
    if (!m) throw NOT_FOUND;
    const id = m[1];
    if (!m[2]) {
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      const rehearse = url.searchParams.get('dien-tap')?.trim() || undefined;
      return renderDraft(res, signed, id, { show: url.searchParams.get('xem') ?? undefined, rehearse, flash });
    }
    if (m[2] === 'tien-trinh.svg') {
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      const rehearse = url.searchParams.get('dien-tap')?.trim() || undefined;
      const svg = await backend.draftTimelineSvg(id, rehearse ? { rehearse } : {});
      if (svg === undefined) throw new HttpError(404, 'Không tìm thấy', 'Bản nháp còn lỗi: chưa vẽ được tiến trình.');
      return sendDownload(res, { name: 'tien-trinh.svg', contentType: SVG }, Buffer.from(svg), {
        inline: true,
        headers: { 'Content-Security-Policy': SVG_CSP },
      });
    }
    if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Thao tác phải gửi bằng biểu mẫu.');

    if (m[2] === 'bang-tinh' || m[2] === 'nhap-don-vi') return unitImportRoutes(req, res, signed, id, m[2]);

    if (m[2] === 'luu') {
      const refused = lacking(signed, 'clerk', 'edit-draft', `save draft ${id}`);
      if (refused) {
        closeAfterAnswer(req, res);
        return renderDraft(res, signed, id, {
          status: 403,
          flash: { kind: 'error', html: esc(staffMessage(refused)) },
        });
      }
      await draftOr404(id);
      // URL-encoding a UTF-8 text takes up to 3 characters a byte (9 for a Vietnamese letter's 3 bytes).
      const body = await readBody(req, MAX_DRAFT_BYTES * 3 + 64 * 1024);
      if (!body) {
        closeAfterAnswer(req, res);
        return renderDraft(res, signed, id, {
          status: 413,
          flash: { kind: 'error', html: esc('Nội dung quá dài; không lưu được. Không có gì thay đổi.') },
        });
      }
      const form = parseUrlEncoded(body);
      if (!safeEqual(form.csrf, staff.csrf)) throw BAD_CSRF;
      // Browsers send a textarea's line ends as CRLF: kept as the file's LF, so the lines match.
      const yaml = (form.yaml ?? '').replace(/\r\n?/g, '\n');
      try {
        await backend.saveDraft(actor, id, yaml);
      } catch (err) {
        if (!(err instanceof DraftTooLargeError)) throw err;
        const mb = Math.round(MAX_DRAFT_BYTES / 1024 / 1024);
        return renderDraft(res, signed, id, {
          status: 413,
          text: yaml,
          flash: { kind: 'error', html: esc(`Nội dung lớn hơn ${mb} MB; chưa lưu. Nội dung vừa nhập vẫn ở dưới.`) },
        });
      }
      opts.log(`dashboard: ${staff.login} saved draft ${id}`);
      const show = form.do === 'kiem-tra' || form.do === 'xem-truoc' ? form.do : undefined;
      if (!show) staff.flash = { kind: 'ok', html: 'Đã lưu.' };
      return redirect(res, back(id, show));
    }

    // The start: the approver's, refused before the form is read, and nothing is started.
    const refused = lacking(signed, 'approver', 'start-campaign', `start draft ${id}`);
    if (refused) {
      closeAfterAnswer(req, res);
      return renderDraft(res, signed, id, { status: 403, flash: { kind: 'error', html: esc(staffMessage(refused)) } });
    }
    const form = await formOf(req, staff);
    await draftOr404(id);
    if (form.confirm !== 'yes') {
      return renderDraft(res, signed, id, {
        status: 400,
        startError: 'Hãy đánh dấu ô xác nhận (số đơn vị và giờ gửi kế hoạch) rồi bấm lại. Chưa bắt đầu.',
      });
    }
    const rehearse = form.rehearse?.trim() || undefined;
    let result;
    try {
      result = await backend.startDraft(actor, id, rehearse ? { rehearse } : {});
    } catch (err) {
      const f = failure(err);
      if (!f) throw err;
      opts.log(`dashboard: ${staff.login} start draft ${id}: ${f.message}`);
      return renderDraft(res, signed, id, { status: f.status, startError: f.message });
    }
    if (!result.ok) {
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      opts.log(`dashboard: ${staff.login} start draft ${id}: refused, ${errors} problems`);
      return renderDraft(res, signed, id, {
        status: 400,
        problems: result.problems,
        startError: `Chưa bắt đầu: bản nháp còn ${errors} lỗi (xem bên cạnh nội dung).`,
      });
    }
    const o = result.outcome;
    if (!o.started) {
      opts.log(`dashboard: ${staff.login} start draft ${id}: ${o.campaignId} already running`);
      return renderDraft(res, signed, id, {
        status: 409,
        startError: `Đợt "${o.campaignId}" đã đang chạy (workflow ${o.workflowId}); không bắt đầu lại, không có gì thay đổi.`,
      });
    }
    opts.log(
      `dashboard: ${staff.login} started ${o.campaignId} from draft ${id}${rehearse ? ` (rehearsal ${rehearse})` : ''}`,
    );
    staff.flash = {
      kind: 'ok',
      html: esc(
        `${rehearse ? `Đã bắt đầu diễn tập (${rehearse})` : 'Đã bắt đầu'} đợt "${o.campaignId}": ${o.unitCount} đơn vị` +
          `${o.deadlineLocal ? `, hạn nộp ${localWords(o.deadlineLocal)}` : ''}; kế hoạch đang được gửi.`,
      ),
    };
    return redirect(res, `/admin/c/${encodeURIComponent(o.campaignId)}`);
  }

  /**
   * The unit sheet (issue 18 item 2): `bang-tinh` receives a sheet and keeps it as the draft's pending
   * import, previewed on the draft's page; `nhap-don-vi` imports it (`do=nhap`), drops the confirmed
   * bad rows and imports the rest (`do=bo-dong-loi`), or cancels it (`do=huy`). The clerk's; refused
   * before any byte of the form is read.
   */
  async function unitImportRoutes(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    id: string,
    what: 'bang-tinh' | 'nhap-don-vi',
  ): Promise<void> {
    const { staff, actor } = signed;
    const refused = lacking(signed, 'clerk', 'edit-draft', `${what} draft ${id}`);
    if (refused) {
      closeAfterAnswer(req, res);
      return renderDraft(res, signed, id, { status: 403, flash: { kind: 'error', html: esc(staffMessage(refused)) } });
    }
    await draftOr404(id);
    if (what === 'bang-tinh') {
      const got = await uploadOf(req, res, staff, { maxFileBytes: MAX_SHEET_BYTES, defaultName: 'don-vi.xlsx' });
      if (got instanceof UploadError)
        return renderDraft(res, signed, id, { status: got.status, sheetError: got.message });
      if (!got.file) {
        return renderDraft(res, signed, id, { status: 400, sheetError: 'Chưa chọn bảng tính (.xlsx hoặc .csv).' });
      }
      const staged = await backend.stageUnitSheet(actor, id, got.file);
      if (!staged.kept) {
        opts.log(`dashboard: ${staff.login} unit sheet ${got.file.name} for draft ${id}: refused`);
        return renderDraft(res, signed, id, {
          status: 400,
          sheetError: `Bảng tính "${got.file.name}" không được nhận; chưa nhập gì.`,
          sheetProblems: staged.problems,
        });
      }
      opts.log(`dashboard: ${staff.login} unit sheet ${got.file.name} for draft ${id}: pending`);
      return redirect(res, `${DRAFTS_BASE}/${id}#import`);
    }
    const form = await formOf(req, staff);
    if (form.do === 'huy') {
      await backend.cancelUnitImport(actor, id);
      opts.log(`dashboard: ${staff.login} cancelled the unit import of draft ${id}`);
      staff.flash = { kind: 'ok', html: 'Đã hủy nhập bảng tính; danh sách đơn vị không thay đổi.' };
      return redirect(res, `${DRAFTS_BASE}/${id}`);
    }
    if (form.do !== 'nhap' && form.do !== 'bo-dong-loi')
      throw new HttpError(400, 'Yêu cầu không hợp lệ', 'Thao tác không rõ.');
    const drop = form.do === 'bo-dong-loi';
    if (drop && form.confirm !== 'yes') {
      return renderDraft(res, signed, id, {
        status: 400,
        sheetError: 'Hãy đánh dấu ô xác nhận bỏ các dòng lỗi rồi bấm lại. Chưa nhập gì.',
      });
    }
    const confirmedRows = (form.rows ?? '')
      .split(',')
      .filter((r) => /^\d{1,6}$/.test(r))
      .map(Number);
    let result;
    try {
      result = await backend.importUnits(actor, id, drop ? { dropBadRows: true, confirmedRows } : {});
    } catch (err) {
      if (!(err instanceof DraftTooLargeError)) throw err;
      const mb = Math.round(MAX_DRAFT_BYTES / 1024 / 1024);
      return renderDraft(res, signed, id, { status: 413, sheetError: `Bản nháp sẽ lớn hơn ${mb} MB; chưa nhập gì.` });
    }
    if (!result.ok) return renderDraft(res, signed, id, { status: 400, sheetError: result.reason });
    opts.log(`dashboard: ${staff.login} imported ${result.imported} units into draft ${id}`);
    staff.flash = { kind: 'ok', html: esc(`Đã ${result.draft.history[result.draft.history.length - 1].what}.`) };
    return redirect(res, `${DRAFTS_BASE}/${id}?xem=kiem-tra`);
  }

  return routes;
}
