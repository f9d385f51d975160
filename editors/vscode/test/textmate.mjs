// Loads the dlm TextMate grammar into vscode-textmate, the engine VS Code itself uses,
// so the Node checks see exactly the tokens an editor shows.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);

/** The extension's root folder (editors/vscode). */
export const extensionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The TextMate grammar file the extension contributes. */
export const grammarPath = path.join(extensionRoot, 'syntaxes', 'dlm.tmLanguage.json');

/** Returns the dlm grammar, ready to tokenize lines. */
export async function loadDlmGrammar() {
    const wasm = await readFile(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (text) => new oniguruma.OnigString(text),
        }),
        loadGrammar: async (scopeName) => scopeName === 'source.dlm'
            ? textmate.parseRawGrammar(await readFile(grammarPath, 'utf8'), grammarPath)
            : null,
    });
    return registry.loadGrammar('source.dlm');
}

/**
 * Splits a text into lines of tokens: `{ line, tokens: [{ text, start, scopes }] }`, the
 * scopes of each token listed outermost first, as VS Code's "Inspect Tokens" shows them.
 */
export function tokenize(grammar, text) {
    let state = textmate.INITIAL;
    return text.split(/\r?\n/).map((line) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return {
            line,
            tokens: result.tokens.map((token) => ({
                text: line.slice(token.startIndex, token.endIndex),
                start: token.startIndex,
                scopes: token.scopes,
            })),
        };
    });
}
