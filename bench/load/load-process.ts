import { autocannonLoad } from './autocannon-load';
import { lifecycleLoad } from './lifecycle-load';
import type { LoadJob, LoadMessage, LoadResult } from './load-messages';
import { referralSubmission } from './referral-payloads';

/**
 * The load generator, run as a separate process (forked by run-load.ts) so that building requests and
 * parsing answers does not share a CPU budget line with what is measured. One job per process.
 */
const send = (message: LoadMessage): Promise<void> =>
  new Promise((resolvePromise) => {
    if (!process.send) throw new Error('load-process must be forked with an IPC channel');
    process.send(message, () => resolvePromise());
  });

let lastSent = 0;
const progress = (done: number): void => {
  const now = Date.now();
  if (now - lastSent < 100) return;
  lastSent = now;
  void send({ type: 'progress', done });
};

function run(job: LoadJob): Promise<LoadResult> {
  switch (job.kind) {
    case 'submit': {
      let next = 0;
      return autocannonLoad(
        {
          apiUrl: job.apiUrl,
          count: job.count,
          concurrency: job.concurrency,
          request: {
            method: 'POST',
            path: '/referrals',
            setupRequest: (request) => ({
              ...request,
              headers: {
                ...request.headers,
                authorization: `Bearer ${job.referrerTokens[next++ % job.referrerTokens.length]}`,
                'content-type': 'application/json',
              },
              body: JSON.stringify(referralSubmission()),
            }),
          },
        },
        progress,
      );
    }
    case 'get':
      return autocannonLoad(
        {
          apiUrl: job.apiUrl,
          count: job.count,
          concurrency: job.concurrency,
          request: { method: 'GET', path: job.path, headers: { authorization: `Bearer ${job.token}` } },
        },
        progress,
      );
    case 'lifecycle':
      return lifecycleLoad(job, progress);
  }
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    async (result) => {
      await send({ type: 'result', result });
      process.exit(0);
    },
    async (error: unknown) => {
      await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
});
