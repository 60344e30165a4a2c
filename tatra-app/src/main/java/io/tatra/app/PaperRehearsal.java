package io.tatra.app;

import io.tatra.live.Rehearsal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code tatra paper}'s rehearsal of the exchange side: before the run, a throw-away paper session of its own — its
 * own paper exchange, engine, strategy and journals in {@code .rehearsal-exchange} inside the run's folder, deleted
 * afterwards — trades the period's first closes in lock-step over loopback, as the run will. The run's exchange, the
 * HTTP and WebSocket code on both sides, the venue adapter and the private stream are compiled by the JVM before the
 * first measured bar. The engine's own {@link Rehearsal} (an in-memory venue) cannot reach the exchange's code, which
 * in {@code tatra paper} shares the process and the cores with the engine: without this, its compilation falls into the
 * run's first thousands of bars.
 *
 * <p>The rehearsal runs no fault plan and no retraining, and its bars are the run's own first bars: nothing of it
 * reaches the run (a fresh exchange, wallet, engine and strategy follow), only the JVM's compiled code.
 */
final class PaperRehearsal {
    private PaperRehearsal() {}

    static final String FOLDER = ".rehearsal-exchange";

    /** What the rehearsal did, or null when it did not run ({@code --warm-passes 0}). */
    record Result(long bars, long orders, double seconds, long errors, boolean clean) {}

    /**
     * Rehearses {@code r}'s first {@code ⌈warmPasses / symbols⌉} decided closes (at most the whole period), where the
     * first decided bar opens at {@code firstDecidedOpen}; says one line of what it did.
     */
    static Result run(PaperService.Request r, long firstDecidedOpen, long intervalMillis, Consumer<String> say) {
        if (r.warmPasses() == 0) return null;
        Path scratch = r.dir().resolve(FOLDER);
        Rehearsal.clearLeftover(scratch);
        long closes = (r.warmPasses() + r.symbols().size() - 1) / r.symbols().size();
        Instant to = Instant.ofEpochMilli(firstDecidedOpen + (closes + 1) * intervalMillis);
        if (r.to() != null && to.isAfter(r.to())) to = r.to();
        PaperService.Request rehearsal = new PaperService.Request(r.home(), scratch, r.model(), r.symbols(), r.from(), to, 0, r.capital(), r.costs(), null, r.risk(),
                r.decisions(), r.killPolicy(), r.dryRun(), r.seed(), null, 0);
        long t0 = System.nanoTime();
        try {
            PaperService.Result res = PaperService.run(rehearsal, line -> {});
            Result out = new Result(res.bars(), res.ordersSent(), (System.nanoTime() - t0) / 1e9, res.errors(), res.clean());
            say.accept(String.format(Locale.ROOT, "tatra paper: exchange rehearsed: %,d bars of the period's start, %,d orders over loopback to a throw-away paper exchange, in %.1f s",
                    out.bars(), out.orders(), out.seconds()));
            if (out.errors() > 0 || !out.clean())
                say.accept("tatra paper: warning: the exchange rehearsal had " + out.errors() + " errors" + (out.clean() ? "" : " and an unclean order audit")
                        + ": the run that follows may meet the same");
            return out;
        } finally {
            Rehearsal.clearLeftover(scratch);
        }
    }
}
