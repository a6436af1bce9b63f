// Global setup of the PostgreSQL test projects: the cluster the test run owns, unless
// PLAUDIT_TEST_DATABASE_URL names one already (.ci/run starts one and passes it). Each test then
// works in a schema of its own (test-database.ts).
import { startCluster, type Cluster } from './pg-cluster';

let cluster: Cluster | undefined;

export async function setup(): Promise<void> {
  if (process.env.PLAUDIT_TEST_DATABASE_URL) return;
  cluster = await startCluster();
  process.env.PLAUDIT_TEST_DATABASE_URL = cluster.url;
}

export async function teardown(): Promise<void> {
  cluster?.destroy();
}
