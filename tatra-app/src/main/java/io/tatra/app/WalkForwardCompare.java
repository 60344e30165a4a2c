package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.backtest.BacktestResult;
import io.tatra.dataset.Dataset;
import io.tatra.features.Feature;
import io.tatra.gbm.GbmConfig;
import io.tatra.model.io.ModelStore;
import io.tatra.model.nn.EncoderKind;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.TrainConfig;
import io.tatra.model.workflow.Workflows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link CompareService}'s table walk-forward: the test period is cut into consecutive blocks; before each block a
 * fresh model of every requested kind is trained on all stored history up to it (the final split: its last 15 %
 * early-stops and fits the policies), and every variant trades the block with those models. Each variant's blocks are
 * then chained into one account ({@link BacktestResult#chain}) and scored as one run; buy-and-hold the same way.
 *
 * <p>The models' data ends {@code lead} bars before their block (the feature warm-up plus one window), and each block's
 * backtest reads from there, so its first decision falls on the block's first bar and no bar a model saw is traded. A
 * variant missing from any block (e.g. PPO refused by its data gate) is left out of the table with the reason; each
 * block's own table is written beside its runs ({@code block-K/compare.json}). Every
 * block's run is logged as a trial, so the deflated Sharpe counts them all (conservative). Models of a block already
 * trained (same kind, symbols and end) are reused, so an interrupted run resumes.
 */
public final class WalkForwardCompare {
    private WalkForwardCompare() {}

    public enum Kind { UNIFIED, LIGHTGBM, LSTM }

    /**
     * @param base   the comparison's settings; its model directories are ignored (trained per block), its out is the root
     * @param from   the first block's start; {@code to} the last block's end (exclusive)
     * @param blocks how many consecutive test blocks
     */
    public record Request(CompareService.Request base, Instant from, Instant to, int blocks, Set<Kind> kinds, ModelConfig model, TrainConfig train, GbmConfig gbm) {
        public Request {
            if (base == null || from == null || to == null || !from.isBefore(to)) throw new TatraException("walk-forward compare needs --from before --to");
            if (blocks < 1 || blocks > 52) throw new TatraException("--blocks must be in 1..52, got " + blocks);
            if (kinds == null || kinds.isEmpty()) throw new TatraException("train at least one model kind per block");
            if (!kinds.contains(Kind.UNIFIED) && !kinds.contains(Kind.LIGHTGBM)) throw new TatraException("the blocks need a unified or a LightGBM model");
            kinds = EnumSet.copyOf(kinds);
        }
    }

    /**
     * Runs the comparison with PyTorch single-threaded (training and forecasts), so that its table does not depend on
     * {@code --threads}: PyTorch's results differ in the last bits between thread counts, and a model whose validated
     * edge sits at the cost-aware gate trades or not on that noise. LightGBM is deterministic at any thread count and
     * PPO is single-threaded already.
     */
    public static CompareService.Result run(Path home, Request r, Consumer<String> log) {
        return io.tatra.model.nn.Torch.singleThreaded(() -> runBlocks(home, r, log));
    }

    private static CompareService.Result runBlocks(Path home, Request r, Consumer<String> log) {
        var data = r.base().base().data();
        long step = data.interval().millis(), lead = (long) (Feature.maxWarmup() + DataRequest.WINDOW - 1) * step;
        long from = r.from().toEpochMilli(), span = r.to().toEpochMilli() - from;
        Map<String, List<BacktestResult>> byVariant = new LinkedHashMap<>();
        Map<String, List<String>> dirs = new LinkedHashMap<>();
        List<BacktestResult> bh = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int k = 0; k < r.blocks(); k++) {
            Instant blockFrom = Instant.ofEpochMilli(from + span * k / r.blocks() / step * step), blockTo = k == r.blocks() - 1 ? r.to()
                    : Instant.ofEpochMilli(from + span * (k + 1) / r.blocks() / step * step);
            Instant modelTo = blockFrom.minusMillis(lead);
            Path dir = r.base().out().resolve("block-" + (k + 1));
            log.accept("walk-forward compare, block " + (k + 1) + "/" + r.blocks() + ": models on data before " + modelTo + ", trading " + blockFrom + " .. " + blockTo);
            Map<Kind, Path> models = new LinkedHashMap<>();
            for (Kind kind : r.kinds()) models.put(kind, train(home, r, kind, modelTo, dir.resolve("models").resolve(kind.name().toLowerCase(java.util.Locale.ROOT)), log));
            DataRequest period = data.withPeriod(modelTo, blockTo);
            Path any = models.getOrDefault(Kind.UNIFIED, models.get(Kind.LIGHTGBM));
            CompareService.Request b = r.base();
            CompareService.Request block = new CompareService.Request(b.base().withDataAndModel(period, any), models.get(Kind.UNIFIED), models.get(Kind.LIGHTGBM),
                    models.get(Kind.LSTM), b.ensemble(), dir, b.ppo(), b.episodeBars());
            CompareService.Runs runs = CompareService.runs(home, block, log);
            for (String n : runs.notes()) notes.add("block " + (k + 1) + ": " + n);
            if (runs.runs().isEmpty()) throw new TatraException("block " + (k + 1) + ": no variant could run: " + String.join("; ", runs.notes()));
            BacktestService.Run first = runs.runs().get(0);
            long firstDecision = first.trades().times()[0];
            if (firstDecision > blockFrom.toEpochMilli() + step)
                log.accept("tatra: warning: block " + (k + 1) + "'s first decision is at " + Instant.ofEpochMilli(firstDecision) + ", after its start (a gap in the data)");
            bh.add(first.buyAndHoldCurve());
            // the block's own table beside its runs (per-block figures show how much the chained ones owe to one block)
            CompareService.table(home, block, runs.names(), runs.runs().stream().map(BacktestService.Run::trades).toList(),
                    runs.runs().stream().map(x -> x.dir().toString()).toList(), first.buyAndHoldCurve(), runs.notes());
            for (int i = 0; i < runs.names().size(); i++) {
                byVariant.computeIfAbsent(runs.names().get(i), x -> new ArrayList<>()).add(runs.runs().get(i).trades());
                dirs.computeIfAbsent(runs.names().get(i), x -> new ArrayList<>()).add(runs.runs().get(i).dir().toString());
            }
        }
        List<String> names = new ArrayList<>();
        List<BacktestResult> chained = new ArrayList<>();
        List<String> where = new ArrayList<>();
        byVariant.forEach((name, results) -> {
            if (results.size() < r.blocks()) {
                notes.add(name + ": left out of the walk-forward table: it ran in " + results.size() + " of " + r.blocks() + " blocks");
                return;
            }
            names.add(name);
            chained.add(BacktestResult.chain(results));
            where.add(String.join(",", dirs.get(name)));
        });
        return CompareService.table(home, r.base(), names, chained, where, BacktestResult.chain(bh), notes);
    }

    /** A model of {@code kind} trained on the stored history before {@code to} (the final split), or the one already there. */
    static Path train(Path home, Request r, Kind kind, Instant to, Path out, Consumer<String> log) {
        var data = r.base().base().data();
        Path marker = out.resolveSibling(out.getFileName() + ".trained-to");
        String stamp = to + " " + data.symbols() + " " + data.interval().code();
        if (Files.isRegularFile(out.resolve("model.json"))) {
            try {
                if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp)) {
                    ModelStore.card(out); // a damaged card stops here
                    log.accept("reusing " + out + " (trained on data before " + to + ")");
                    return out;
                }
            } catch (java.io.IOException e) {
                throw new TatraException("cannot read " + marker + ": " + e.getMessage());
            }
            throw new TatraException(out + " holds a model of another run (not trained on " + data.symbols() + " before " + to + "); remove it or choose another --out");
        }
        try {
            Files.createDirectories(out.getParent());
        } catch (java.io.IOException e) {
            throw new TatraException("cannot create " + out.getParent() + ": " + e.getMessage());
        }
        Consumer<String> tagged = line -> log.accept(kind.name().toLowerCase(java.util.Locale.ROOT) + " " + line);
        Dataset ds = new DataRequest(data.symbols(), data.interval(), null, to, data.horizon(), data.folds(), null).finalFit(home, tagged);
        if (kind == Kind.LIGHTGBM) {
            GbmModels.train(ds, 0, r.gbm(), out, tagged);
            io.tatra.AtomicWrite.text(marker, stamp);
            return out;
        }
        ModelConfig mc = kind == Kind.LSTM ? new ModelConfig(r.model().encoder().withKind(EncoderKind.LSTM), r.model().headHidden()) : r.model();
        try (Workflows.Trained t = Workflows.train(ds, 0, Tasks.CORE, mc, r.train(), null, tagged)) {
            ModelStore.save(out, t.model(), t.card(), ds.normalizations().get(0));
        }
        io.tatra.AtomicWrite.text(marker, stamp);
        return out;
    }
}
