/**
 * Pre-trade risk: one {@link io.tatra.risk.RiskLimits} record and the {@link io.tatra.risk.RiskCheck} every order
 * passes before it is executed (position, leverage, notional and rate limits; daily loss and drawdown switch the
 * trading state to REDUCING; HALTED is the kill switch). Depends on nothing else in Tatra.
 */
package io.tatra.risk;
