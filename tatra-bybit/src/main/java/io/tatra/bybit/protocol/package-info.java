/**
 * The Bybit v5 protocol as data, with no network: request signing (HMAC-SHA256, lowercase hex) and its
 * constant-time verification, the response envelope, the retCode table with what a client should do about each
 * code, and typed market-data records parsed from Bybit's number-strings into exact decimals. The client
 * (java.net.http) and the paper exchange build on it. Imports tatra-core only (the JSON mapper, market values).
 */
package io.tatra.bybit.protocol;
