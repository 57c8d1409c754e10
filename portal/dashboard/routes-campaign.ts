/**
 * The campaign and unit routes: `GET /admin/c/<campaign>` and `…/u/<unit>` (pages and a unit's
 * downloads), and `POST …/do/<action>` for every {@link DASHBOARD_ACTIONS} (the synthesis's too).
 */
import type http from 'node:http';
import { UNIT_FILTERS, type UnitFilter } from '../../app/campaigns';
import { requireRole } from '../../app/roles';
import { AppError } from '../../app/temporal-errors';
import type { SynthesisStatusView } from '../../domain/synthesis-types';
import { unitWorkflowId, type UnitStatusView } from '../../domain/workflow-types';
import { HttpError, redirect, sendDownload, sendHtml, SECURITY_HEADERS } from '../http';
import type { StaffSession } from '../security';
import { esc } from '../pages';
import { UploadError } from '../upload-receive';
import { PORTAL_MAX_FILE_BYTES } from '../upload';
import { staffMessage } from '../messages';
import { DASHBOARD_ACTIONS, mayDo, type DashboardAction } from './actions';
import { campaignPage, nominationsCsv, unitDetailPage, type FailedForm, type Flash } from './pages';
import { failure, type RouteContext, type SignedIn } from './routes-shared';
import type { SynthesisRoutes } from './routes-synthesis';
import type { ConferenceRoutes } from './routes-conference';

