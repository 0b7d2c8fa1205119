import type { Actor } from '@rocu/domain';

/** Every human action carries the acting user so the workflow can check it and the audit can attribute it. */
export interface ActorCommand {
  actor: Actor;
  correlationId?: string;
}
