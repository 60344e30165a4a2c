package io.tatra.decision;

/** Turns the heads' outputs for one symbol and bar into one decision. */
@FunctionalInterface
public interface FusionPolicy {
    TradeDecision decide(HeadOutputs outputs);
}
