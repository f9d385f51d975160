// How the extension finds and starts `dlmc lsp`: pure Node (no `vscode` import), so the
// Node tests run exactly this code against the real server jar.
'use strict';

const fs = require('fs');
const path = require('path');

const JAR_IN_CLONE = path.join('cli', 'target', 'dlmc.jar');

/** The first existing file among candidates, or undefined. */
function firstFile(candidates) {
  return candidates.find((c) => c && fs.existsSync(c) && fs.statSync(c).isFile());
}

/** `java` (or `java.exe`) on PATH, or undefined. */
function javaOnPath(env) {
  const exe = process.platform === 'win32' ? 'java.exe' : 'java';
  const dirs = (env.PATH || '').split(path.delimiter).filter(Boolean);
  return firstFile(dirs.map((d) => path.join(d, exe)));
}

/**
 * Resolves the command that starts the server.
 *
 * settings: { javaPath, serverJar, jvmArgs } (the extension's `dlm.java.path`,
 * `dlm.server.jar`, `dlm.server.jvmArgs`); folders: the workspace folders' paths (a clone
 * of dlm has `cli/target/dlmc.jar`); env: the process environment (JAVA_HOME, PATH, DLMC_JAR).
 *
 * Returns { command, args } or { error } with a message that says what to set.
 */
function resolveServer(settings, folders, env) {
  const s = settings || {};
  const e = env || process.env;
  let java;
  if (s.javaPath) {
    java = firstFile([s.javaPath]);
    if (!java) return { error: `dlm: the Java set in "dlm.java.path" does not exist: ${s.javaPath}` };
  } else {
    const exe = process.platform === 'win32' ? 'java.exe' : 'java';
    java = firstFile([e.JAVA_HOME && path.join(e.JAVA_HOME, 'bin', exe)]) || javaOnPath(e);
    if (!java) {
      return { error: 'dlm: no Java found for the language server. Install Java 17 or newer, '
          + 'or set "dlm.java.path" (or JAVA_HOME) to its java executable.' };
    }
  }
  let jar;
  if (s.serverJar) {
    jar = firstFile([s.serverJar]);
    if (!jar) return { error: `dlm: the jar set in "dlm.server.jar" does not exist: ${s.serverJar}` };
  } else {
    jar = firstFile([e.DLMC_JAR, ...(folders || []).map((f) => path.join(f, JAR_IN_CLONE))]);
    if (!jar) {
      return { error: 'dlm: dlmc.jar not found, so there are no diagnostics or shapes. Build it in a clone of dlm '
          + '(`mvn -B -q -DskipTests -pl cli -am package` writes cli/target/dlmc.jar) and set "dlm.server.jar" to it.' };
    }
  }
  // A long-lived server: the serial collector keeps its footprint small.
  const jvmArgs = Array.isArray(s.jvmArgs) ? s.jvmArgs : ['-XX:+UseSerialGC'];
  return { command: java, args: [...jvmArgs, '-jar', jar, 'lsp'] };
}

module.exports = { resolveServer, JAR_IN_CLONE };
