import { doctorLines, runDoctor } from '../labs/doctor';
import type { CliIo } from './io';

export interface DoctorArgs {
  json: boolean;
  context?: string;
  kubeconfig?: string;
  prometheus?: string;
  loki?: string;
}

/**
 * `illmlab doctor [--json] [--context NAME] [--kubeconfig FILE] [--prometheus URL] [--loki URL]`.
 * Exit 0 when kubectl is installed, the API server answers and every endpoint given with a flag
 * answers; 1 otherwise. The other tools and the default (in-cluster) endpoints only inform:
 * early in the curriculum nothing is deployed yet, and that is not a broken setup.
 */
export async function doctorCommand(
  args: DoctorArgs,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const endpoints = {
    ...(args.prometheus ? { prometheus: args.prometheus } : {}),
    ...(args.loki ? { loki: args.loki } : {}),
  };
  const report = await runDoctor({
    path: env.PATH ?? '',
    kube: {
      ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}),
      ...(args.context ? { context: args.context } : {}),
    },
    endpoints,
  });
  io.out(args.json ? JSON.stringify(report, null, 2) + '\n' : doctorLines(report).join('\n') + '\n');
  return report.ok ? 0 : 1;
}
