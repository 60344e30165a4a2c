package io.tatra.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The unified account in USDT: wallet balance, equity, unrealised P&amp;L and initial margin in use (positions and open orders). */
public record PaperWallet(double walletBalance, double equity, double unrealisedPnl, double initialMargin, double feesPaid, double fundingPaid) {
    public double available() { return Math.max(0, equity - initialMargin); }

    ObjectNode toJson() {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("accountType", "UNIFIED");
        a.put("accountIMRate", equity > 0 ? Formats.plain(initialMargin / equity, 4) : "0");
        a.put("accountMMRate", "0");
        a.put("totalEquity", Formats.plain(equity, 8));
        a.put("totalWalletBalance", Formats.plain(walletBalance, 8));
        a.put("totalMarginBalance", Formats.plain(walletBalance + unrealisedPnl, 8));
        a.put("totalAvailableBalance", Formats.plain(available(), 8));
        a.put("totalPerpUPL", Formats.plain(unrealisedPnl, 8));
        a.put("totalInitialMargin", Formats.plain(initialMargin, 8));
        a.put("totalMaintenanceMargin", "0");
        a.put("accountLTV", "0");
        ObjectNode c = a.putArray("coin").addObject();
        c.put("coin", "USDT");
        c.put("equity", Formats.plain(equity, 8));
        c.put("usdValue", Formats.plain(equity, 8));
        c.put("walletBalance", Formats.plain(walletBalance, 8));
        c.put("locked", "0");
        c.put("spotHedgingQty", "0");
        c.put("borrowAmount", "0");
        c.put("accruedInterest", "0");
        c.put("totalOrderIM", "0");
        c.put("totalPositionIM", Formats.plain(initialMargin, 8));
        c.put("totalPositionMM", "0");
        c.put("unrealisedPnl", Formats.plain(unrealisedPnl, 8));
        c.put("cumRealisedPnl", "0");
        c.put("bonus", "0");
        c.put("marginCollateral", true);
        c.put("collateralSwitch", true);
        c.put("availableToWithdraw", "");
        c.put("free", "");
        return a;
    }
}
