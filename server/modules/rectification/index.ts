import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context';
import { itemRoutes } from './items.routes';

/** Routes under /api/rectification/…: rectification items, their evidence and sign-off, the 三清单一台账. */
export function rectificationRoutes(ctx: AppContext) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(itemRoutes(ctx));
  };
}

export { EVIDENCE_OWNER, applyLookBackVerdict, checkEvidenceAccess, generateItems, getItem, itemCode, listItems, signOffSettings, type ItemDetail, type ItemOut } from './items.service';
