import { parseLab, serializeLab, type AttributeValue, type LabDocument, type RawCell } from './format';
import { editorLanguage, fenceLanguage } from './cellLanguages';

/**
 * The notebook as plain data shaped like vscode.NotebookData, so the conversion both ways is
 * unit-tested without VS Code; labSerializer.ts only turns these into VS Code's classes.
 * Everything needed to write the file back byte for byte rides in metadata.
 */
export interface CellMetadata {
  /** Attributes in written order, editable as cell metadata. */
  attributes: Record<string, AttributeValue>;
  raw?: RawCell;
}

export interface PlainCell {
  kind: 'markup' | 'code';
  value: string;
  languageId: string;
  metadata?: { illmlab?: CellMetadata; [key: string]: unknown };
}

export interface NotebookMetadata {
  bom: boolean;
  eol: LabDocument['eol'];
  frontMatter?: LabDocument['frontMatter'];
  trailer: string;
}

export interface PlainNotebook {
  cells: PlainCell[];
  metadata: { illmlab: NotebookMetadata; [key: string]: unknown };
}

export function toNotebook(text: string): PlainNotebook {
  const doc = parseLab(text);
  return {
    metadata: { illmlab: { bom: doc.bom, eol: doc.eol, frontMatter: doc.frontMatter, trailer: doc.trailer } },
    cells: doc.cells.map((cell) => ({
      kind: cell.kind === 'markdown' ? 'markup' : 'code',
      value: cell.source,
      languageId: cell.kind === 'markdown' ? 'markdown' : editorLanguage(cell.language),
      metadata: { illmlab: { attributes: cell.attributes, ...(cell.raw ? { raw: cell.raw } : {}) } },
    })),
  };
}

export function fromNotebook(notebook: PlainNotebook): string {
  const meta: Partial<NotebookMetadata> = notebook.metadata?.illmlab ?? {};
  const doc: LabDocument = {
    bom: meta.bom ?? false,
    eol: meta.eol ?? '\n',
    frontMatter: meta.frontMatter,
    trailer: meta.trailer ?? '',
    problems: [],
    cells: notebook.cells.map((cell) => {
      const m = cell.metadata?.illmlab;
      const markdown = cell.kind === 'markup';
      return {
        kind: markdown ? 'markdown' : 'code',
        language: markdown ? 'markdown' : fenceLanguage(cell.languageId, m?.raw?.language),
        // The editor may hand back \r\n; the format keeps \n and writes the file's own ending.
        source: cell.value.replace(/\r\n?/g, '\n'),
        attributes: markdown ? {} : (m?.attributes ?? {}),
        id: '',
        line: 0,
        ...(m?.raw ? { raw: m.raw } : {}),
      };
    }),
  };
  return serializeLab(doc);
}
