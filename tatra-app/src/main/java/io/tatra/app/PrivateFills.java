package io.tatra.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.bybit.client.BybitStream;
import io.tatra.live.AccountView;

import java.net.URI;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A live session's private stream: the {@code execution} topic, of which the stop-loss and take-profit fills of the
 * session's symbols go to the engine ({@link io.tatra.live.LiveEngine#onProtectiveFill}), so that a bar whose range
 * reached a held position's level can skip the account read when the fills that closed it are already in, and the
 * funding settlements ({@code execType Funding}; {@code execFee} positive = paid) go to its account view
 * ({@link io.tatra.live.LiveEngine#onFundingFee}). The engine's own fills are left to the reads; a frame that does not
 * parse is reported and ignored (the bar then reads the account over REST).
 */
final class PrivateFills implements BybitStream.Handler {
    /** The topic subscribed. */
    static final String TOPIC = "execution";

    private final Set<String> symbols;
    private final Consumer<AccountView.ProtectiveFill> engine;
    private final Consumer<AccountView.FundingFee> funding;
    private final BiConsumer<String, String> notRead;

    /** @param notRead told the symbol (or "") and why a frame was not read */
    PrivateFills(Set<String> symbols, Consumer<AccountView.ProtectiveFill> engine, Consumer<AccountView.FundingFee> funding, BiConsumer<String, String> notRead) {
        this.symbols = Set.copyOf(symbols);
        this.engine = engine;
        this.funding = funding;
        this.notRead = notRead;
    }

    /**
     * The private stream beside a public one: Bybit's {@code …/v5/public/linear} becomes {@code …/v5/private} on the
     * same host (mainnet, testnet and the paper exchange alike); null for any other URL (the session then reads).
     */
    static URI privateStreamOf(URI publicStream) {
        String u = publicStream.toString();
        return u.endsWith("/v5/public/linear") ? URI.create(u.substring(0, u.length() - "/v5/public/linear".length()) + "/v5/private") : null;
    }

    /** Where the session says what happened: symbol (null: none), event kind, detail. */
    interface Log {
        void event(io.tatra.market.Symbol symbol, String kind, String detail);
    }

    /**
     * Opens the private stream beside {@code publicStream} and subscribes its executions for {@code symbols}; null, and
     * said so, when there is none or it does not connect (a bar that reaches a stop then reads the account over REST).
     */
    static BybitStream open(URI publicStream, io.tatra.bybit.protocol.ApiKey key, java.util.List<io.tatra.market.Symbol> symbols,
                            Consumer<AccountView.ProtectiveFill> engine, Consumer<AccountView.FundingFee> funding, Log log) {
        URI uri = privateStreamOf(publicStream);
        if (uri == null) {
            log.event(null, "private-stream", "no private stream beside " + publicStream + ": a bar that reaches a stop reads the account over REST");
            return null;
        }
        PrivateFills fills = new PrivateFills(symbols.stream().map(io.tatra.market.Symbol::value).collect(java.util.stream.Collectors.toSet()), engine, funding,
                (sym, why) -> log.event(sym.isEmpty() ? null : io.tatra.market.Symbol.of(sym), "error", why));
        try {
            BybitStream s = BybitStream.open(BybitStream.Config.of(uri, key), fills);
            s.subscribe(java.util.List.of(TOPIC));
            return s;
        } catch (java.util.concurrent.CompletionException | IllegalStateException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            log.event(null, "private-stream", "the private stream " + uri + " did not connect (" + c.getClass().getSimpleName() + "): bars that reach a stop read the account over REST");
            return null;
        }
    }

    @Override
    public void onData(JsonNode frame) {
        if (!TOPIC.equals(frame.path("topic").asText())) return;
        for (JsonNode e : frame.path("data")) {
            String symbol = e.path("symbol").asText();
            if (!symbols.contains(symbol)) continue;
            String type = e.path("execType").asText();
            if ("Funding".equals(type)) {
                try {
                    funding.accept(new AccountView.FundingFee(symbol, number(e, "execFee"), Long.parseLong(e.path("execTime").asText())));
                } catch (IllegalArgumentException ex) {
                    notRead.accept(symbol, "funding frame not read: " + ex.getMessage());
                }
                continue;
            }
            if (!"Trade".equals(type)) continue;
            String kind = e.path("stopOrderType").asText();
            if (!kind.equals("StopLoss") && !kind.equals("TakeProfit")) continue;
            try {
                engine.accept(new AccountView.ProtectiveFill(symbol, e.path("side").asText(), number(e, "execQty"), number(e, "execPrice"), number(e, "execFee"),
                        Long.parseLong(e.path("execTime").asText())));
            } catch (IllegalArgumentException ex) { // NumberFormatException included
                notRead.accept(symbol, "execution frame not read: " + ex.getMessage());
            }
        }
    }

    private static double number(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException(field + " is missing");
        return Double.parseDouble(v.asText());
    }
}
