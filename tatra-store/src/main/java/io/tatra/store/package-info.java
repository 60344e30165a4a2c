/**
 * The DuckDB candle store (one file under the Tatra home): idempotent upserts, gap listing, export, and an exclusive lock. The only package that imports DuckDB.
 */
package io.tatra.store;
