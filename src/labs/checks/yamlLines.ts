import { isMap, isNode, isSeq, LineCounter, type Document } from 'yaml';

/** The 1-based line of the node at a JSON-pointer-like path in a YAML document (or its nearest parent). */
export function lineAt(doc: Document, lineCounter: LineCounter, path: readonly string[], firstLine = 1): number {
  let node: unknown = doc.contents;
  let line = node && isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 1;
  for (const step of path) {
    if (isMap(node)) node = node.items.find((p) => isNode(p.key) && String((p.key as { value?: unknown }).value) === step)?.value;
    else if (isSeq(node)) node = node.items[Number(step)];
    else break;
    if (!isNode(node) || !node.range) break;
    line = lineCounter.linePos(node.range[0]).line;
  }
  return firstLine + line - 1;
}
