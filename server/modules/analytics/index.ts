import type { FastifyInstance } from 'fastify';
import { closeAnalyticsEngine } from '../../analytics/engine';
import type { AppContext } from '../../http/context';
import { datasetRoutes } from './datasets.routes';
import { registerImportJob, sweepLeftoverFiles } from './datasets.service';
// — analytics runs —
import { runRoutes } from './runs.routes';
import { registerRunJob } from './runs.service';
// — end analytics runs —
// — analytics graph —
import { graphRoutes } from './graph.routes';
// — end analytics graph —
// — analytics custom models —
import { customModelRoutes } from './custom-models.routes';
// — end analytics custom models —

/** 大数据比对: datasets, the comparison-model library, runs and suspicion points under /api/analytics/…. */
export function analyticsRoutes(ctx: AppContext) {
  registerImportJob();
  registerRunJob(); // analytics runs
  return async (fastify: FastifyInstance) => {
    // the DuckDB engine opens on first use and closes with the server
    fastify.addHook('onClose', async () => closeAnalyticsEngine(ctx.config.dataDir));
    // files of uploads and imports a crashed process left behind
    fastify.addHook('onReady', async () => {
      await sweepLeftoverFiles(ctx).catch((err) => fastify.log.warn({ err }, '清理比对数据临时文件失败'));
    });
    await fastify.register(datasetRoutes(ctx));
    await fastify.register(runRoutes(ctx)); // analytics runs
    await fastify.register(graphRoutes(ctx)); // analytics graph
    await fastify.register(customModelRoutes(ctx)); // analytics custom models
  };
}

export { IMPORT_JOB, DATASET_STATUSES } from './datasets.service';
