package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/** The unified account from {@code /v5/account/wallet-balance}: equity, wallet balance, available balance, unrealised P&amp;L, initial margin (USD). */
public record WalletBalance(BigDecimal totalEquity, BigDecimal totalWalletBalance, BigDecimal totalAvailableBalance, BigDecimal totalPerpUPL,
                            BigDecimal totalInitialMargin) {
    public static WalletBalance of(Envelope e) {
        if (!e.ok()) throw new ProtocolException("wallet answer is an error: " + e.retCode() + " " + e.retMsg());
        JsonNode list = e.result().path("list");
        if (!list.isArray() || list.isEmpty()) throw new ProtocolException("wallet result has no account");
        return of(list.get(0));
    }

    /** One account object (a REST list item, or the private {@code wallet} stream's data item). */
    public static WalletBalance of(JsonNode a) {
        return new WalletBalance(Decimals.decimal(a, "totalEquity"), Decimals.decimal(a, "totalWalletBalance"), OrderInfo.optional(a, "totalAvailableBalance"),
                OrderInfo.optional(a, "totalPerpUPL"), OrderInfo.optional(a, "totalInitialMargin"));
    }
}
