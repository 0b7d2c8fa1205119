import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { DomainError } from '@rocu/domain';
import { refusalFromUpdate } from './send-update';

const refused = (type: string | undefined, details?: unknown[]): WorkflowUpdateFailedError =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({ type, message: 'refused by the workflow', nonRetryable: true, details }),
  );

describe('refusalFromUpdate', () => {
  it("turns the workflow's typed refusal into that DomainError, with its details after the caller's", () => {
    const refusal = refusalFromUpdate(refused('NOT_ALLOWED_IN_STATE', [{ status: 'CLOSED' }]), 'ended', {
      state: 'ACTIVE',
      status: 'seen',
    });
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'NOT_ALLOWED_IN_STATE',
      message: 'refused by the workflow',
      details: { state: 'ACTIVE', status: 'CLOSED' },
    });
  });

  it('refuses an ended workflow as NOT_ALLOWED_IN_STATE with no actions left', () => {
    const refusal = refusalFromUpdate(new WorkflowNotFoundError('gone', 'referral-1', undefined), 'It has ended', {
      state: 'WITHDRAWN',
    });
    expect(refusal).toMatchObject({
      code: 'NOT_ALLOWED_IN_STATE',
      message: 'It has ended',
      details: { state: 'WITHDRAWN', allowedActions: [] },
    });
  });

  it('leaves failures that are not refusals to the caller', () => {
    expect(refusalFromUpdate(refused(undefined), 'ended')).toBeUndefined();
    expect(refusalFromUpdate(refused('NOT_A_CODE'), 'ended')).toBeUndefined();
    expect(refusalFromUpdate(new Error('14 UNAVAILABLE: connection refused'), 'ended')).toBeUndefined();
  });
});