export interface CampaignRoutes {
  renderCampaign(
    res: http.ServerResponse,
    signed: SignedIn,
    campaignId: string,
    url: URL,
    status?: number,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void>;
  renderUnit(
    res: http.ServerResponse,
    signed: SignedIn,
    campaignId: string,
    unitId: string,
    status?: number,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void>;
  runAction(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    action: DashboardAction,
    campaignId: string,
    unitId: string | undefined,
    url: URL,
  ): Promise<void>;
  unitDownload(
    res: http.ServerResponse,
    staff: StaffSession,
    campaignId: string,
    unitId: string,
    tail: string,
  ): Promise<void>;
}

export function campaignRoutes(
  ctx: RouteContext,
  {
    renderSynthesis,
    renderConference,
  }: Pick<SynthesisRoutes, 'renderSynthesis'> & Pick<ConferenceRoutes, 'renderConference'>,
): CampaignRoutes {
  const { opts, formOf, uploadOf, closeAfterAnswer } = ctx;
  const { backend } = opts;

  /** The synthesis if it answers; a campaign page shows without it (no synthesis yet, no worker). */
  async function optionalSynthesis(campaignId: string): Promise<SynthesisStatusView | undefined> {
    try {
      return await backend.synthesisStatus(campaignId);
    } catch (err) {
      if (!failure(err)) opts.log(`dashboard: synthesis of ${campaignId} unreadable: ${String(err)}`);
      return undefined;
    }
  }

  async function renderCampaign(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    campaignId: string,
    url: URL,
    status = 200,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void> {
    const filterParam = url.searchParams.get('filter') ?? '';
    const filter = UNIT_FILTERS.includes(filterParam as UnitFilter) ? (filterParam as UnitFilter) : undefined;
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 200, 1), 10_000);
    let units;
    try {
      units = await backend.campaignUnits(campaignId, { filter, limit });
    } catch (err) {
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được đợt thi đua', f.message);
      throw err;
    }
    let campaign;
    let statusError: string | undefined;
    try {
      campaign = await backend.campaignStatus(campaignId);
    } catch (err) {
      const f = failure(err);
      if (!f) throw err;
      statusError = `Tiến trình và thao tác tạm không có: ${f.message}`;
    }
    const synthesis = await optionalSynthesis(campaignId);
    // The tree is visibility (and the sub-campaign's query, tolerated inside): a page shows without it.
    const tree = await backend.campaignTree(campaignId).catch((err: unknown) => {
      if (!failure(err)) opts.log(`dashboard: tree of ${campaignId} unreadable: ${String(err)}`);
      return undefined;
    });
    sendHtml(
      res,
      status,
      campaignPage({
        staff,
        actor,
        synthesis,
        units,
        status: campaign,
        statusError,
        filter,
        actions: DASHBOARD_ACTIONS.filter((a) => a.scope === 'campaign'),
        timeZone: campaign?.timeZone ?? opts.timeZone,
        temporalUi: (id) => backend.temporalUiUrl(id),
        flash,
        failed,
        tree,
      }),
    );
  }

  async function unitView(campaignId: string, unitId: string): Promise<UnitStatusView> {
    try {
      return await backend.unitStatus(campaignId, unitId);
    } catch (err) {
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được hồ sơ của đơn vị', f.message);
      throw err;
    }
  }

  async function renderUnit(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    campaignId: string,
    unitId: string,
    status = 200,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void> {
    const view = await unitView(campaignId, unitId);
    const campaign = await backend.campaignStatus(campaignId).catch((err: unknown) => {
      if (failure(err)) return undefined; // the unit's own view is enough to show the page
      throw err;
    });
    const tree = await backend.campaignTree(campaignId).catch((err: unknown) => {
      if (!failure(err)) opts.log(`dashboard: tree of ${campaignId} unreadable: ${String(err)}`);
      return undefined;
    });
    sendHtml(
      res,
      status,
      unitDetailPage({
        staff,
        actor,
        campaign,
        view,
        actions: DASHBOARD_ACTIONS.filter((a) => a.scope === 'unit'),
        timeZone: campaign?.timeZone ?? opts.timeZone,
        temporalUrl: backend.temporalUiUrl(unitWorkflowId(campaignId, unitId)),
        link: await opts.links?.info(campaignId, unitId),
        subCampaign: tree?.subCampaigns.find((r) => r.unitId === unitId),
        flash,
        failed,
      }),
    );
  }

  async function runAction(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    action: DashboardAction,
    campaignId: string,
    unitId: string | undefined,
    url: URL,
  ): Promise<void> {
    const { staff, actor } = signed;
    const where = unitId ? `${campaignId}/${unitId}` : campaignId;
    const back =
      `/admin/c/${encodeURIComponent(campaignId)}` +
      (action.scope === 'synthesis'
        ? '/tong-hop'
        : action.scope === 'conference'
          ? '/hoi-nghi'
          : unitId
            ? `/u/${encodeURIComponent(unitId)}`
            : '');
    const again = (status: number, flash?: Flash, failed?: FailedForm) =>
      action.scope === 'synthesis'
        ? renderSynthesis(res, signed, campaignId, status, flash, failed)
        : action.scope === 'conference'
          ? renderConference(res, signed, campaignId, status, flash, failed)
          : unitId
            ? renderUnit(res, signed, campaignId, unitId, status, flash, failed)
            : renderCampaign(res, signed, campaignId, url, status, flash, failed);

    // The role first: a refusal reads nothing (no upload is received) and sends nothing.
    try {
      if (!mayDo(actor, action)) requireRole(actor, action.role, action.operation);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: refused, lacks role ${action.role}`);
      closeAfterAnswer(req, res);
      return again(403, { kind: 'error', html: esc(staffMessage(err)) });
    }

    let form: Record<string, string>;
    let file: { name: string; bytes: Buffer } | undefined;
    if (action.upload) {
      const got = await uploadOf(
        req,
        res,
        staff,
        action.defaultFileName
          ? { maxFileBytes: opts.maxSynthesisBytes ?? PORTAL_MAX_FILE_BYTES, defaultName: action.defaultFileName }
          : undefined,
      );
      if (got instanceof UploadError) {
        opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: upload refused (${got.reason})`);
        return again(got.status, undefined, { action: action.id, form: {}, error: got.message });
      }
      ({ form, file } = got);
    } else form = await formOf(req, staff);

    try {
      const message = await action.run({
        backend,
        campaignId,
        unitId,
        staff: actor,
        form,
        file,
        conference: opts.conference,
        timeZone: opts.timeZone,
      });
      opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: done`);
      staff.flash = { kind: 'ok', html: esc(message) };
      redirect(res, back);
    } catch (err) {
      const f = failure(err);
      if (!f) throw err;
      opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: ${f.message}`);
      // An update sent and not answered may still apply: then the message says so instead.
      const { csrf: _csrf, ...refill } = form;
      const error = `${f.message}${f.nothingChanged ? ' Không có gì thay đổi.' : ''}`;
      await again(f.status, undefined, { action: action.id, form: refill, error });
    }
  }

  /** `GET …/u/<unit>/nominations.csv` or `…/files/<sha256>`: only a file the unit's workflow lists. */
  async function unitDownload(
    res: http.ServerResponse,
    staff: StaffSession,
    campaignId: string,
    unitId: string,
    tail: string,
  ): Promise<void> {
    const view = await unitView(campaignId, unitId);
    if (tail === 'nominations.csv') {
      const csv = nominationsCsv(await backend.nominationVersions(view), opts.timeZone);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="de-nghi-${unitId}.csv"`,
      });
      res.end(csv);
      return;
    }
    // Only a file the unit's workflow lists: the store is never browsed by hash alone.
    const sha256 = tail.slice('files/'.length);
    const file = [...view.reports, ...view.papers].find((f) => f.sha256 === sha256);
    if (!file) throw new HttpError(404, 'Không tìm thấy', 'Đơn vị không có tệp này.');
    opts.log(`dashboard: ${staff.login} downloaded ${campaignId}/${unitId} ${file.name}`);
    sendDownload(res, file, await opts.reports.get(sha256));
  }

  return { renderCampaign, renderUnit, runAction, unitDownload };
}
