/**
 * Proximal policy optimization (design document 003's PPO tasks) on the backtest's own session: {@link io.tatra.ppo.SizingEnv}
 * charges fills, fees, slippage and funding exactly as {@code tatra backtest} does, {@link io.tatra.ppo.PpoTrainer} is the
 * clipped-objective algorithm of the reference implementations (GAE, value and entropy terms, advantage normalization,
 * global-norm gradient clipping, Adam ε 1e-5), seeded and reproducible.
 */
package io.tatra.ppo;
