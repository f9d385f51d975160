// The extension's server start-up, headless: server.js resolves Java and dlmc.jar exactly as
// the extension does, then the real `dlmc lsp` is started and driven over JSON-RPC
// (vscode-jsonrpc, the transport under vscode-languageclient): initialize, open a model,
// receive its diagnostics, read inlay hints and a hover, shut down and exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { extensionRoot } from './textmate.mjs';

const require = createRequire(import.meta.url);
const { resolveServer, JAR_IN_CLONE } = require('../server.js');
const rpc = require('vscode-jsonrpc/node');

const repositoryRoot = path.resolve(extensionRoot, '..', '..');
const jar = process.env.DLMC_JAR || path.join(repositoryRoot, JAR_IN_CLONE);

test('the manifest starts extension.js, which parses and finds vscode-languageclient', () => {
    const manifest = JSON.parse(readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
    assert.equal(manifest.main, './extension.js');
    assert.deepEqual(manifest.activationEvents, ['onLanguage:dlm']);
    assert.ok(manifest.contributes.configuration.properties['dlm.java.path']);
    assert.ok(manifest.contributes.configuration.properties['dlm.server.jar']);
    const check = spawnSync(process.execPath, ['--check', path.join(extensionRoot, 'extension.js')], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    assert.ok(require.resolve('vscode-languageclient/node'));
});

test('a missing Java or jar is a message that says what to set', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'dlm-ext-'));
    const noJava = resolveServer({}, [empty], { PATH: empty });
    assert.match(noJava.error, /no Java found.*"dlm\.java\.path"/);
    const badJava = resolveServer({ javaPath: path.join(empty, 'java') }, [], {});
    assert.match(badJava.error, /"dlm\.java\.path" does not exist/);

    const fakeJava = path.join(empty, 'java');
    writeFileSync(fakeJava, '');
    const noJar = resolveServer({ javaPath: fakeJava }, [empty], {});
    assert.match(noJar.error, /dlmc\.jar not found.*mvn -B -q -DskipTests -pl cli -am package.*"dlm\.server\.jar"/);
    const badJar = resolveServer({ javaPath: fakeJava, serverJar: path.join(empty, 'dlmc.jar') }, [], {});
    assert.match(badJar.error, /"dlm\.server\.jar" does not exist/);

    const jarFile = path.join(empty, 'dlmc.jar');
    writeFileSync(jarFile, '');
    assert.deepEqual(resolveServer({}, [], { JAVA_HOME: empty, PATH: '', DLMC_JAR: jarFile }),
        { error: resolveServer({}, [], { PATH: '' }).error }, 'JAVA_HOME without bin/java is not a Java');
    assert.deepEqual(resolveServer({ javaPath: fakeJava, jvmArgs: ['-Xmx64m'] }, [], { DLMC_JAR: jarFile }),
        { command: fakeJava, args: ['-Xmx64m', '-jar', jarFile, 'lsp'] });
});

test('the extension starts dlmc lsp and gets diagnostics, inlay hints and hover', { timeout: 120_000 }, async (t) => {
    if (!existsSync(jar)) {
        if (process.env.DLMC_JAR) assert.fail(`DLMC_JAR names a missing file: ${jar}`);
        t.skip(`no ${JAR_IN_CLONE}: build it with \`mvn -B -q -DskipTests -pl cli -am package\` (mvn verify does)`);
        return;
    }
    const server = resolveServer({}, [repositoryRoot], { ...process.env, DLMC_JAR: jar });
    assert.equal(server.error, undefined, server.error);
    const child = spawn(server.command, server.args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = rpc.createMessageConnection(
        new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    const published = new Promise((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    connection.listen();

    const init = await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMillis: 0 },
    });
    assert.equal(init.serverInfo.name, 'dlmc');
    assert.ok(init.capabilities.inlayHintProvider);
    connection.sendNotification('initialized', {});

    const file = path.join(repositoryRoot, 'models', 'mlp.dlm');
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8').replace('optimizer  = adam', 'optimizer  = adma');
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dlm', version: 1, text } });
    const diagnostics = await published;
    assert.equal(diagnostics.uri, uri);
    assert.deepEqual(diagnostics.diagnostics.map((d) => d.code), ['DLM0109']);
    assert.match(diagnostics.diagnostics[0].message, /did you mean `adam`\?/);

    const hints = await connection.sendRequest('textDocument/inlayHint', {
        textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } },
    });
    assert.deepEqual(hints.slice(0, 2).map((h) => h.label), ['(None, 256) · 200960 params', '(None, 256) · 0 params']);
    assert.equal(hints.length, 8, 'every layer; no total while the file has an error');

    const line = text.split('\n').findIndex((l) => l.includes('Dense(10)  #'));
    const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 6 } });
    assert.match(hover.contents.value, /kernel 256 × 10 \+ bias 10 = 2,570/);

    assert.equal(await connection.sendRequest('shutdown'), null);
    connection.sendNotification('exit');
    assert.equal(await exited, 0);
    connection.dispose();
});
