package io.tatra.model.pretrain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The self-supervised puzzles of pre-training; any non-empty combination may be selected. */
public enum Objective {
    /** Masked-step reconstruction: 15 % of the window's steps are zeroed and rebuilt from the encoder's sequence output (MSE on masked steps). */
    MASKED("masked"),
    /** Contrastive (InfoNCE, symmetric): two augmented views of a window (jitter, per-feature scaling, time masking) against the batch's other windows. */
    CONTRASTIVE("contrastive"),
    /** Temporal order: given two windows of one symbol 48 bars apart, in random order, say which came first. */
    ORDER("order");

    private final String code;

    Objective(String code) { this.code = code; }

    public String code() { return code; }

    /** Parses a comma list like {@code masked,contrastive,order}. */
    public static Set<Objective> parse(String list) {
        Set<Objective> out = EnumSet.noneOf(Objective.class);
        for (String s : list.split(",")) {
            String t = s.trim();
            Objective o = Arrays.stream(values()).filter(v -> v.code.equalsIgnoreCase(t)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown pre-training objective '" + t + "'; use masked, contrastive and/or order"));
            out.add(o);
        }
        if (out.isEmpty()) throw new io.tatra.TatraException("choose at least one pre-training objective");
        return out;
    }
}
