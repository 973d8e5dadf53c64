import 'server-only';
import { env } from '@/lib/env';
import { startWebhookWorker } from '@/lib/webhooks/worker';
import { sweepOnce } from './sweep';
import { databaseErrorMessage } from '@/lib/db/errors';

/**
 * Background work of the server process (started by bin/server.mjs): the webhook delivery worker
 * and the token sweep every SWEEP_INTERVAL_SECONDS (default 60; 0 turns the sweep off).
 */
export function startBackgroundWork(): { stop: () => void } {
  const worker = startWebhookWorker();
  const seconds = env().SWEEP_INTERVAL_SECONDS;
  let timer: NodeJS.Timeout | null = null;
  if (Number.isFinite(seconds) && seconds > 0) {
    let running = false;
    timer = setInterval(() => {
      if (running) return;
      running = true;
      sweepOnce()
        .catch((e) => console.error('[sweep] failed:', databaseErrorMessage(e)))
        .finally(() => {
          running = false;
        });
    }, seconds * 1000);
    timer.unref();
  }
  return {
    stop: () => {
      worker.stop();
      if (timer) clearInterval(timer);
    },
  };
}
