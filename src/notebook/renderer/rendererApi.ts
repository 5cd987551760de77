/**
 * The part of VS Code's notebook renderer API this renderer uses (the `vscode-notebook-renderer`
 * package describes the whole): written out here, a few lines, instead of a dependency.
 */
export interface OutputItem {
  /** Stable for one output: a later render with the same id replaces the earlier one. */
  readonly id: string;
  readonly mime: string;
  json(): unknown;
  text(): string;
}

export interface RendererContext {
  readonly workspace?: { readonly isTrusted: boolean };
}

export interface RendererApi {
  renderOutputItem(outputItem: OutputItem, element: HTMLElement, signal?: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}
