/**
 * Append-only JSONL journals of signals, decisions, outcomes and snapshots (crash-safe appends, read back line by line). Imports market only.
 */
package io.tatra.journal;
