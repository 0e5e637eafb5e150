import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/context';
import { jobRoutes } from './jobs.routes';

/** Long work as rows of the jobs table: progress, cancel, and the in-process runner (decision 0011). */
export function jobsRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(jobRoutes(ctx));
  };
}

export { registerJobKind, registeredKinds, type JobKindDefinition, type JobRecord, type JobTools } from './jobs.registry';
export { enqueueJob, getJob, listJobs, cancelJob, readJob, type EnqueueOptions, type JobView } from './jobs.service';
export { JobRunner, startJobRunner, recoverInterruptedJobs, runJobsUntilIdle, waitForJob, type RunnerOptions, type JobLog } from './jobs.runner';
