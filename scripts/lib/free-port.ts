export { freePort } from '@rocu/observability';
