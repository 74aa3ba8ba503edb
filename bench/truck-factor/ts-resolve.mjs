// Lets Node's type stripping (`--experimental-strip-types`) load the engine's TypeScript
// sources, whose relative imports have no extension (`./doa`): when such an import cannot be
// resolved, `.ts` is tried. No dependency; Node >= 22.15 (module.registerHooks).
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative =
        specifier.startsWith('./') || specifier.startsWith('../');
      if (
        relative &&
        error?.code === 'ERR_MODULE_NOT_FOUND' &&
        !/\.[cm]?[jt]s$/.test(specifier)
      ) {
        return nextResolve(`${specifier}.ts`, context);
      }
      throw error;
    }
  },
});
