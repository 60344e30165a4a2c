/**
 * The synthetic market: a seeded regime-switching generator with funding and open interest, and its export as import-ready files. Imports market and ingest.
 */
package io.tatra.synth;
