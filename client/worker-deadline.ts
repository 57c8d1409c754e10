/**
 * Whether a query or update failed because no worker answered within its deadline. The usual shape is
 * gRPC DEADLINE_EXCEEDED (on the error or its cause), but a busy server or the client's own retries can
 * end the call with another status once the time is up (seen as a bare ServiceError when the whole
 * test suite loaded the machine); a call that failed only after its full deadline counts too.
 */
export function noWorkerAnswered(err: unknown, startedAt: number, deadlineMs: number): boolean {
  const e = err as { code?: number; message?: string; name?: string; cause?: { code?: number; message?: string } };
  if (e?.name === 'WorkflowUpdateFailedError' || e?.name === 'WorkflowNotFoundError') return false;
  const code = e?.code ?? e?.cause?.code;
  if (code === 4 /* DEADLINE_EXCEEDED */ || /deadline/i.test(`${e?.message ?? ''} ${e?.cause?.message ?? ''}`)) {
    return true;
  }
  const grpcFailure = e?.name === 'ServiceError' || typeof code === 'number';
  return grpcFailure && Date.now() - startedAt >= deadlineMs - 50;
}
