/** Plain progress output for the developer scripts (not the services, which log JSON through pino). */
export const say = (message: string): void => {
  process.stdout.write(`[rocu] ${message}\n`);
};
