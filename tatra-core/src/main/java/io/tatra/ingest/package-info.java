/**
 * Reading and validating candle files (CSV, JSON, freqtrade) into bars: formats, time parsing, findings with file and line, import policies and repairs. Imports market only (and Jackson for JSON).
 */
package io.tatra.ingest;
