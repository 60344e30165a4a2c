package io.tatra.cli;

import io.tatra.app.RetrainService;
import picocli.CommandLine.Option;

/** The scheduled retrain of tatra live and tatra paper: every N closed bars, a candidate judged as tatra retrain judges it. */
final class RetrainOptions {
    @Option(names = "--retrain-every", paramLabel = "N", description = "Retrain every N closed bars in the background (tatra retrain's test); "
            + "a promoted version trades from each symbol's next bar, and the model directory keeps every version. Default: never")
    Integer every;

    @Option(names = "--retrain-test-bars", defaultValue = "500", paramLabel = "N", description = "Bars the retrain keeps for its comparison (default 500)")
    int testBars;

    @Option(names = "--retrain-alpha", defaultValue = "0.05", description = "Significance of the retrain's one-sided test (default 0.05)")
    double alpha;

    @Option(names = "--retrain-epochs", paramLabel = "N", description = "Training epochs of a retrain (default: the model's settings)")
    Integer epochs;

    @Option(names = "--retrain-batches", paramLabel = "N", description = "Batches per epoch of a retrain (default: the model's settings)")
    Integer batches;

    /** The schedule, or null without --retrain-every. */
    RetrainService.Schedule schedule() {
        return every == null ? null : UserValues.of("--retrain-every / --retrain-test-bars / --retrain-alpha", () -> new RetrainService.Schedule(every, testBars, alpha, epochs, batches));
    }
}
