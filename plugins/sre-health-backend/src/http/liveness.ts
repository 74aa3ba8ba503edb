import express from 'express';

/**
 * `GET /health`, the plugin's liveness answer, open to anyone (plugin.ts adds the auth
 * policy). It answers on its exact path only: express would also match `/health/`,
 * `/HEALTH`, and `//health` (it drops the extra slash after the mount path).
 */
export function createLivenessRouter(): express.Router {
  const router = express.Router({ strict: true, caseSensitive: true });
  router.get('/health', (req, res, next) => {
    if (req.originalUrl.split('?')[0] !== `${req.baseUrl}/health`) {
      next();
      return;
    }
    res.json({ status: 'ok' });
  });
  return router;
}
