package io.tatra.cli;

import io.tatra.report.HtmlReport;
import io.tatra.report.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained HTML report (no network needed) for a backtest run directory: equity vs buy-and-hold, drawdown, trades, monthly returns, metrics, model calibration and confusion matrices.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR") Path run;
    @Option(names = "--out", paramLabel = "FILE", description = "Default: RUN_DIR/report.html") Path out;

    @Override
    public Integer call() {
        System.out.println(write(run, out).toAbsolutePath());
        return 0;
    }

    /** Renders a run directory's report to {@code out} (null: RUN_DIR/report.html) and returns the file. */
    static Path write(Path run, Path out) {
        String html = HtmlReport.render(RunData.read(run));
        Path file = out != null ? out : run.resolve("report.html");
        io.tatra.AtomicWrite.text(file, html);
        return file;
    }
}
