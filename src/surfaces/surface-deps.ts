// What every surface receives: the modules' public APIs, the config, and the few platform
// services a surface may read directly (the dev outbox).
import type { Modules, PlatformServices } from '../app.ts';
import type { Config } from '../config.ts';

export interface SurfaceDeps {
  config: Config;
  modules: Modules;
  platform: PlatformServices;
}
