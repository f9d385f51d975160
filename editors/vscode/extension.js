// The dlm extension: TextMate highlighting (package.json) plus the dlm language server,
// `dlmc lsp`, started through vscode-languageclient: diagnostics as you type, every layer's
// output shape and parameter count as inlay hints, hover, completion, rename, formatting.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { resolveServer } = require('./server');

let client;

async function activate(context) {
  const config = vscode.workspace.getConfiguration('dlm');
  if (!config.get('server.enabled', true)) return;
  const folders = (vscode.workspace.workspaceFolders || []).map((f) => f.uri.fsPath);
  const server = resolveServer({
    javaPath: config.get('java.path'),
    serverJar: config.get('server.jar'),
    jvmArgs: config.get('server.jvmArgs'),
  }, folders, process.env);
  if (server.error) {
    const choice = await vscode.window.showWarningMessage(server.error, 'Open Settings');
    if (choice === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'dlm.');
    return;
  }
  client = new LanguageClient('dlm', 'dlm language server',
    { command: server.command, args: server.args, transport: TransportKind.stdio },
    { documentSelector: [{ scheme: 'file', language: 'dlm' }, { scheme: 'untitled', language: 'dlm' }] });
  try {
    await client.start();
  } catch (e) {
    vscode.window.showErrorMessage(`dlm: the language server did not start (${server.command} ${server.args.join(' ')}): ${e.message}`);
  }
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
