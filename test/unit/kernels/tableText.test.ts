import * as assert from 'node:assert/strict';
import { tableHtml, tableText } from '../../../src/kernels/render/tableText';

describe('kernels: tables', () => {
  it('escapes every value and header from a cluster before it becomes HTML', () => {
    const html = tableHtml({
      columns: ['pod', '<b>label</b>'],
      rows: [
        ['<img src=x onerror=alert(1)>', `"quoted" & 'single'`],
        [null, 3],
      ],
      title: 'up <script>',
    });
    assert.doesNotMatch(html, /<img|<script|<b>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /&quot;quoted&quot; &amp; &#39;single&#39;/);
    assert.match(html, /<td><\/td><td>3<\/td>/);
  });

  it('aligns plain-text tables', () => {
    assert.equal(
      tableText({
        columns: ['a', 'value'],
        rows: [
          ['x', 1],
          ['longer', 22],
        ],
      }),
      'a       value\n------  -----\nx       1\nlonger  22\n',
    );
  });
});
