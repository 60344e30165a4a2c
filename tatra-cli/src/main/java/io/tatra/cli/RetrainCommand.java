package io.tatra.cli;

import io.tatra.app.RetrainService;
import io.tatra.market.Symbol;
import io.tatra.model.io.ModelRegistry;
import io.tatra.model.nn.Torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** tatra retrain: a candidate on the data up to now, compared with the current model on bars neither has seen. */
@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = {"Train a candidate on the stored data up to now, score it and the current model on the last --test-bars bars "
                + "(unseen by both), and promote the candidate only if it is better: one-sided Diebold-Mariano test of the "
                + "direction log-loss differential (per bar, Newey-West lag h-1), p < --alpha.",
                "The model directory becomes a registry on its first retrain: every version is kept with its card and comparison "
                        + "(tatra model list / promote / rollback); commands reading --model DIR use its current version."})
final class RetrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "DIR") Path model;
    @Option(names = "--symbols", split = ",", description = "Symbols to train and test on (default: the current model's)") List<String> symbols;
    @Option(names = "--to", converter = Times.class, description = "End of the data (default: the newest stored bar)") Instant to;
    @Option(names = "--test-bars", defaultValue = "500", description = "Bars at the end kept for the comparison (default 500)") int testBars;
    @Option(names = "--alpha", defaultValue = "0.05", description = "Significance of the one-sided test (default 0.05)") double alpha;
    @Option(names = "--epochs", description = "Training epochs (default: the current model's settings)") Integer epochs;
    @Option(names = "--batches", description = "Batches per epoch (default: the current model's settings)") Integer batches;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--threads", description = "PyTorch threads (default: available cores)") Integer threads;
    @Option(names = "--no-promote", description = "Compare and keep the candidate, but never make it current") boolean noPromote;

    @Override
    public Integer call() {
        List<Symbol> syms = symbols == null ? null : UserValues.of("--symbols", () -> symbols.stream().map(s -> Symbol.of(s.trim())).toList());
        RetrainService.Request r = UserValues.of("--test-bars / --alpha / --epochs / --batches", () ->
                new RetrainService.Request(common.home(), model, syms, to, testBars, alpha, seed, epochs, batches, !noPromote));
        if (threads != null && (threads < 1 || threads > 256)) throw new io.tatra.TatraException("--threads must be 1..256, got " + threads);
        Torch.configure(threads != null ? threads : Runtime.getRuntime().availableProcessors(), seed);
        RetrainService.Outcome o = RetrainService.run(r, ModelCommands.LOG);
        if (common.json) {
            System.out.println(Json.write(o));
            return 0;
        }
        System.out.printf("test: %s .. %s, %d windows; current %s vs candidate %s%n", o.testFrom(), o.testTo(), o.testWindows(), o.current(), o.candidate());
        System.out.printf("  %-28s %12s %12s%n", "metric", o.current(), o.candidate());
        for (Map.Entry<String, double[]> e : o.metrics().entrySet())
            System.out.printf("  %-28s %12.5f %12.5f%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        System.out.printf("  %-28s %12.5f (class prior of the candidate's training labels)%n", "direction_log_loss prior", o.priorDirectionLogLoss());
        System.out.println(o.reason());
        System.out.printf("%s: %s; %.1f s%n", model, o.promoted() ? o.candidate() + " is now current" : o.current() + " stays current, " + o.candidate() + " kept", o.seconds());
        return 0;
    }

    /** tatra model list / promote / rollback. */
    @Command(name = "model", mixinStandardHelpOptions = true, description = "A model registry's versions (tatra retrain keeps them): list, promote, roll back.",
            subcommands = {Versions.class, Promote.class, Rollback.class})
    static final class ModelGroup implements Runnable {
        @Override public void run() { throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name a subcommand: list, promote or rollback"); }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every version with its status, the data it saw, and its comparison.")
    static final class Versions implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Option(names = "--model", required = true, paramLabel = "DIR") Path model;

        @Override
        public Integer call() {
            List<ModelRegistry.Version> vs = RetrainService.versions(model);
            String current = ModelRegistry.isRegistry(model) ? ModelRegistry.read(model).current() : "v1";
            if (common.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("current", current);
                out.put("versions", vs);
                if (ModelRegistry.isRegistry(model)) out.put("history", ModelRegistry.read(model).history());
                System.out.println(Json.write(out));
                return 0;
            }
            for (ModelRegistry.Version v : vs)
                System.out.printf("%s %-5s %-9s saw data to %s, created %s%s%n  %s%n", v.id().equals(current) ? "*" : " ", v.id(), v.status(), v.seenTo(), v.createdAt(),
                        v.parent() == null ? "" : ", from " + v.parent(), v.comparison().getOrDefault("decision", v.note() == null ? "" : v.note()));
            return 0;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Make a version current (by hand; the history records it).")
    static final class Promote implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Option(names = "--model", required = true, paramLabel = "DIR") Path model;
        @Option(names = "--version", required = true, paramLabel = "vN") String version;

        @Override
        public Integer call() {
            try (ModelRegistry reg = openExisting(model)) {
                reg.makeCurrent(version, "promote", "by hand");
            }
            System.out.println(model + ": " + version + " is now current");
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Return to the version that was current before the current one.")
    static final class Rollback implements Callable<Integer> {
        @Mixin CommonOptions common;
        @Option(names = "--model", required = true, paramLabel = "DIR") Path model;

        @Override
        public Integer call() {
            String to;
            try (ModelRegistry reg = openExisting(model)) {
                to = reg.rollback("by hand");
            }
            System.out.println(model + ": rolled back, " + to + " is now current");
            return 0;
        }
    }

    private static ModelRegistry openExisting(Path model) {
        if (!ModelRegistry.isRegistry(model))
            throw new io.tatra.TatraException(model + " is not a model registry yet (it has one version); tatra retrain makes it one");
        return ModelRegistry.open(model);
    }
}
