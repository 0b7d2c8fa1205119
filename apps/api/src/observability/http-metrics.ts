import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';

const httpDuration = new Histogram({
  name: 'rocu_http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

/**
 * Times every request to the end of its response. The route is the matched template
 * (`/api/v1/referrals/:id`), never the raw path, so ids do not become series; unmatched paths share one.
 */
export function recordHttpMetrics(req: Request, res: Response, next: NextFunction): void {
  const stop = httpDuration.startTimer();
  res.once('finish', () => {
    const route = (req.route as { path?: unknown } | undefined)?.path;
    stop({ method: req.method, route: typeof route === 'string' ? route : 'unmatched', status: res.statusCode });
  });
  next();
}
