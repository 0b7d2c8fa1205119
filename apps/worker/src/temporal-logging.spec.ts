import { Writable } from 'node:stream';
import pino from 'pino';
import { temporalLogger } from './temporal-logging';

const SECRET = 'Nominal Alpha, 12 Hawthorn Road';

function capture(): { stream: Writable; lines: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => written };
}

/** The meta of the SDK's lines that carry payloads (`@temporalio/worker` 1.x `worker.js`), holding the secret. */
const activityTask = { start: { activityType: 'projectReferral', input: [{ data: SECRET }] } };
const encodedTask = Buffer.from(JSON.stringify(activityTask)).toString('base64');
const SDK_LINES: [string, Record<string, unknown>][] = [
  [
    'Error while processing ActivityTask.start: Activity function projectReferral is not registered',
    {
      activityType: 'projectReferral',
      task: JSON.stringify(activityTask),
      taskEncoded: encodedTask,
    },
  ],
  ['Got activity task', { taskToken: 'abc', ...activityTask }],
  ['Got workflow activation', { runId: 'r1', jobs: [{ signalWorkflow: { input: [SECRET] } }] }],
];

describe("the Temporal SDK's log lines", () => {
  it('leave out the payloads a task or an activation carries, and keep the rest of the line', () => {
    const { stream, lines } = capture();
    const logger = temporalLogger('trace', stream);
    for (const [message, meta] of SDK_LINES) logger.error(meta, message);
    expect(lines()).not.toContain(SECRET);
    expect(lines()).not.toContain(encodedTask);
    expect(lines()).toContain('Activity function projectReferral is not registered');
    expect(lines()).toContain('"activityType":"projectReferral"');
    expect(lines()).toContain('"context":"temporal"');
  });

  it('would carry them through a plain pino logger (the control)', () => {
    const { stream, lines } = capture();
    const logger = pino({ level: 'trace' }, stream);
    for (const [message, meta] of SDK_LINES) logger.error(meta, message);
    expect(lines()).toContain(encodedTask);
    expect(lines().split(SECRET)).toHaveLength(4); // the task, the trace line's start, the activation's jobs
  });
});
