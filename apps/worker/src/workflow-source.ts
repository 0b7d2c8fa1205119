import type { WorkerOptions } from '@temporalio/worker';

/**
 * Workflows come from a prebuilt bundle when one is configured (tests build it once per run), otherwise
 * they are bundled at start-up from the compiled workflows folder.
 */
export function workflowSource(
  bundlePath: string | undefined,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  return bundlePath
    ? { workflowBundle: { codePath: bundlePath } }
    : { workflowsPath: require.resolve('../../../workflows/src') };
}
