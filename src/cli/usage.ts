/** A mistake in how the CLI was called: exit code 2 and the usage text, never a stack trace. */
export class UsageError extends Error {}

export const USAGE = `Usage: illmlab <command> [options]

Commands:
  cells <lab> [--json]              list a lab's cells (index, kind, language, id, attributes, line)
  validate [paths...] [--json]      check labs (files or folders searched for *.illmlab; default: labs/)
  k6 report <file> [--json] [--chart FILE.svg]
                                    k6's end-of-test summary from k6 run --out json=FILE (.json or .json.gz)
  progress [labs-dir] [--json]      the curriculum's progress: phases, labs, tasks (default: labs/)
  doctor [options]                  check tools, the cluster's API server, Prometheus and Loki
      --context, --kubeconfig       as for run
      --prometheus URL, --loki URL  endpoints that must answer (default: the curriculum's, informative)
      --json                        the report as one JSON object
  run <lab> [options]               run a lab's code cells in order, in one shell session
      --cell ID                     run only this cell (repeatable)
      --keep-going                  go on after a failed cell
      --context NAME                kube context for the cells (default: the kubeconfig's current)
      --namespace NAME              namespace for kubectl and helm in the cells (default: the context's)
      --kubeconfig FILE             kubeconfig to use (default: KUBECONFIG or ~/.kube/config)
      --prometheus URL              Prometheus for promql cells (URL or service/<ns>/<name>:<port>)
      --loki URL                    Loki for logql cells (URL or service/<ns>/<name>:<port>)
      --update-progress             tick the task of each verify cell that succeeded
      --report FILE.md              write sources, outputs, statuses and durations as Markdown
      --json                        one JSON object per cell, one per line

Exit codes: 0 ok, 1 problems found or a cell failed, 2 usage error.
Docs: docs/cli.md`;
