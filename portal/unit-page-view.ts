/**
 * The unit's page as the unit portal's routes draw it: from its workflow's view (`getUnitStatus`),
 * with a flash after a submission; and a submission the use case did not take, answered on it.
 */
import type http from 'node:http';
import { AppError } from '../app/temporal-errors';
import { MAX_PERSON_CHARS } from '../domain/submission-rules';
import type { UnitStatusView } from '../domain/workflow-types';
import { awardResultsSection } from './award-results';
import { HTTP_STATUS, unitMessage } from './messages';
import { sendHtml } from './http';
import { esc, messagePage, unitPage } from './pages';
import type { UnitSession } from './security';
import type { PortalOptions } from './options';
import { calendarPath } from './unit-calendar-feed';

/** Refuses on the unit's page: the reason, and that nothing was recorded. */
export type Refuse = (status: number, text: string) => Promise<void>;

export interface UnitPageView {
  renderUnit(
    res: http.ServerResponse,
    session: UnitSession,
    status: number,
    flash?: UnitSession['flash'],
  ): Promise<void>;
  /** A refusal on the unit's page, with the given status and reason. */
  refuser(res: http.ServerResponse, session: UnitSession): Refuse;
  answerFailedSubmission(err: unknown, res: http.ServerResponse, session: UnitSession, refuse: Refuse): Promise<void>;
}

export function createUnitPageView(opts: PortalOptions, log: (line: string) => void): UnitPageView {
  const send = sendHtml;

  async function renderUnit(
    res: http.ServerResponse,
    session: UnitSession,
    status: number,
    flash?: UnitSession['flash'],
  ): Promise<void> {
    let view: UnitStatusView;
    try {
      view = await opts.backend.unitStatus(session.campaignId, session.unitId);
    } catch (err) {
      if (err instanceof AppError) {
        const extra = flash ? `<div class="msg ${flash.kind}">${flash.html}</div>` : '';
        send(
          res,
          flash ? status : HTTP_STATUS[err.code],
          messagePage('Không đọc được hồ sơ của đơn vị', unitMessage(err, opts.timeZone), extra),
        );
        return;
      }
      throw err;
    }
    const campaign = await opts.backend.campaignInfo(session.campaignId);
    const calendarUrl = `${opts.publicUrl?.replace(/\/+$/, '') ?? ''}${calendarPath(session.token)}`;
    send(
      res,
      status,
      unitPage({
        view,
        campaign,
        timeZone: campaign?.timeZone ?? opts.timeZone,
        csrf: session.csrf,
        flash,
        calendarUrl,
        conferenceUrl:
          opts.conference && (campaign?.conference || campaign?.document?.phases.some((p) => p.conference))
            ? `/u/${encodeURIComponent(session.token)}/hoi-nghi`
            : undefined,
        awards: await awardResultsSection(opts.awardResults, session.campaignId, session.unitId, log),
      }),
    );
  }

  const refuser =
    (res: http.ServerResponse, session: UnitSession): Refuse =>
    (status, text) =>
      renderUnit(res, session, status, { kind: 'error', html: `${esc(text)} Không có gì được ghi nhận.` });

  /**
   * A submission the use case did not take: a refusal recorded nothing (and the store forgot the
   * upload), so the page says so; an unanswered update may still apply later, so it does not.
   */
  async function answerFailedSubmission(
    err: unknown,
    res: http.ServerResponse,
    session: UnitSession,
    refuse: Refuse,
  ): Promise<void> {
    if (!(err instanceof AppError)) throw err;
    const text = unitMessage(err, opts.timeZone);
    if (err.nothingChanged) return refuse(HTTP_STATUS[err.code], text);
    return renderUnit(res, session, HTTP_STATUS[err.code], { kind: 'error', html: esc(text) });
  }

  return { renderUnit, refuser, answerFailedSubmission };
}

/** Who submitted through the portal, as receipts name it: within the workflow's limit however long the unit's name. */
export function portalSubmitter(unitName: string): string {
  const max = MAX_PERSON_CHARS - 'Cổng nộp hồ sơ ()'.length;
  return `Cổng nộp hồ sơ (${unitName.length > max ? `${unitName.slice(0, max - 1)}…` : unitName})`;
}
