import type { Config } from '../config';
import type { Database } from '../db/database';

/** What every route module is built with. */
export interface AppDeps {
  database: Database;
  config: Config;
  version: string;
}
