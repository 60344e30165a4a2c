package io.tatra.ingest;

/** The file layouts Tatra reads. */
public enum SourceFormat {
    /** Binance USD-M export: open_time (ISO with offset),open,high,low,close,volume,close_time,returns. */
    BINANCE_USDM_EXPORT("binance-usdm-export"),
    /** CryptoDataDownload: unix,date,symbol,open,high,low,close,Volume BASE,Volume QUOTE,tradecount. */
    CRYPTODATADOWNLOAD("cryptodatadownload"),
    /** Binance kline CSV from data.binance.vision: 12 columns, epoch open time, usually no header. */
    BINANCE_KLINE("binance-kline"),
    /** Bybit v5 /v5/market/kline JSON response (result.list, newest first, strings). */
    BYBIT_KLINE_JSON("bybit-v5-kline"),
    /** Any OHLCV CSV with a header naming the columns (yfinance style, any order). */
    GENERIC_CSV("generic-csv"),
    /** freqtrade's JSON candle file: {@code [[open_time_ms, open, high, low, close, volume], …]} (numbers), often gzip. */
    FREQTRADE_JSON("freqtrade-json"),
    /** freqtrade's Feather file (Apache Arrow IPC): date, open, high, low, close, volume columns. */
    FREQTRADE_FEATHER("freqtrade-feather"),
    /** JSON lines of the design documents' market-data record. */
    MARKET_JSONL("market-jsonl");

    private final String id;

    SourceFormat(String id) { this.id = id; }

    public String id() { return id; }

    @Override
    public String toString() { return id; }
}
