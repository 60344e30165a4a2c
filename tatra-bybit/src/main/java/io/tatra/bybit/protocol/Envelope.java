package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tatra.Json;

import java.io.IOException;

/**
 * Every v5 REST answer: {@code {"retCode":0,"retMsg":"OK","result":{…},"retExtInfo":{},"time":1671017382656}}. Business
 * errors come with HTTP 200 and a non-zero retCode. {@code result} stays a tree; the typed readers of each endpoint
 * take it from here.
 */
public record Envelope(int retCode, String retMsg, JsonNode result, JsonNode retExtInfo, long time) {
    /** Refuse answers larger than this (a kline page of 1000 rows is about 100 KB). */
    public static final int MAX_CHARS = 16 << 20;

    public Envelope {
        retMsg = retMsg == null ? "" : retMsg;
        result = result == null ? JsonNodeFactory.instance.objectNode() : result;
        retExtInfo = retExtInfo == null ? JsonNodeFactory.instance.objectNode() : retExtInfo;
    }

    public boolean ok() { return retCode == 0; }

    /** The code's handling (FAIL for a code the table does not know). */
    public RetCode.Handling handling() { return RetCode.handlingOf(retCode); }

    /** A JSON object from text (size-capped, duplicate keys refused); anything else is a {@link ProtocolException}. */
    public static JsonNode tree(String body) {
        if (body == null || body.isBlank()) throw new ProtocolException("empty message; expected a JSON object");
        if (body.length() > MAX_CHARS) throw new ProtocolException("message of " + body.length() + " characters is larger than " + MAX_CHARS);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ProtocolException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) throw new ProtocolException("not a JSON object");
        return root;
    }

    /** Parses an answer; anything that is not a v5 envelope is a {@link ProtocolException} naming what is wrong. */
    public static Envelope parse(String body) {
        JsonNode root = tree(body);
        JsonNode code = root.has("retCode") ? root.get("retCode") : root.get("ret_code");
        if (code == null || !(code.isIntegralNumber() || (code.isTextual() && code.asText().matches("-?\\d{1,9}"))))
            throw new ProtocolException("no integer retCode in " + abbreviate(body));
        return new Envelope(code.asInt(), root.path("retMsg").asText(root.path("ret_msg").asText("")), root.get("result"), root.get("retExtInfo"),
                root.path("time").asLong(0));
    }

    /** The answer as Bybit would write it (the paper exchange's side). */
    public String toJson() {
        var o = JsonNodeFactory.instance.objectNode();
        o.put("retCode", retCode);
        o.put("retMsg", retMsg);
        o.set("result", result);
        o.set("retExtInfo", retExtInfo);
        o.put("time", time);
        return Json.line(o);
    }

    /** An error answer with the code's documented text. */
    public static Envelope error(RetCode code, long time) {
        return new Envelope(code.code(), code.text(), null, null, time);
    }

    static String abbreviate(String s) { return s.length() <= 200 ? s : s.substring(0, 197) + "..."; }
}
