/**
 * Proximal policy optimization (design document 003's PPO tasks) on the backtest's own session. Each task is an
 * environment that charges fills, fees, slippage and funding exactly as {@code tatra backtest} does:
 * {@link io.tatra.ppo.SizingEnv} (target position), {@link io.tatra.ppo.ExitEnv} (exit, partial exit, trailing stop of
 * a trade), {@link io.tatra.ppo.RiskEnv} (a risk multiplier on a base sizer) and {@link io.tatra.ppo.PortfolioEnv}
 * (short/flat/long per symbol on one session). {@link io.tatra.ppo.PpoTrainer} is the clipped-objective algorithm of the
 * reference implementations (GAE, value and entropy terms, advantage normalization, global-norm gradient clipping,
 * Adam ε 1e-5) over actions of one or several discrete components, seeded and reproducible; {@link io.tatra.ppo.PpoStore}
 * saves a policy with its provenance.
 */
package io.tatra.ppo;
