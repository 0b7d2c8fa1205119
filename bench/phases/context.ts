import type { Client } from '@temporalio/client';
import type { BenchOptions } from '../options';
import type { BenchStack } from '../stack/bench-stack';
import type { BareContext } from './bare-temporal';

/** What every phase may use: the options, the stack under test, a Temporal client, the bare baseline. */
export interface BenchContext {
  options: BenchOptions;
  stack: BenchStack;
  client: Client;
  runId: string;
  /** The in-process minimal-workflow worker (present when phase 1 or 3 runs). */
  bare?: BareContext;
}
