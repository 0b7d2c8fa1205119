import { allHandlersFinished, condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { bumpUpdate, type MinimalActivities, type MinimalInput } from './minimal-contract';

const { noop } = proxyActivities<MinimalActivities>({ startToCloseTimeout: '10 seconds' });

/** Bare-engine baseline: no domain logic, no projection; an Update handler and a durable timer. */
export async function minimalWorkflow(input: MinimalInput): Promise<number> {
  let count = 0;
  setHandler(bumpUpdate, async () => {
    if (input.activityPerUpdate) await noop();
    count += 1;
    return count;
  });
  await sleep(input.holdMs);
  await condition(allHandlersFinished);
  return count;
}
