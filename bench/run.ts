// `npm run bench`: every benchmark, each a ratio against a baseline measured in the same run.
import { formatBench } from './formatBench';
import { extensionBench } from './extensionBench';
import { queryChartBench } from './queryChart';
import { shellBench } from './shellBench';

async function main(): Promise<void> {
  formatBench();
  await shellBench();
  queryChartBench();
  await extensionBench();
}

void main();
