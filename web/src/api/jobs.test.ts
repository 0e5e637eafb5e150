import { describe, expect, it } from 'vitest';
import { JOB_STATUS_LIST } from '../../../domain/jobs/states';
import { jobPollInterval, JOB_POLL_MS } from './jobs';

describe('jobPollInterval', () => {
  it('polls every second while queued or running, and until the first answer', () => {
    expect(jobPollInterval(undefined, null)).toBe(JOB_POLL_MS);
    expect(jobPollInterval({ status: 'queued' }, null)).toBe(1_000);
    expect(jobPollInterval({ status: 'running' }, null)).toBe(1_000);
  });
  it('stops once the job has finished, whichever way', () => {
    for (const status of JOB_STATUS_LIST.filter((s) => s !== 'queued' && s !== 'running')) expect(jobPollInterval({ status }, null)).toBe(false);
  });
  it('stops after an error (a job one may not see answers 404 every time)', () => {
    expect(jobPollInterval({ status: 'running' }, new Error('404'))).toBe(false);
    expect(jobPollInterval(undefined, new Error('404'))).toBe(false);
  });
});
