// Checks that the annotated grammar tests (test/*.test.dlm, run by vscode-tmgrammar-test)
// assert every scope the grammar defines, and name no scope it does not define: an
// exclusion such as `- strng.quoted.single.dlm` would otherwise pass for ever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extensionRoot, grammarPath } from './textmate.mjs';

/** Every scope name the grammar's rules assign (`name`, `contentName` and capture names). */
function definedScopes(grammar) {
    const scopes = new Set();
    const visit = (rule) => {
        if (Array.isArray(rule)) {
            rule.forEach(visit);
            return;
        }
        if (rule === null || typeof rule !== 'object') {
            return;
        }
        for (const [key, value] of Object.entries(rule)) {
            if ((key === 'name' || key === 'contentName') && typeof value === 'string') {
                scopes.add(value);
            } else {
                visit(value);
            }
        }
    };
    // The grammar's own top-level `name` is its display name, not a scope.
    visit(grammar.patterns);
    visit(grammar.repository);
    return scopes;
}

/** The scopes each assertion line of a test file requires and excludes. */
function assertedScopes(file) {
    const required = new Set();
    const excluded = new Set();
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const commentToken = lines[0].split(/\s/)[0];
    for (const line of lines.slice(1)) {
        const body = line.slice(commentToken.length);
        if (!line.startsWith(commentToken) || !/^\s*(\^|<~*-)/.test(body)) {
            continue;
        }
        const [need, avoid = ''] = body.replace(/^[\s^<~-]*/, '').split(/\s+-\s+/);
        need.split(/\s+/).filter(Boolean).forEach((scope) => required.add(scope));
        avoid.split(/\s+/).filter(Boolean).forEach((scope) => excluded.add(scope));
    }
    return { required, excluded };
}

const grammar = JSON.parse(readFileSync(grammarPath, 'utf8'));
const defined = definedScopes(grammar);
const testFiles = readdirSync(path.join(extensionRoot, 'test'))
    .filter((name) => name.endsWith('.test.dlm'))
    .map((name) => path.join(extensionRoot, 'test', name));
const required = new Set();
const excluded = new Set();
for (const file of testFiles) {
    const asserted = assertedScopes(file);
    asserted.required.forEach((scope) => required.add(scope));
    asserted.excluded.forEach((scope) => excluded.add(scope));
}

test('the grammar defines scopes and the annotated tests exist', () => {
    assert.ok(defined.size > 20, `only ${defined.size} scopes found in ${grammarPath}`);
    assert.ok(testFiles.length > 0, 'no test/*.test.dlm files');
});

test('every scope the grammar defines is asserted by a grammar test', () => {
    const unasserted = [...defined].filter((scope) => !required.has(scope)).sort();
    assert.deepEqual(unasserted, [], `scopes no test/*.test.dlm asserts: ${unasserted.join(', ')}`);
});

test('every scope a grammar test names is defined by the grammar', () => {
    const known = new Set([...defined, grammar.scopeName]);
    const unknown = [...required, ...excluded].filter((scope) => !known.has(scope)).sort();
    assert.deepEqual(unknown, [], `scopes the grammar never assigns: ${unknown.join(', ')}`);
});
