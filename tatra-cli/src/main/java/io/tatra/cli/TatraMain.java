package io.tatra.cli;

import io.tatra.TatraException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tatra} command line. */
@Command(name = "tatra", mixinStandardHelpOptions = true, versionProvider = TatraMain.Version.class,
        description = "Tatra: task-agnostic ML trading. Market data in, validated and stored; models, backtests and live trading build on it.",
        subcommands = {ImportCommand.class, DataCommand.class, ExportCommand.class, FeaturesCommand.class, DatasetCommand.class, ModelCommands.Pretrain.class, ModelCommands.Train.class,
                ModelCommands.AddHead.class, EvaluateCommand.class, PredictCommand.class, DecideCommand.class, BacktestCommand.class, ReportCommand.class, GenerateCommand.class, DemoCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class TatraMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
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
            cmd.getErr().println("tatra: internal error (a bug; please report it with this trace):");
            ex.printStackTrace(cmd.getErr());
            return 70;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TatraMain.class.getPackage().getImplementationVersion();
            return new String[]{"tatra " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
