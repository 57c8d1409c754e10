/**
 * The data converter of every thidua client and worker (the worker, the CLI, the portal, `npm run dev`,
 * the bench and the tests): they must all encode and decode payloads alike, so they build it here.
 */
import type { DataConverter } from '@temporalio/common';
import { ClaimCheckCodec, payloadsDir } from './claim-check';
import type { Settings } from './settings';

export function thiduaDataConverter(settings: Pick<Settings, 'dataDir' | 'claimCheckBytes'>): DataConverter {
  return {
    payloadCodecs: [
      new ClaimCheckCodec({ dir: payloadsDir(settings.dataDir), thresholdBytes: settings.claimCheckBytes }),
    ],
  };
}
