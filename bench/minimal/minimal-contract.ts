import { defineUpdate } from '@temporalio/workflow';

/** The smallest workflow that still looks like ours: open, waiting on a timer, answering Updates. */
export const MINIMAL_WORKFLOW_TYPE = 'minimalWorkflow';

export interface MinimalInput {
  /** How long the workflow stays open on its timer. */
  holdMs: number;
  /** Run one no-op activity inside each Update (the engine cost of our projection round trip). */
  activityPerUpdate: boolean;
}

export interface MinimalActivities {
  noop(): Promise<void>;
}

/** Counts Updates; returns the new count. */
export const bumpUpdate = defineUpdate<number>('bump');
