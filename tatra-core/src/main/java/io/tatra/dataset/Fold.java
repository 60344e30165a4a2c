package io.tatra.dataset;

import java.util.List;

/** One split: where training, validation (possibly none) and test samples lie in time. */
public record Fold(String name, List<Span> train, List<Span> validation, List<Span> test) {
    public Fold {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    public Part partOf(long t) {
        for (Span s : test) if (s.contains(t)) return Part.TEST;
        for (Span s : validation) if (s.contains(t)) return Part.VALIDATION;
        for (Span s : train) if (s.contains(t)) return Part.TRAIN;
        return Part.NONE;
    }

    public enum Part { TRAIN, VALIDATION, TEST, NONE }
}
