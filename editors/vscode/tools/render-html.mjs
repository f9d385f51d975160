// Renders a .dlm file as a standalone HTML page, coloured by the TextMate grammar's scopes
// with a dark theme close to VS Code's "Dark Modern". It produces the screenshots in
// docs/img/ (see docs/editors.md); it is a documentation tool, not a test.
//
//   node tools/render-html.mjs samples/mlp.dlm /tmp/mlp.html
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDlmGrammar, tokenize } from '../test/textmate.mjs';

/** Scope prefixes and their styles; the longest prefix of the innermost scope wins. */
const THEME = {
    'comment': 'color:#6a9955;font-style:italic',
    'keyword.control': 'color:#c586c0',
    'keyword.operator': 'color:#d4d4d4',
    'storage.type': 'color:#569cd6',
    'constant.language': 'color:#569cd6',
    'constant.numeric': 'color:#b5cea8',
    'constant.character.escape': 'color:#d7ba7d',
    'string': 'color:#ce9178',
    'entity.name.type': 'color:#4ec9b0',
    'entity.name.function': 'color:#dcdcaa',
    'support.class': 'color:#4ec9b0',
    'support.function': 'color:#dcdcaa',
    'support.constant': 'color:#d7ba7d',
    'support.variable': 'color:#4fc1ff',
    'support.type.property-name': 'color:#9cdcfe',
    'variable.parameter': 'color:#9cdcfe;font-style:italic',
    'variable.other.constant': 'color:#4fc1ff',
    'variable': 'color:#9cdcfe',
    'invalid': 'color:#f44747;text-decoration:underline wavy',
};

function styleOf(scopes) {
    for (const scope of [...scopes].reverse()) {
        const prefix = Object.keys(THEME)
            .filter((key) => scope === key || scope.startsWith(key + '.'))
            .sort((a, b) => b.length - a.length)[0];
        if (prefix) {
            return THEME[prefix];
        }
    }
    return '';
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
    console.error('usage: node tools/render-html.mjs <file.dlm> <out.html>');
    process.exit(2);
}
const grammar = await loadDlmGrammar();
const lines = tokenize(grammar, readFileSync(input, 'utf8').replace(/\n$/, '')).map(({ tokens }, index) =>
    `<span class="n">${index + 1}</span>` + tokens
        .map((token) => `<span style="${styleOf(token.scopes)}">${escapeHtml(token.text)}</span>`)
        .join(''));
writeFileSync(output, `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(path.basename(input))}</title>
<style>
  body { margin: 0; background: #1f1f1f; overflow: hidden; }
  .tab { font: 13px sans-serif; color: #ffffff; background: #1f1f1f; padding: 9px 18px;
         border-top: 2px solid #0078d4; display: inline-block; }
  .bar { background: #181818; }
  pre { margin: 0; padding: 12px 0; color: #cccccc; background: #1f1f1f;
        font: 16px/1.5 'DejaVu Sans Mono', 'Liberation Mono', monospace; }
  .n { display: inline-block; width: 3em; margin-right: 1.5em; text-align: right; color: #6e7681; }
</style></head>
<body><div class="bar"><span class="tab">${escapeHtml(path.basename(input))}</span></div>
<pre>${lines.join('\n')}</pre></body></html>
`);
