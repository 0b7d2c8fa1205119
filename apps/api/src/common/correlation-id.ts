/** The id the logging middleware gave this request (correlationIdFor, @rocu/observability). */
export const correlationIdOf = (req: { id?: unknown }): string => (typeof req.id === 'string' ? req.id : '');
