/**
 * Use-case services that every entry point calls — the CLI, the demo, tests, later the live engine and a sweep
 * runner: market data from the store, dataset requests, a backtest run, the latest decision. Orchestration lives
 * here, not in CLI commands. May import core, store and model; never the CLI.
 */
package io.tatra.app;
