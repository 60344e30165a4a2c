package io.tatra.cli;

import io.tatra.TatraException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tatra} command line. */
@Command(name = "tatra", mixinStandardHelpOptions = true, versionProvider = TatraMain.Version.class,
        description = "Tatra: task-agnostic ML trading. Market data in, validated and stored; models, backtests and live trading build on it.",
        subcommands = {ImportCommand.class, DataCommand.class, MetaLabelCommand.class, ExplainCommand.class, RegimeCommand.class, SizingCommand.class, PpoCommand.class, CompareCommand.class, ExportCommand.class, FeaturesCommand.class, DatasetCommand.class, ModelCommands.Pretrain.class, ModelCommands.Train.class,
                ModelCommands.AddHead.class, EvaluateCommand.class, PredictCommand.class, DecideCommand.class, BacktestCommand.class, ReportCommand.class, GenerateCommand.class, DemoCommand.class,
                BenchCommand.class, DownloadCommand.class, ExchangeCommand.class, LiveCommand.class, PaperCommand.class, RetrainCommand.class, RetrainCommand.ModelGroup.class, CommandLine.HelpCommand.class})
public final class TatraMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        try {
            NativeCache.prepareDuckDb();
        } catch (TatraException e) {
            System.err.println("tatra: " + e.getMessage());
            System.exit(2);
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 data refused / check failed, 2 usage or user error). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new TatraMain());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof TatraException) {
                cmd.getErr().println("tatra: " + ex.getMessage());
                return 2;
            }
            OutOfMemoryError oom = outOfMemory(ex);
            if (oom != null) return outOfMemory(cmd.getErr(), oom);
            cmd.getErr().println("tatra: internal error (a bug; please report it with this trace):");
            ex.printStackTrace(cmd.getErr());
            return 70;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(new java.io.PrintWriter(System.err, true), e);
        }
    }

    /** The OutOfMemoryError behind an exception, or null. */
    static OutOfMemoryError outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof OutOfMemoryError o) return o;
        return null;
    }

    /** A clear message, exit 70: the input outgrew this JVM's memory (a limit should have stopped it first, so it is a bug to report). */
    static int outOfMemory(java.io.PrintWriter err, OutOfMemoryError e) {
        err.println("tatra: out of memory (" + e.getMessage() + ") with a heap of " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB. Split the input or give Java more memory (TATRA_JAVA_OPTS=-Xmx8g ./tatra ...); please report the command, "
                + "since an input limit should have refused it first.");
        return 70;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TatraMain.class.getPackage().getImplementationVersion();
            return new String[]{"tatra " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
