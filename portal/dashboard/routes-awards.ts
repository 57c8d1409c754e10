/**
 * The awards routes (issue 14): `GET /admin/c/<campaign>/khen-thuong` (the page), `POST …/khen-thuong/do/<action>`
 * (a vote, a written vote, closing the vote, the decision) and `GET …/khen-thuong/<bien-ban|quyet-dinh|to-trinh>.docx`
 * or `…/thong-ke.xlsx` (the documents). The role is checked before the form is read; a refusal
 * re-renders the page with the form refilled and the reason beside it.
 */
import type http from 'node:http';
import type { AwardsStatusView } from '../../domain/award-types';
import { STAFF_ROLE_NAMES } from '../../domain/synthesis-types';
import { HttpError, redirect, sendDownload, sendHtml } from '../http';
import { esc } from '../pages';
import { awardActionFor, type AwardAction } from './awards-actions';
import type { AwardFileKind, AwardsBackend } from './awards-backend';
import { AWARD_DOWNLOADS, availableDownloads, awardsPage, type FailedAwardForm } from './awards-page';
import { pageChoiceOf, pageQuery, viewPartOf, type AwardsPageChoice } from './awards-paging';
import { MAX_SHEET_FILE_BYTES } from './awards-sheet-file';
import { UploadError } from '../upload-receive';
import type { Flash } from './pages';
import { DOCX, failure, NOT_FOUND, phaseView, XLSX, type RouteContext, type SignedIn } from './routes-shared';

/** `/admin/c/<campaign>/khen-thuong[/do/<action>|/<file>]`; `/admin/dot/…` is taken as the same page. */
export const AWARDS_ROUTE =
  /^\/admin\/(?:c|dot)\/([^/]+)\/khen-thuong(?:\/(do\/[a-z-]+|bien-ban\.docx|quyet-dinh\.docx|to-trinh\.docx|thong-ke\.xlsx))?$/;

const FILE_KIND: Record<string, AwardFileKind> = Object.fromEntries(
  Object.entries(AWARD_DOWNLOADS).map(([kind, d]) => [d.file, kind as AwardFileKind]),
);

