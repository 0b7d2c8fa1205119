import type { BundleOptions, WorkerOptions } from '@temporalio/worker';

const WORKFLOWS_PATH = require.resolve('../../../workflows/src');
/** The workflow half of tracing: the only interceptor module bundled with the workflows. */
const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../../../workflows/src/tracing.interceptors')];

/** What every prebuilt workflow bundle is made from (tests, the benchmark and the Docker image build it once). */
export function workflowBundleOptions(): Pick<BundleOptions, 'workflowsPath' | 'workflowInterceptorModules'> {
  return { workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES };
}

/**
 * Workflows come from a prebuilt bundle when one is configured (tests build it once per run, with the
 * interceptor modules in it), otherwise they are bundled at start-up from the compiled workflows folder.
 */
export function workflowSource(
  bundlePath: string | undefined,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> & { workflowModules: string[] } {
  return bundlePath
    ? { workflowBundle: { codePath: bundlePath }, workflowModules: [] }
    : { workflowsPath: WORKFLOWS_PATH, workflowModules: WORKFLOW_INTERCEPTOR_MODULES };
}
