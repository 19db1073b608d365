package org.recoder.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.recoder.api.Provenance;
import org.recoder.data.read.DataFormatException;
import org.recoder.io.ModelFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code recoder} command: one-line errors on stderr, exit 1 for bad input (files, data), 2 for bad usage (a
 * missing or unknown option, a value out of range, an option that does not apply), which also prints one hint line
 * naming the command's help instead of the whole usage text.
 */
@Command(name = "recoder", mixinStandardHelpOptions = true, versionProvider = RecoderCli.Version.class,
        description = "Autoencoder recommenders for the JVM: split, train, evaluate, recommend.",
        subcommands = {QuickstartCommand.class, DataCommand.class, SplitCommand.class, ModelsCommand.class, TrainCommand.class, ServeCommand.class,
            EvaluateCommand.class, ExperimentCommand.class, RecommendCommand.class, BenchCommand.class, SparkCommand.class,
            CommandLine.HelpCommand.class})
public final class RecoderCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (quickstart, data, split, models, "
                + "train, serve, evaluate, experiment, recommend, bench, spark)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** As {@link #execute(String...)} with output and errors to these writers (null: stdout, stderr). */
    static int execute(PrintWriter out, PrintWriter errors, String... args) {
        CommandLine cl = new CommandLine(new RecoderCli());
        if (out != null) {
            cl.setOut(out);
        }
        if (errors != null) {
            cl.setErr(errors);
        }
        cl.setParameterExceptionHandler((ex, given) -> usage(ex.getCommandLine(), ex.getMessage()));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException) {
                return usage(commandLine, ex.getMessage());
            }
            PrintWriter err = commandLine.getErr();
            err.println("recoder: error: " + message(ex));
            if (System.getenv("RECODER_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }

    /** One error line, one hint line, exit code 2. */
    private static int usage(CommandLine commandLine, String message) {
        PrintWriter err = commandLine.getErr();
        err.println("recoder: error: " + message);
        err.println("see '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return 2;
    }

    static String message(Throwable ex) {
        if (ex instanceof DataFormatException || ex instanceof ModelFormatException || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException || ex instanceof NoSuchElementException) {
            return ex.getMessage();
        }
        if (ex instanceof UncheckedIOException u) {
            return u.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory; give the JVM more heap, e.g. JAVA_OPTS=-Xmx8g";
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"recoder " + Provenance.currentLibraryVersion() + " (Java " + Runtime.version() + ")"};
        }
    }
}
