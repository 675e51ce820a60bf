/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Renders a recording of Kraken's WebSocket v1 (the only Kraken traffic recorded here, 2021) in WebSocket v2, the
 * protocol the engine's sessions speak, so that the simulator serves real Kraken market data on {@code /v2}. Each
 * recorded market-data message becomes one v2 message with the same values, in the same order, at the same time:
 * <ul>
 *   <li>{@code [id, {"as":..,"bs":..}, "book-1000", "XBT/USD"]} becomes a {@code book} {@code snapshot} of
 *   {@code BTC/USD}, its checksum computed by Kraken's documented algorithm ({@link #checksum}) since v1 snapshots
 *   carry none; an update ({@code "a"}, {@code "b"}, in one or two payloads) becomes a {@code book} {@code update}
 *   with the checksum Kraken itself sent ({@code "c"});</li>
 *   <li>{@code trade} payloads become {@code trade} entries ({@code b}/{@code s} sides to {@code buy}/{@code sell},
 *   {@code l}/{@code m} to {@code limit}/{@code market}); {@code ticker} becomes a {@code ticker} with its bid, ask,
 *   their whole-lot volumes, last price and 24-hour volume, vwap, low and high;</li>
 *   <li>events ({@code systemStatus}, {@code subscriptionStatus}, {@code heartbeat}) and other channels are left out:
 *   the simulator's {@link KrakenProtocol} answers the client's own requests.</li>
 * </ul>
 * Prices and volumes keep the recorded text, as JSON numbers with the same decimals (Kraken's checksum is taken over
 * that text, and v2 writes a pair's values at the decimals v1 did); a level's time, seconds since the epoch, becomes an
 * RFC 3339 {@code timestamp} (a book message's latest). Pair names change as v2 writes them: {@code XBT} is
 * {@code BTC} and {@code XDG} {@code DOGE}. Cold path: runs once per frame when the recording is loaded.
 * <p>
 * Sources: https://docs.kraken.com/api/docs/websocket-v2/book (message shapes, checksum),
 * https://docs.kraken.com/api/docs/websocket-v1/book (the recorded shapes).
 */
final class KrakenV2Rendering implements FrameRendering
{
    /** Levels per side the checksum covers. */
    static final int CHECKSUM_DEPTH = 10;

    private final ObjectMapper mapper = StreamBooks.exactDecimals();

    @Override
    public byte[] render(final byte[] recorded, final long recvTsNs)
    {
        final JsonNode message;
        try
        {
            message = mapper.readTree(recorded);
        }
        catch (final IOException ex)
        {
            return recorded; // a malformed recorded frame is replayed as it was
        }
        if (!message.isArray() || message.size() < 4 || !message.get(message.size() - 1).isTextual())
        {
            return null;
        }
        final String channel = message.get(message.size() - 2).asText("");
        final String symbol = v2Symbol(message.get(message.size() - 1).asText());
        final ObjectNode out;
        if (channel.startsWith("book-"))
        {
            out = book(message, symbol);
        }
        else if ("trade".equals(channel))
        {
            out = trades(message.get(1), symbol);
        }
        else if ("ticker".equals(channel))
        {
            out = ticker(message.get(1), symbol);
        }
        else
        {
            return null;
        }
        return out == null ? null : out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param v1Pair a pair as v1 names it, e.g. {@code XBT/USD}.
     * @return the pair as v2 names it, e.g. {@code BTC/USD}.
     */
    static String v2Symbol(final String v1Pair)
    {
        final int slash = v1Pair.indexOf('/');
        return slash < 0 ? v1Pair : v2Asset(v1Pair.substring(0, slash)) + '/' + v2Asset(v1Pair.substring(slash + 1));
    }

    /**
     * Kraken's book checksum: for the best {@link #CHECKSUM_DEPTH} asks from the best up, then the best bids from the
     * best down, each level's price text and then its quantity text with the decimal point and the leading zeros
     * removed, concatenated; CRC32 of that, unsigned.
     *
     * @param asks the asks, best first, each {@code [price, quantity]} as Kraken writes them.
     * @param bids the bids, best first.
     * @return the checksum.
     */
    static long checksum(final List<String[]> asks, final List<String[]> bids)
    {
        final StringBuilder text = new StringBuilder(2 * CHECKSUM_DEPTH * 2 * 20);
        for (final List<String[]> side : List.of(asks, bids))
        {
            for (int i = 0, n = Math.min(CHECKSUM_DEPTH, side.size()); i < n; i++)
            {
                digits(text, side.get(i)[0]);
                digits(text, side.get(i)[1]);
            }
        }
        final CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    /**
     * @param epochSeconds seconds since the epoch with a fraction, as v1 writes a level's time.
     * @return the instant as RFC 3339 in UTC, to the microsecond.
     */
    static String rfc3339(final BigDecimal epochSeconds)
    {
        final BigDecimal micros = epochSeconds.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN);
        final long value = micros.longValueExact();
        final Instant instant = Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
            Math.floorMod(value, 1_000_000L) * 1_000L);
        final String text = instant.toString();
        // Instant prints no fraction when it is zero; Kraken always writes six digits
        return text.indexOf('.') < 0 ? text.substring(0, text.length() - 1) + ".000000Z" : text;
    }

    private ObjectNode book(final JsonNode message, final String symbol)
    {
        final List<String[]> asks = new ArrayList<>();
        final List<String[]> bids = new ArrayList<>();
        BigDecimal latest = null;
        boolean snapshot = false;
        String checksum = null;
        for (int i = 1; i < message.size() - 2; i++)
        {
            final JsonNode payload = message.get(i);
            snapshot |= payload.has("as") || payload.has("bs");
            latest = levels(payload.has("as") ? payload.get("as") : payload.get("a"), asks, latest);
            latest = levels(payload.has("bs") ? payload.get("bs") : payload.get("b"), bids, latest);
            if (payload.has("c"))
            {
                checksum = payload.get("c").asText();
            }
        }
        if (!snapshot && checksum == null)
        {
            return null; // an update Kraken did not checksum is not a v1 book message the recording holds
        }
        final ObjectNode out = mapper.createObjectNode().put("channel", "book")
            .put("type", snapshot ? "snapshot" : "update");
        final ObjectNode entry = out.putArray("data").addObject().put("symbol", symbol);
        writeLevels(entry.putArray("bids"), bids);
        writeLevels(entry.putArray("asks"), asks);
        entry.put("checksum", snapshot ? checksum(asks, bids) : Long.parseLong(checksum));
        if (latest != null)
        {
            entry.put("timestamp", rfc3339(latest));
        }
        return out;
    }

    private ObjectNode trades(final JsonNode payload, final String symbol)
    {
        if (payload == null || !payload.isArray())
        {
            return null;
        }
        final ObjectNode out = mapper.createObjectNode().put("channel", "trade").put("type", "update");
        final ArrayNode data = out.putArray("data");
        for (final JsonNode trade : payload)
        {
            final ObjectNode entry = data.addObject().put("symbol", symbol)
                .put("side", "b".equals(trade.path(3).asText()) ? "buy" : "sell");
            entry.set("price", number(trade.path(0)));
            entry.set("qty", number(trade.path(1)));
            entry.put("ord_type", "m".equals(trade.path(4).asText()) ? "market" : "limit");
            if (trade.size() > 6 && trade.get(6).canConvertToLong())
            {
                entry.put("trade_id", trade.get(6).asLong());
            }
            entry.put("timestamp", rfc3339(new BigDecimal(trade.path(2).asText())));
        }
        return out;
    }

    private ObjectNode ticker(final JsonNode payload, final String symbol)
    {
        if (payload == null || !payload.isObject())
        {
            return null;
        }
        final ObjectNode out = mapper.createObjectNode().put("channel", "ticker").put("type", "update");
        final ObjectNode entry = out.putArray("data").addObject().put("symbol", symbol);
        entry.set("bid", number(payload.path("b").path(0)));
        entry.set("bid_qty", number(payload.path("b").path(1)));
        entry.set("ask", number(payload.path("a").path(0)));
        entry.set("ask_qty", number(payload.path("a").path(1)));
        entry.set("last", number(payload.path("c").path(0)));
        entry.set("volume", number(payload.path("v").path(1)));
        entry.set("vwap", number(payload.path("p").path(1)));
        entry.set("low", number(payload.path("l").path(1)));
        entry.set("high", number(payload.path("h").path(1)));
        return out;
    }

    private static BigDecimal levels(final JsonNode levels, final List<String[]> into, final BigDecimal latest)
    {
        BigDecimal result = latest;
        if (levels == null || !levels.isArray())
        {
            return result;
        }
        for (final JsonNode level : levels)
        {
            into.add(new String[] {level.path(0).asText(), level.path(1).asText()});
            final BigDecimal time = new BigDecimal(level.path(2).asText("0"));
            result = result == null || time.compareTo(result) > 0 ? time : result;
        }
        return result;
    }

    private void writeLevels(final ArrayNode out, final List<String[]> levels)
    {
        for (final String[] level : levels)
        {
            final ObjectNode row = out.addObject();
            row.set("price", mapper.getNodeFactory().numberNode(new BigDecimal(level[0])));
            row.set("qty", mapper.getNodeFactory().numberNode(new BigDecimal(level[1])));
        }
    }

    private JsonNode number(final JsonNode text)
    {
        return text.isTextual() ? mapper.getNodeFactory().numberNode(new BigDecimal(text.asText())) : text;
    }

    private static void digits(final StringBuilder text, final String value)
    {
        final int start = text.length();
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c != '.' && !(c == '0' && text.length() == start))
            {
                text.append(c);
            }
        }
    }

    private static String v2Asset(final String v1Asset)
    {
        final String upper = v1Asset.toUpperCase(Locale.ROOT);
        return "XBT".equals(upper) ? "BTC" : "XDG".equals(upper) ? "DOGE" : upper;
    }
}
