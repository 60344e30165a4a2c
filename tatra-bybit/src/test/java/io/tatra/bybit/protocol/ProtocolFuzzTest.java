package io.tatra.bybit.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of every parser a venue's bytes reach: an answer or a stream frame is either parsed or
 * refused with a {@link ProtocolException}; any other exception is a bug. In the suite these run in regression mode
 * (the inputs under {@code src/test/resources/.../ProtocolFuzzTestInputs/}); to fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -o test -pl tatra-bybit -Dtest=ProtocolFuzzTest}.
 */
class ProtocolFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void restAnswers(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Envelope e;
        try {
            e = Envelope.parse(text);
        } catch (ProtocolException expected) {
            return;
        }
        attempt(() -> Kline.page(e));
        attempt(() -> FundingRate.page(e));
        attempt(() -> Instrument.page(e));
        attempt(() -> OrderInfo.page(e));
        attempt(() -> ExecutionInfo.page(e));
        attempt(() -> PositionInfo.page(e));
        attempt(() -> Ticker.page(e));
        attempt(() -> OpenInterestPoint.page(e));
        attempt(() -> WalletBalance.of(e));
        attempt(() -> OrderRequest.Ack.of(e));
    }

    @FuzzTest(maxDuration = "2m")
    void streamFramesAndOrderBodies(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        attempt(() -> OrderRequest.parse(text));
        JsonNode frame;
        try {
            frame = Envelope.tree(text);
        } catch (ProtocolException expected) {
            return;
        }
        attempt(() -> WsControl.reply(frame));
        attempt(() -> KlineUpdate.parse(frame));
        attempt(() -> new OrderBook("BTCUSDT").apply(frame));
        attempt(() -> OrderInfo.list(frame.path("data")));
        attempt(() -> ExecutionInfo.list(frame.path("data")));
        attempt(() -> PositionInfo.list(frame.path("data"), true));
    }

    private static void attempt(Runnable parse) {
        try {
            parse.run();
        } catch (ProtocolException expected) {
            // a refusal that says what is wrong: fine
        }
    }
}
