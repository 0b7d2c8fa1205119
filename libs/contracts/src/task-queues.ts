/** The single task queue the gateway worker polls; configurable per deployment through TEMPORAL_TASK_QUEUE. */
export const DEFAULT_TASK_QUEUE = 'rocu-gateway';
