package org.recoder.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Run an experiment file (JSON, docs/experiment.md): split once per seed, select each model's hyperparameters on "
                + "the validation part only, train the chosen configuration and score it once on the test part; write results.json, "
                + "results.md (with paired significance tests), per-user metrics and report.html into --out.",
            "Resumable: rerun the same command after an interruption and finished trials are not redone."})
final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Experiment file (JSON).")
    Path file;

    @Option(names = "--out", required = true, description = "Output directory (created; an existing one of the same experiment is resumed).")
    Path out;

    @Option(names = "--jobs", defaultValue = "1", description = "Trials of a model trained at once (each also uses the cores for its products). Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Option(names = "--force", description = "Delete --out first and start afresh (its experiment.json may differ).")
    boolean force;

    @Option(names = "--dry-run", description = "Check the file and every configuration it would train, print the plan, run nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new UsageException("--jobs must be ≥ 1, got " + jobs);
        }
        ExperimentSpec s = ExperimentSpec.read(file);
        if (dryRun) {
            PrintWriter pw = spec.commandLine().getOut();
            pw.println(s.name() + ":");
            new Experiment(s, out, jobs, spec.commandLine().getErr(), "").plan().forEach(l -> pw.println("  " + l));
            pw.flush();
            return 0;
        }
        if (force && Files.exists(out)) {
            if (!Files.isRegularFile(out.resolve("experiment.json"))) {
                throw new IllegalArgumentException("--force: " + out + " does not look like an experiment's directory (no experiment.json); not deleting it");
            }
            org.recoder.io.AtomicFiles.deleteRecursively(out);
        }
        String command = "recoder experiment " + file + " --out " + out + (jobs > 1 ? " --jobs " + jobs : "");
        PrintWriter err = spec.commandLine().getErr();
        ExperimentResults r = new Experiment(s, out, jobs, err, command).run();
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(r.markdown());
        pw.printf(Locale.ROOT, "%nwrote %s, %s, %s%n", out.resolve("results.md"), out.resolve("results.json"), out.resolve("report.html"));
        pw.flush();
        return 0;
    }
}
