package io.tatra.bybit.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * The retCodes Tatra handles, with Bybit's documented text and what a client does about each. Business errors arrive
 * with HTTP 200; only the retCode says what happened. Texts from the v5 error page; live variants are in the fact
 * sheet ({@code shared/reference/bybit-v5.md} §1.5, §2, §4.2).
 */
public enum RetCode {
    OK(0, "OK", Handling.NONE),
    PARAMS(10001, "Request parameter error", Handling.FAIL),
    TIMESTAMP(10002, "The request time exceeds the time window range.", Handling.RESYNC_CLOCK),
    INVALID_KEY(10003, "API key is invalid.", Handling.FAIL),
    SIGNATURE(10004, "Error sign, please check your signature generation algorithm.", Handling.FAIL),
    PERMISSION(10005, "Permission denied, please check your API key permissions.", Handling.FAIL),
    RATE_LIMIT(10006, "Too many visits. Exceeded the API Rate Limit.", Handling.BACK_OFF),
    IP_MISMATCH(10010, "Unmatched IP, please check your API key's bound IP addresses.", Handling.FAIL),
    SERVER_ERROR(10016, "Server error.", Handling.RETRY_IF_IDEMPOTENT),
    ORDER_NOT_FOUND(110001, "Order does not exist", Handling.FAIL),
    PRICE_OUT_OF_RANGE(110003, "Order price exceeds the allowable range.", Handling.FAIL),
    WALLET_INSUFFICIENT(110004, "Wallet balance is insufficient", Handling.FAIL),
    BALANCE_INSUFFICIENT(110007, "Available balance is insufficient", Handling.FAIL),
    ORDER_FINISHED(110008, "The order has been completed or cancelled.", Handling.FAIL),
    REDUCE_ONLY(110017, "orderQty will be truncated to zero", Handling.FAIL),
    POSITION_MODE_UNCHANGED(110025, "Position mode has not been modified.", Handling.ALREADY_DONE),
    MARGIN_MODE_UNCHANGED(110026, "Margin mode has not been modified.", Handling.ALREADY_DONE),
    LEVERAGE_UNCHANGED(110043, "Set leverage has not been modified.", Handling.ALREADY_DONE),
    DUPLICATE_ORDER_LINK_ID(110072, "OrderLinkedID is duplicate", Handling.LOOK_UP_ORDER),
    BELOW_MIN_NOTIONAL(110094, "Order notional value below the lower limit", Handling.FAIL);

    /** What a client does when it meets the code. */
    public enum Handling {
        /** Success. */
        NONE,
        /** A mistake in the request or the account: report it, never retry. */
        FAIL,
        /** The clock is off: re-measure the offset from the server time, then retry. */
        RESYNC_CLOCK,
        /** Rate limited: wait until the limit resets (the {@code X-Bapi-Limit-Reset-Timestamp} header), then retry. */
        BACK_OFF,
        /** A server error: a read may be retried; an order must be looked up by its orderLinkId, never re-sent blindly. */
        RETRY_IF_IDEMPOTENT,
        /** The setting already has the asked value: success. */
        ALREADY_DONE,
        /** The order already exists (its answer was lost): look it up by orderLinkId; it must not be placed twice. */
        LOOK_UP_ORDER
    }

    private static final Map<Integer, RetCode> BY_CODE = new HashMap<>();

    static {
        for (RetCode c : values()) BY_CODE.put(c.code, c);
    }

    private final int code;
    private final String text;
    private final Handling handling;

    RetCode(int code, String text, Handling handling) {
        this.code = code;
        this.text = text;
        this.handling = handling;
    }

    public int code() { return code; }

    /** The documented text (what the paper exchange sends). */
    public String text() { return text; }

    public Handling handling() { return handling; }

    /** The known code, or null for one this table does not list (treat as {@link Handling#FAIL}). */
    public static RetCode of(int code) { return BY_CODE.get(code); }

    /** What to do about any code: the table's handling, FAIL for an unknown one. */
    public static Handling handlingOf(int code) {
        RetCode c = of(code);
        return c == null ? Handling.FAIL : c.handling;
    }
}
