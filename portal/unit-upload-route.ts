/**
 * `POST /unit/upload`: streams the file to staging, then submits it through `submitUnitFile` of
 * `app/units.ts`, the one submit path (`thidua unit submit` uses it too): checked, stored with its
 * owner, recorded by the `submitFile` update, the upload record removed again if the update refuses.
 * Refusals (locked, wrong type, empty, oversized, no worker) are shown on the page and nothing is
 * recorded.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { submitUnitFile } from '../app/units';
import { kindLabel } from '../domain/submission-rules';
import type { SubmissionKind } from '../domain/workflow-types';
import { HttpError, SECURITY_HEADERS } from './http';
import { esc, localTime } from './pages';
import { safeEqual, type UnitSession } from './security';
import { contentTypeForName, magicBytesMatch, PORTAL_MAX_FILE_BYTES, safeBaseName } from './upload';
import type { PortalOptions } from './options';
import { DEFAULT_UPLOAD_LIMITS, receiveUpload, UploadError, type ReceivedUpload } from './upload-receive';
import { BAD_CSRF } from './unit-access';
import { portalSubmitter, type Refuse, type UnitPageView } from './unit-page-view';

export type UploadRoute = (req: http.IncomingMessage, res: http.ServerResponse, session: UnitSession) => Promise<void>;

export function createUploadRoute(opts: PortalOptions, page: UnitPageView, log: (line: string) => void): UploadRoute {
  const maxFileBytes = opts.maxFileBytes ?? PORTAL_MAX_FILE_BYTES;
  const maxUnitBytes = opts.maxUnitBytes ?? 200 * 1024 * 1024;
  const maxConcurrentUploads = opts.maxConcurrentUploads ?? 8;
  const uploading = new Set<string>();

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, session: UnitSession): Promise<void> {
    const refuse = page.refuser(res, session);
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? ''))
      throw new HttpError(400, 'Yêu cầu không hợp lệ', 'Biểu mẫu nộp hồ sơ phải gửi dạng multipart/form-data.');
    // One upload at a time per unit, and a few in all: uploads are the portal's heaviest requests.
    const unitKey = `${session.campaignId}/${session.unitId}`;
    if (uploading.has(unitKey)) {
      return stopReading(req, res, () =>
        refuse(429, 'Một tệp khác của đơn vị đang được tải lên; hãy chờ tệp đó xong rồi gửi tiếp.'),
      );
    }
    if (uploading.size >= maxConcurrentUploads) {
      res.setHeader('Retry-After', '30');
      return stopReading(req, res, () =>
        refuse(503, 'Hệ thống đang nhận nhiều tệp cùng lúc; hãy thử lại sau ít phút.'),
      );
    }
    const used = await opts.reports.bytesOf(session.campaignId, session.unitId);
    if (used >= maxUnitBytes) {
      return stopReading(req, res, () => refuse(413, storageFull(used)));
    }
    uploading.add(unitKey);
    let received;
    try {
      received = await receiveUpload(req, {
        limits: { ...DEFAULT_UPLOAD_LIMITS, maxFileBytes },
        stagingDir: opts.reports.stagingDir,
        csrfOk: (token) => safeEqual(token, session.csrf),
      });
    } catch (err) {
      uploading.delete(unitKey);
      if (!(err instanceof UploadError)) throw err;
      log(`portal: ${unitKey} upload refused: ${err.reason}`);
      if (err.reason === 'csrf') return stopReading(req, res, () => Promise.reject(BAD_CSRF));
      if (err.reason === 'file-too-large' || err.reason === 'field-too-long')
        return stopReading(req, res, () => refuse(413, err.message));
      return stopReading(req, res, () =>
        Promise.reject(new HttpError(err.status, 'Yêu cầu không hợp lệ', err.message)),
      );
    }
    const staged = received.file;
    try {
      await storeUpload(res, session, received.fields, staged, used, refuse);
    } finally {
      uploading.delete(unitKey);
      if (staged) fs.rmSync(staged.path, { force: true }); // moved into the store, or refused
    }
  }

  /**
   * Answers at once and stops reading the request: the connection closes after the answer, so the
   * rest of a refused body is never read (nor parsed).
   */
  async function stopReading(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    answer: () => Promise<void>,
  ): Promise<void> {
    res.setHeader('Connection', 'close');
    res.once('finish', () => req.socket.destroySoon());
    await answer();
  }

  const storageFull = (used: number) =>
    `Đơn vị đã dùng ${(used / 1024 / 1024).toFixed(1)} MB, hết dung lượng lưu trữ cho đợt thi đua này ` +
    `(tối đa ${Math.round(maxUnitBytes / 1024 / 1024)} MB). Liên hệ Thường trực Hội đồng Thi đua - Khen thưởng.`;

  async function storeUpload(
    res: http.ServerResponse,
    session: UnitSession,
    fields: Record<string, string>,
    file: ReceivedUpload['file'],
    used: number,
    refuse: Refuse,
  ): Promise<void> {
    const mb = maxFileBytes / 1024 / 1024;
    // A declared deliverable comes as "deliverable:<id>" (the page lists them as the plan names them).
    const deliverable = fields.kind?.startsWith('deliverable:') ? fields.kind.slice('deliverable:'.length) : undefined;
    const kind = (deliverable !== undefined ? 'summary-report' : fields.kind) as SubmissionKind;
    if (kind !== 'summary-report' && kind !== 'presentation-paper') return refuse(400, 'Loại hồ sơ không hợp lệ.');
    if (!file || file.filename === '') return refuse(400, 'Chưa chọn tệp để nộp.');
    const name = safeBaseName(file.filename);
    if (!name)
      return refuse(400, `Tên tệp "${safeBaseName(file.filename.replace(/[/\\]/g, '')) || '?'}" không hợp lệ.`);
    if (file.size === 0) return refuse(400, `Tệp "${name}" rỗng (0 byte).`);
    if (file.size > maxFileBytes) {
      return refuse(413, `Tệp "${name}" quá lớn (${(file.size / 1024 / 1024).toFixed(1)} MB); tối đa ${mb} MB.`);
    }
    if (used + file.size > maxUnitBytes) return refuse(413, storageFull(used));
    const contentType = contentTypeForName(name);
    if (!contentType) return refuse(415, `Tệp "${name}" không đúng định dạng; chấp nhận: PDF, DOC, DOCX, ODT.`);
    if (!magicBytesMatch(contentType, file.head)) {
      const label = { 'application/pdf': 'PDF', 'application/msword': 'DOC' }[contentType] ?? 'DOCX/ODT';
      return refuse(415, `Nội dung tệp "${name}" không phải là tệp ${label} như phần mở rộng của tên tệp.`);
    }

    let submitted;
    try {
      submitted = await submitUnitFile(
        { units: opts.backend, reports: opts.reports },
        {
          campaignId: session.campaignId,
          unitId: session.unitId,
          kind,
          ...(deliverable ? { deliverable } : {}),
          name,
          contentType,
          content: file,
          submittedBy: (view) => portalSubmitter(view.unitName),
        },
      );
    } catch (err) {
      return page.answerFailedSubmission(err, res, session, refuse);
    }
    const { ref, receipt } = submitted;
    log(`portal: ${session.campaignId}/${session.unitId} submitted ${kind} v${receipt.version} ${ref.sha256}`);
    const campaign = await opts.backend.campaignInfo(session.campaignId);
    session.flash = {
      kind: 'ok',
      html:
        `Đã nhận ${esc(kindLabel(kind))} "${esc(ref.name)}", phiên bản ${receipt.version}` +
        `${receipt.late ? ' (nộp muộn)' : ''}, lúc ${esc(localTime(receipt.receivedAt, campaign?.timeZone ?? opts.timeZone))}; ` +
        `mã SHA-256 ${esc(ref.sha256)}. Thư xác nhận sẽ được gửi tới đầu mối của đơn vị.`,
    };
    res.writeHead(303, { ...SECURITY_HEADERS, Location: '/unit' });
    res.end();
  }

  return upload;
}
