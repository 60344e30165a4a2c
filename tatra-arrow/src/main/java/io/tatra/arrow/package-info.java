/**
 * Feather (Apache Arrow IPC) files read into numeric columns with Arrow's flatbuffer metadata and pure-Java LZ4, and
 * freqtrade's candle and funding files on top of them, validated like every other import.
 */
package io.tatra.arrow;
