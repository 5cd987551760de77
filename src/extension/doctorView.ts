import * as vscode from 'vscode';
import { doctorLines, runDoctor } from '../labs/doctor';
import type { PlainNotebook } from '../notebook/notebookData';
import { readKernelSettings } from './settings';

/**
 * "ILLM Lab: Doctor": the same checks and lines as `illmlab doctor`, in an output channel.
 * Endpoints: the open lab's front matter, else the settings, else the curriculum's defaults.
 */
export function runDoctorCommand(channel: () => vscode.OutputChannel) {
  return async (): Promise<void> => {
    const { kubeconfig, context } = readKernelSettings();
    const endpoints = endpointsToCheck();
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'ILLM Lab: checking tools, cluster and endpoints…' },
      () => runDoctor({ kube: { kubeconfig, context }, endpoints }),
    );
    const out = channel();
    out.clear();
    out.appendLine(`ILLM Lab doctor — ${new Date().toLocaleString()}`);
    out.appendLine('');
    const lines = doctorLines(report);
    lines.forEach((line) => out.appendLine(line));
    out.show(true);
    if (!report.ok) {
      void vscode.window.showWarningMessage(`ILLM Lab: ${lines[lines.length - 1]} The Doctor output says what to do.`);
    }
  };
}

/** Per endpoint: the active lab's front matter, else the setting (illmlab.prometheus.url, illmlab.loki.url). */
function endpointsToCheck(): { prometheus?: string; loki?: string } {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  const lab =
    notebook?.notebookType === 'illmlab'
      ? ((notebook.metadata as Partial<PlainNotebook['metadata']>).illmlab?.frontMatter?.data?.endpoints as
          Record<string, unknown> | undefined)
      : undefined;
  const settings = vscode.workspace.getConfiguration('illmlab');
  const pick = (key: 'prometheus' | 'loki') => {
    const value = lab?.[key] ?? settings.get<string>(`${key}.url`)?.trim();
    return typeof value === 'string' && value !== '' ? { [key]: value } : {};
  };
  return { ...pick('prometheus'), ...pick('loki') };
}
