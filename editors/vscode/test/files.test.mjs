// Checks that every .dlm file of the repository's models/ folder and every sample of this
// extension tokenizes with no invalid.* scope and no unscoped character: what the lexer
// accepts, the editor colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extensionRoot, loadDlmGrammar, tokenize } from './textmate.mjs';

const repositoryRoot = path.resolve(extensionRoot, '..', '..');

/** The .dlm files under a folder, searched recursively; none if the folder is absent. */
function dlmFilesUnder(folder) {
    if (!existsSync(folder)) {
        return [];
    }
    return readdirSync(folder, { recursive: true })
        .filter((name) => name.endsWith('.dlm'))
        .map((name) => path.join(folder, name))
        .sort();
}

/**
 * The tokens of a text an editor would flag or leave plain: any token with an invalid.*
 * scope, and any token with no scope but the grammar's own, unless it is the lexer's
 * white space. Each is reported as `line:column "text" scopes`.
 */
function problems(grammar, text) {
    const found = [];
    tokenize(grammar, text).forEach(({ tokens }, lineIndex) => {
        for (const token of tokens) {
            const invalid = token.scopes.some((scope) => scope.startsWith('invalid.'));
            const unscoped = token.scopes.length === 1 && !/^[ \t\f]*$/.test(token.text);
            if (invalid || unscoped) {
                found.push(`${lineIndex + 1}:${token.start + 1} ${JSON.stringify(token.text)} ${token.scopes.join(' ')}`);
            }
        }
    });
    return found;
}

const grammar = await loadDlmGrammar();
const samples = dlmFilesUnder(path.join(extensionRoot, 'samples'));
const models = dlmFilesUnder(path.join(repositoryRoot, 'models'));

test('the check flags a character the lexer rejects and an unclosed string', () => {
    assert.deepEqual(problems(grammar, "let x = 3 @ 4\nlet s = 'open"), [
        '1:11 "@" source.dlm invalid.illegal.character.dlm',
        '2:9 "\'" source.dlm invalid.illegal.unclosed-string.dlm',
    ]);
});

test('the samples are there to check', () => {
    assert.ok(samples.length >= 3, `expected the samples in ${path.join(extensionRoot, 'samples')}`);
});

for (const file of [...models, ...samples]) {
    test(`${path.relative(repositoryRoot, file)} tokenizes with no invalid or unscoped token`, () => {
        assert.deepEqual(problems(grammar, readFileSync(file, 'utf8')), []);
    });
}
