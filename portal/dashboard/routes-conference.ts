/**
 * The conference routes (issue 13): `GET /admin/c/<campaign>/hoi-nghi` (the page), its actions'
 * re-rendering, `GET …/hoi-nghi/phan-hoi.xlsx` (the replies as a workbook) and `GET …/hoi-nghi/tep/<sha256>`
 * (the minutes the outcome names). The actions themselves run through `routes-campaign.ts`'s runAction.
 */
import type http from 'node:http';
import type { ConferenceStatusView } from '../../domain/conference-types';
import { conferenceXlsx } from '../../documents/conference-xlsx';
import { HttpError, sendDownload, sendHtml } from '../http';
import type { StaffSession } from '../security';
import { CONFERENCE_ACTIONS } from './conference-actions';
import { conferenceAdminPage } from './conference-page';
import type { FailedForm, Flash } from './pages';
import { failure, phaseView, XLSX, type RouteContext, type SignedIn } from './routes-shared';

export interface ConferenceRoutes {
  renderConference(
    res: http.ServerResponse,
    signed: SignedIn,
    campaignId: string,
    status?: number,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void>;
  /** `phan-hoi.xlsx` or `tep/<sha256>`. */
  conferenceDownload(res: http.ServerResponse, staff: StaffSession, campaignId: string, tail: string): Promise<void>;
}

export function conferenceRoutes({ opts }: RouteContext): ConferenceRoutes {
  const { backend } = opts;

  async function conferenceView(campaignId: string): Promise<ConferenceStatusView> {
    const conference = opts.conference;
    if (!conference) throw new HttpError(404, 'Không tìm thấy', 'Trang quản trị chưa được nối với hội nghị.');
    return phaseView(
      () => conference.status(campaignId),
      {
        title: 'Chưa có hội nghị',
        campaignId,
        text: `Đợt "${campaignId}" chưa đến giai đoạn hội nghị (hoặc kế hoạch không có hội nghị): giấy mời được gửi khi giai đoạn này mở.`,
      },
      'Không đọc được tình hình hội nghị',
    );
  }

  /** The campaign's title and zone, when its own query answers (only they are wanted here). */
  async function campaignOf(campaignId: string) {
    return backend.campaignStatus(campaignId).catch((err: unknown) => {
      if (failure(err)) return undefined;
      throw err;
    });
  }

  async function renderConference(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    campaignId: string,
    status = 200,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void> {
    const view = await conferenceView(campaignId);
    const campaign = await campaignOf(campaignId);
    sendHtml(
      res,
      status,
      conferenceAdminPage({
        staff,
        actor,
        campaignId,
        title: campaign?.title,
        view,
        actions: CONFERENCE_ACTIONS,
        timeZone: campaign?.timeZone ?? opts.timeZone,
        flash,
        failed,
      }),
    );
  }

  async function conferenceDownload(
    res: http.ServerResponse,
    staff: StaffSession,
    campaignId: string,
    tail: string,
  ): Promise<void> {
    const view = await conferenceView(campaignId);
    if (tail === 'phan-hoi.xlsx') {
      const campaign = await campaignOf(campaignId);
      const bytes = await conferenceXlsx(view, campaign?.timeZone ?? opts.timeZone);
      opts.log(`dashboard: ${staff.login} downloaded the conference replies of ${campaignId}`);
      return sendDownload(res, { name: `tra-loi-giay-moi-${campaignId}.xlsx`, contentType: XLSX }, bytes);
    }
    // Only the minutes the outcome names: the store is never browsed by hash alone.
    const minutes = view.outcome?.minutes;
    if (!minutes || tail !== `tep/${minutes.sha256}`)
      throw new HttpError(404, 'Không tìm thấy', 'Hội nghị không có tệp này.');
    opts.log(`dashboard: ${staff.login} downloaded the conference minutes of ${campaignId}`);
    sendDownload(res, minutes, await opts.reports.get(minutes.sha256));
  }

  return { renderConference, conferenceDownload };
}
