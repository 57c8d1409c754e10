/**
 * The synthesis routes: `GET /admin/c/<campaign>/tong-hop` (the page), its actions' re-rendering,
 * and `GET …/tong-hop/tep/<sha256>` (a file the synthesis lists; pictures in place).
 */
import type http from 'node:http';
import type { SynthesisStatusView } from '../../domain/synthesis-types';
import { HttpError, sendDownload, sendHtml } from '../http';
import type { StaffSession } from '../security';
import { DASHBOARD_ACTIONS } from './actions';
import type { FailedForm, Flash } from './pages';
import { DOCX, failure, phaseView, SVG, SVG_CSP, XLSX, type RouteContext, type SignedIn } from './routes-shared';
import { synthesisPage } from './synthesis-page';

/** Every file the synthesis lists, by sha256, with the content type its place in the pack gives it. */
function synthesisFiles(view: SynthesisStatusView): Map<string, string> {
  const files = new Map<string, string>();
  for (const v of view.versions) {
    files.set(v.docx.sha256, DOCX);
    files.set(v.pack.docx.sha256, DOCX);
    files.set(v.pack.xlsx.sha256, XLSX);
    files.set(v.pack.timelineSvg.sha256, SVG);
    files.set(v.pack.submissionsSvg.sha256, SVG);
  }
  return files;
}

export interface SynthesisRoutes {
  renderSynthesis(
    res: http.ServerResponse,
    signed: SignedIn,
    campaignId: string,
    status?: number,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void>;
  synthesisDownload(res: http.ServerResponse, staff: StaffSession, campaignId: string, sha256: string): Promise<void>;
}

export function synthesisRoutes({ opts }: RouteContext): SynthesisRoutes {
  const { backend } = opts;

  async function synthesisView(campaignId: string): Promise<SynthesisStatusView> {
    return phaseView(
      () => backend.synthesisStatus(campaignId),
      {
        title: 'Chưa có báo cáo tổng hợp',
        campaignId,
        text: `Đợt "${campaignId}" chưa có báo cáo tổng hợp: dự thảo được lập khi hồ sơ của mọi đơn vị đã khóa.`,
      },
      'Không đọc được báo cáo tổng hợp',
    );
  }

  async function renderSynthesis(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    campaignId: string,
    status = 200,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void> {
    const view = await synthesisView(campaignId);
    const campaign = await backend.campaignStatus(campaignId).catch((err: unknown) => {
      if (failure(err)) return undefined; // only its title is wanted here
      throw err;
    });
    sendHtml(
      res,
      status,
      synthesisPage({
        staff,
        actor,
        campaignId,
        title: campaign?.title,
        view,
        actions: DASHBOARD_ACTIONS.filter((a) => a.scope === 'synthesis'),
        timeZone: campaign?.timeZone ?? opts.timeZone,
        flash,
        failed,
      }),
    );
  }

  /** `GET …/tong-hop/tep/<sha256>`: only a file the synthesis lists; pictures in place, the rest as attachments. */
  async function synthesisDownload(
    res: http.ServerResponse,
    staff: StaffSession,
    campaignId: string,
    sha256: string,
  ): Promise<void> {
    const view = await synthesisView(campaignId);
    const contentType = synthesisFiles(view).get(sha256);
    if (!contentType) throw new HttpError(404, 'Không tìm thấy', 'Báo cáo tổng hợp không có tệp này.');
    let found;
    try {
      found = await backend.synthesisFile(view, sha256);
    } catch (err) {
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được tệp', f.message);
      throw err;
    }
    opts.log(`dashboard: ${staff.login} downloaded synthesis ${campaignId} ${found.ref.name}`);
    const file = { name: found.ref.name, contentType };
    if (contentType === SVG)
      sendDownload(res, file, found.bytes, { inline: true, headers: { 'Content-Security-Policy': SVG_CSP } });
    else sendDownload(res, file, found.bytes);
  }

  return { renderSynthesis, synthesisDownload };
}
