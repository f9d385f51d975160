// Checks the editing rules of language-configuration.json: VS Code compiles its patterns as
// JavaScript regular expressions, so they are tested the same way here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extensionRoot } from './textmate.mjs';

const configuration = JSON.parse(readFileSync(path.join(extensionRoot, 'language-configuration.json'), 'utf8'));
const increaseIndent = new RegExp(configuration.indentationRules.increaseIndentPattern);
const decreaseIndent = new RegExp(configuration.indentationRules.decreaseIndentPattern);
const word = new RegExp(`^(?:${configuration.wordPattern})$`);

test('a line that opens a block, list or call indents the next line', () => {
    for (const line of ['model mlp(input=[784]) {', 'train {  # settings', 'sweep { // axes', '    Conv2D(',
        'let shape = [']) {
        assert.ok(increaseIndent.test(line), line);
    }
    for (const line of ['    Dense(10)', 'train { epochs = 1 }', '# a comment that ends in {', '// so does this {']) {
        assert.ok(!increaseIndent.test(line), line);
    }
});

test('a line that starts with a closer is outdented', () => {
    for (const line of ['}', '    }', '  ]', ')']) {
        assert.ok(decreaseIndent.test(line), line);
    }
    assert.ok(!decreaseIndent.test('    Dense(10)'));
});

test('words are identifiers and whole numbers', () => {
    for (const text of ['batch_size', 'Conv2D', '269_322', '0.45', '1e-3']) {
        assert.ok(word.test(text), text);
    }
    assert.ok(!word.test('a-b'));
});

test('comments, brackets and quotes are paired as in the lexer', () => {
    assert.equal(configuration.comments.lineComment, '#');
    const pairs = (list) => list.map((pair) => (Array.isArray(pair) ? pair.join('') : pair.open + pair.close)).sort();
    const expected = ['""', "''", '()', '[]', '{}'];
    assert.deepEqual(pairs(configuration.autoClosingPairs), expected);
    assert.deepEqual(pairs(configuration.surroundingPairs), expected);
    assert.deepEqual(pairs(configuration.brackets), ['()', '[]', '{}']);
});
