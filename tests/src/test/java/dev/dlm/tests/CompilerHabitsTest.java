package dev.dlm.tests;

import dev.dlm.compiler.diag.Code;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line habits of compilers: {@code dlmc explain}, shell completion scripts, `-` for standard input. */
class CompilerHabitsTest {

    @Test
    void explainPrintsEveryCodesPageFromTheJar() throws Exception {
        for (Code c : Code.values()) {
            DlmcRun run = DlmcRun.of("explain", c.name());
            assertEquals(0, run.exitCode(), run.transcript());
            var page = Repo.ERROR_DOCS.resolve(c.name() + ".md");
            // ErrorDocsTest requires every page; here a missing one must still explain itself.
            String expected = Files.exists(page) ? Files.readString(page)
                    : "# " + c.name() + ": " + c.title() + "\n\nThis code has no page yet; see docs/errors/README.md.\n";
            assertEquals(expected, run.out(), c.name());
        }
        assertEquals(DlmcRun.of("explain", "DLM0104").out(), DlmcRun.of("explain", "dlm0104").out());
    }

    @Test
    void explainAnUnknownCodeSuggestsTheClosest() {
        DlmcRun run = DlmcRun.of("explain", "DLM0140");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: `DLM0140` is not a dlm diagnostic code; did you mean `DLM0"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void completionScriptsCoverEveryCommand() {
        DlmcRun bash = DlmcRun.of("completion", "bash");
        assertEquals(0, bash.exitCode(), bash.transcript());
        assertTrue(bash.out().contains("complete -F _complete_dlmc"), bash.out());
        DlmcRun zsh = DlmcRun.of("completion", "zsh");
        assertTrue(zsh.out().startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit"), zsh.out());
        DlmcRun fish = DlmcRun.of("completion", "fish");
        for (String command : new String[]{"check", "summary", "run", "sweep", "fmt", "lsp", "explain", "completion"}) {
            assertTrue(bash.out().contains(command), command);
            assertTrue(fish.out().contains("complete -c dlmc -n '__fish_use_subcommand' -a " + command + " -d '"), command);
        }
        assertTrue(fish.out().contains("complete -c dlmc -n '__fish_seen_subcommand_from check' -l format -r -a 'text json github sarif'"),
                fish.out());
        assertTrue(fish.out().contains("complete -c dlmc -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'"), fish.out());
        assertEquals(2, DlmcRun.of("completion", "tcsh").exitCode());
    }

    @Test
    void aDashReadsStandardInputForCheckSummaryAndFmt() throws Exception {
        String mlp = Files.readString(Repo.MODELS.resolve("mlp.dlm"));
        DlmcRun check = DlmcRun.withStdin(mlp, "check", "-");
        assertEquals(0, check.exitCode(), check.transcript());
        assertEquals("ok: 1 file checked, no problems\n", check.err());

        DlmcRun bad = DlmcRun.withStdin(mlp.replace("adam", "adma"), "check", "-");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("--> <stdin>:"), bad.err());
        // Text diagnostics name the command that explains their code, as rustc names `rustc --explain`.
        assertTrue(bad.err().endsWith("For more information about this code, try `dlmc explain DLM0109`.\n"
                + "failed: 1 file checked, 1 error, 0 warnings\n"), bad.err());
        DlmcRun two = DlmcRun.withStdin(mlp.replace("adam", "adma").replace("Dropout(dropout)\n    Dense(10)", "Dropout(dropot)\n    Dense(10)"),
                "check", "-");
        assertTrue(two.err().contains("Some codes have detailed explanations: DLM0101, DLM0109.\n"
                + "For more information about a code, try `dlmc explain DLM0101`.\n"), two.err());

        DlmcRun summary = DlmcRun.withStdin(mlp, "summary", "-");
        assertEquals(DlmcRun.of("summary", Repo.MODELS.resolve("mlp.dlm").toString()).out(), summary.out());

        DlmcRun fmt = DlmcRun.withStdin("let  a=1\nmodel m(input=[a]) { Dense(a) }\n", "fmt", "-");
        assertEquals(0, fmt.exitCode(), fmt.transcript());
        assertEquals("let a = 1\n\nmodel m(input=[a]) {\n    Dense(a)\n}\n", fmt.out());
        DlmcRun fmtCheck = DlmcRun.withStdin("let  a=1\n", "fmt", "--check", "-");
        assertEquals(1, fmtCheck.exitCode());
        assertTrue(fmtCheck.out().contains("<stdin>"), fmtCheck.out());
    }
}
