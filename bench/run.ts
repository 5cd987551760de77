// `npm run bench`: every benchmark, each a ratio against a baseline measured in the same run.
import { formatBench } from './formatBench';
import { k6ReportBench } from './k6Report';
import { extensionBench } from './extensionBench';
import { queryChartBench } from './queryChart';
import { shellBench } from './shellBench';

async function main(): Promise<void> {
  formatBench();
  await shellBench();
  queryChartBench();
  await k6ReportBench();
  await extensionBench();
}

void main();