export function awardsRoutes({ opts, formOf, uploadOf, closeAfterAnswer }: RouteContext) {
  const { backend } = opts;

  function awardsBackend(): AwardsBackend {
    if (!opts.awards) throw new HttpError(404, 'Không tìm thấy', 'Trang quản trị này chưa có phần khen thưởng.');
    return opts.awards;
  }

  /** The page of nominations shown (issue 17), or the first nomination only (a download needs the files' references). */
  async function awardsView(
    signed: SignedIn,
    campaignId: string,
    choice?: AwardsPageChoice,
  ): Promise<AwardsStatusView> {
    const part = choice ? viewPartOf(choice, signed.actor) : { page: 1, pageSize: 1, withVotes: false };
    return phaseView(
      () => awardsBackend().status(campaignId, signed.actor, part),
      {
        title: 'Chưa có phần khen thưởng',
        campaignId,
        text:
          `Đợt "${campaignId}" chưa đến giai đoạn khen thưởng (hoặc giai đoạn khen thưởng của kế hoạch không có Hội đồng biểu quyết, mục council): ` +
          'Hội đồng biểu quyết sau khi hội nghị tổng kết kết thúc.',
      },
      'Không đọc được phần khen thưởng',
    );
  }

  async function render(
    res: http.ServerResponse,
    signed: SignedIn,
    campaignId: string,
    status = 200,
    flash?: Flash,
    failed?: FailedAwardForm,
    choice: AwardsPageChoice = { page: 1, remaining: false },
  ): Promise<void> {
    const view = await awardsView(signed, campaignId, choice);
    const campaign = await backend.campaignStatus(campaignId).catch((err: unknown) => {
      if (failure(err)) return undefined; // only its title and zone are wanted here
      throw err;
    });
    sendHtml(
      res,
      status,
      awardsPage({
        staff: signed.staff,
        actor: signed.actor,
        campaignId,
        title: campaign?.title,
        view,
        catalogue: await awardsBackend().catalogue(),
        claimCheckBytes: awardsBackend().claimCheckBytes,
        timeZone: campaign?.timeZone ?? opts.timeZone,
        flash,
        failed,
        choice,
      }),
    );
  }

  async function run(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    action: AwardAction,
    campaignId: string,
  ): Promise<void> {
    const { staff, actor } = signed;
    if (!actor.roles.includes(action.role)) {
      opts.log(
        `dashboard: ${staff.login} ${action.id} on ${campaignId}/khen-thuong: refused, lacks role ${action.role}`,
      );
      closeAfterAnswer(req, res);
      const why =
        `${action.label}: tài khoản "${actor.login}" không có vai trò "${STAFF_ROLE_NAMES[action.role]}" ` +
        'mà việc này cần; không có gì thay đổi.';
      return render(res, signed, campaignId, 403, { kind: 'error', html: esc(why) });
    }
    let form: Record<string, string>;
    let file: { name: string; bytes: Buffer } | undefined;
    if (action.upload) {
      const got = await uploadOf(req, res, staff, { maxFileBytes: MAX_SHEET_FILE_BYTES, defaultName: 'phieu.csv' });
      if (got instanceof UploadError) {
        opts.log(`dashboard: ${staff.login} ${action.id} on ${campaignId}/khen-thuong: upload refused (${got.reason})`);
        return render(res, signed, campaignId, got.status, undefined, {
          action: action.id,
          form: {},
          error: got.message,
        });
      }
      ({ form, file } = got);
    } else form = await formOf(req, staff);
    // The page the form was on: the answer (or the refusal) shows it again.
    const choice = pageChoiceOf((k) => form[k]);
    try {
      const message = await action.run({ awards: awardsBackend(), campaignId, actor, form, file });
      opts.log(`dashboard: ${staff.login} ${action.id} on ${campaignId}/khen-thuong: done`);
      staff.flash = { kind: 'ok', html: esc(message) };
      redirect(res, `/admin/c/${encodeURIComponent(campaignId)}/khen-thuong${pageQuery(choice)}`);
    } catch (err) {
      const f = failure(err);
      if (!f) throw err;
      opts.log(`dashboard: ${staff.login} ${action.id} on ${campaignId}/khen-thuong: ${f.message}`);
      const { csrf: _csrf, ...refill } = form;
      const error = `${f.message}${f.nothingChanged ? ' Không có gì thay đổi.' : ''}`;
      await render(res, signed, campaignId, f.status, undefined, { action: action.id, form: refill, error }, choice);
    }
  }

  /** Only a document this state of the vote has; `.docx` and `.xlsx` as attachments. */
  async function download(res: http.ServerResponse, signed: SignedIn, campaignId: string, file: string) {
    const kind = FILE_KIND[file];
    const view = await awardsView(signed, campaignId);
    if (!availableDownloads(view).includes(kind)) {
      throw new HttpError(404, 'Chưa có văn bản này', `${AWARD_DOWNLOADS[kind].label} chưa được lập.`);
    }
    let got;
    try {
      got = await awardsBackend().file(campaignId, kind);
    } catch (err) {
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được tệp', f.message);
      throw err;
    }
    opts.log(`dashboard: ${signed.staff.login} downloaded awards ${campaignId} ${got.name}`);
    sendDownload(res, { name: got.name, contentType: file.endsWith('.xlsx') ? XLSX : DOCX }, got.bytes);
  }

  /** Answers a request whose path matched {@link AWARDS_ROUTE}. */
  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    campaignId: string,
    tail: string | undefined,
    flash?: Flash,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    if (tail?.startsWith('do/')) {
      if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Thao tác phải gửi bằng biểu mẫu.');
      const action = awardActionFor(tail.slice(3));
      if (!action) throw NOT_FOUND;
      return run(req, res, signed, action, campaignId);
    }
    if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    if (!tail) {
      const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
      return render(
        res,
        signed,
        campaignId,
        200,
        flash,
        undefined,
        pageChoiceOf((k) => params.get(k)),
      );
    }
    return download(res, signed, campaignId, tail);
  }

  return { handle };
}
