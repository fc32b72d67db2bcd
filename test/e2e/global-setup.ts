// The e2e tests run against the built window: build what is stale first.
import { buildApp } from '../../scripts/build.js';

export default async function globalSetup(): Promise<void> {
  await buildApp({ onlyStale: true });
}
