/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketprism.sbe.Venue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binance's depth snapshot endpoint ({@code GET /api/v3/depth} spot, {@code /fapi/v1/depth} USD-M,
 * {@code /dapi/v1/depth} COIN-M, {@code ?symbol=BTCUSDT&limit=N}) answered from books the simulator maintains: each
 * book starts from the recording's first REST snapshot of the symbol and applies every {@code depthUpdate} with
 * {@code u} above its {@code lastUpdateId} as the venue's position passes it. The snapshot's {@code lastUpdateId} is
 * therefore the {@code u} of the last update the venue has sent (or a recorded snapshot's id, ahead of the stream,
 * before the stream reaches it), which is what Binance's documented procedure needs: buffered updates at or below it
 * are dropped and the next one continues it. Errors in Binance's shape: {@code -1102} for a missing symbol,
 * {@code -1121} for an unknown one, {@code -1100} for a bad limit.
 */
public final class BinanceRest implements VenueRest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] LAST_UPDATE_ID = "{\"lastUpdateId\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEPTH_UPDATE = "depthUpdate".getBytes(StandardCharsets.US_ASCII);

    private final String path;
    private final boolean futures;
    private final int maxLimit;
    private final Map<String, Book> books = new HashMap<>();
    private final Map<String, List<JsonNode>> polled = new HashMap<>();

    /**
     * @param venue a Binance venue.
     */
    public BinanceRest(final Venue venue)
    {
        switch (venue)
        {
            case BINANCE_SPOT:
                path = "/api/v3/depth";
                maxLimit = 5000;
                break;
            case BINANCE_USDM:
                path = "/fapi/v1/depth";
                maxLimit = 1000;
                break;
            case BINANCE_COINM:
                path = "/dapi/v1/depth";
                maxLimit = 1000;
                break;
            default:
                throw new IllegalArgumentException("not a Binance venue: " + venue);
        }
        futures = venue != Venue.BINANCE_SPOT;
    }

    /**
     * @return the depth endpoint's path.
     */
    public String depthPath()
    {
        return path;
    }

    /**
     * @param venue           a Binance venue.
     * @param polledResponses recorded answers of the polled futures endpoints (funding, open interest, ratios), in
     *                        gocryptotrader's mock-server format ({@code {"routes":{path:{"GET":[{"queryString":..,
     *                        "data":..}]}}}}, gzip or plain), or null for none.
     * @throws IOException when the file cannot be read.
     */
    public BinanceRest(final Venue venue, final java.nio.file.Path polledResponses) throws IOException
    {
        this(venue);
        if (polledResponses == null)
        {
            return;
        }
        try (java.io.InputStream in = open(polledResponses))
        {
            final JsonNode routes = MAPPER.readTree(in).path("routes");
            routes.fields().forEachRemaining(route ->
            {
                final List<JsonNode> answers = new ArrayList<>();
                route.getValue().path("GET").forEach(answers::add);
                if (!answers.isEmpty() && !route.getKey().equals(path))
                {
                    polled.put(route.getKey(), answers);
                }
            });
        }
    }

    @Override
    public boolean isRestBody(final byte[] message)
    {
        return message.length > LAST_UPDATE_ID.length &&
            java.util.Arrays.equals(message, 0, LAST_UPDATE_ID.length, LAST_UPDATE_ID, 0, LAST_UPDATE_ID.length);
    }

    @Override
    public void seed(final RecordedTimeline timeline)
    {
        for (final RecordedTimeline.RestResponse response : timeline.restResponses())
        {
            String symbol = response.symbol();
            if (symbol == null && response.url() != null)
            {
                symbol = parameter(response.url().contains("?") ?
                    response.url().substring(response.url().indexOf('?') + 1) : "", "symbol");
            }
            if (symbol == null || books.containsKey(symbol.toUpperCase(Locale.ROOT)))
            {
                continue;
            }
            final JsonNode body = parse(response.body(), 0, response.body().length);
            if (body == null || !body.has("lastUpdateId"))
            {
                continue;
            }
            final Book book = new Book();
            book.lastUpdateId = body.get("lastUpdateId").asLong();
            book.eventTimeMs = body.path("E").asLong(0);
            book.transactionTimeMs = body.path("T").asLong(0);
            apply(book.bids, body.get("bids"));
            apply(book.asks, body.get("asks"));
            books.put(symbol.toUpperCase(Locale.ROOT), book);
        }
    }

    /**
     * A polled endpoint's recorded answer: the one recorded for the same query (parameters in any order), else the
     * first recorded for the same symbol; Binance's {@code -1121} for a symbol it has none for.
     */
    private static Answer polledAnswer(final List<JsonNode> answers, final String query)
    {
        final String symbol = parameter(query, "symbol");
        if (symbol == null || symbol.isEmpty())
        {
            return new Answer(400, "{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent, was " +
                "empty/null, or malformed.\"}");
        }
        final List<String> asked = sortedParameters(query);
        JsonNode sameSymbol = null;
        for (final JsonNode answer : answers)
        {
            final String recorded = answer.path("queryString").asText("");
            if (sortedParameters(recorded).equals(asked))
            {
                return new Answer(200, answer.path("data").toString());
            }
            if (sameSymbol == null && symbol.equals(parameter(recorded, "symbol")))
            {
                sameSymbol = answer;
            }
        }
        return sameSymbol != null ? new Answer(200, sameSymbol.path("data").toString()) :
            new Answer(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    private static List<String> sortedParameters(final String query)
    {
        final List<String> parameters = new ArrayList<>(List.of(query.isEmpty() ? new String[0] : query.split("&")));
        parameters.sort(null);
        return parameters;
    }

    private static java.io.InputStream open(final java.nio.file.Path file) throws IOException
    {
        final java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file));
        in.mark(2);
        final int first = in.read();
        final int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new java.util.zip.GZIPInputStream(in) : in;
    }

    @Override
    public void onMessage(final byte[] data, final int offset, final int length)
    {
        if (!contains(data, offset, length, DEPTH_UPDATE))
        {
            return;
        }
        final JsonNode root = parse(data, offset, length);
        if (root == null)
        {
            return;
        }
        final JsonNode event = root.has("data") ? root.get("data") : root;
        if (!"depthUpdate".equals(event.path("e").asText()))
        {
            return;
        }
        final Book book = books.get(event.path("s").asText().toUpperCase(Locale.ROOT));
        final long u = event.path("u").asLong(-1);
        if (book == null || u <= book.lastUpdateId)
        {
            return;
        }
        apply(book.bids, event.get("b"));
        apply(book.asks, event.get("a"));
        book.lastUpdateId = u;
        book.eventTimeMs = event.path("E").asLong(book.eventTimeMs);
        book.transactionTimeMs = event.path("T").asLong(book.transactionTimeMs);
    }

    @Override
    public Answer answer(final String requestPath, final String query)
    {
        if (!path.equals(requestPath))
        {
            final List<JsonNode> answers = polled.get(requestPath);
            return answers != null ? polledAnswer(answers, query == null ? "" : query) :
                new Answer(404, "{\"code\":-1,\"msg\":\"no endpoint at " + requestPath + "\"}");
        }
        final String symbol = parameter(query == null ? "" : query, "symbol");
        if (symbol == null || symbol.isEmpty())
        {
            return new Answer(400, "{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent, was " +
                "empty/null, or malformed.\"}");
        }
        final Book book = books.get(symbol.toUpperCase(Locale.ROOT));
        if (book == null)
        {
            return new Answer(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        }
        final String limitText = parameter(query, "limit");
        int limit = 100;
        if (limitText != null)
        {
            try
            {
                limit = Integer.parseInt(limitText);
            }
            catch (final NumberFormatException ex)
            {
                limit = -1;
            }
            if (limit < 1 || limit > maxLimit)
            {
                return new Answer(400, "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'limit'; " +
                    "legal range is 1 to " + maxLimit + ".\"}");
            }
        }
        final StringBuilder body = new StringBuilder(64 + 48 * limit);
        body.append("{\"lastUpdateId\":").append(book.lastUpdateId);
        if (futures)
        {
            body.append(",\"E\":").append(book.eventTimeMs).append(",\"T\":").append(book.transactionTimeMs);
        }
        body.append(",\"bids\":");
        levels(body, book.bids, limit);
        body.append(",\"asks\":");
        levels(body, book.asks, limit);
        return new Answer(200, body.append('}').toString());
    }

    /**
     * @param symbol a venue symbol.
     * @return the id of the last update in the maintained book, or -1 when there is no book for it.
     */
    public long lastUpdateId(final String symbol)
    {
        final Book book = books.get(symbol.toUpperCase(Locale.ROOT));
        return book == null ? -1 : book.lastUpdateId;
    }

    private static void levels(final StringBuilder out, final TreeMap<BigDecimal, String[]> side, final int limit)
    {
        out.append('[');
        int n = 0;
        for (final String[] level : side.values())
        {
            if (n == limit)
            {
                break;
            }
            out.append(n++ == 0 ? "" : ",").append("[\"").append(level[0]).append("\",\"").append(level[1])
                .append("\"]");
        }
        out.append(']');
    }

    private static void apply(final TreeMap<BigDecimal, String[]> side, final JsonNode levels)
    {
        if (levels == null || !levels.isArray())
        {
            return;
        }
        for (final JsonNode level : levels)
        {
            final String price = level.path(0).asText();
            final String qty = level.path(1).asText();
            try
            {
                final BigDecimal key = new BigDecimal(price);
                if (new BigDecimal(qty).signum() == 0)
                {
                    side.remove(key);
                }
                else
                {
                    side.put(key, new String[]{ price, qty });
                }
            }
            catch (final NumberFormatException ignored)
            {
                // a recorded level that is not a number is not the simulator's to judge: the stream carries it as is
            }
        }
    }

    private static JsonNode parse(final byte[] data, final int offset, final int length)
    {
        try
        {
            return MAPPER.readTree(data, offset, length);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static String parameter(final String query, final String name)
    {
        for (final String parameter : query.split("&"))
        {
            if (parameter.startsWith(name + "="))
            {
                return parameter.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static boolean contains(final byte[] data, final int offset, final int length, final byte[] text)
    {
        final int end = offset + length - text.length;
        for (int i = offset; i <= end; i++)
        {
            int j = 0;
            while (j < text.length && data[i + j] == text[j])
            {
                j++;
            }
            if (j == text.length)
            {
                return true;
            }
        }
        return false;
    }

    private static final class Book
    {
        final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
        long lastUpdateId;
        long eventTimeMs;
        long transactionTimeMs;
    }
}
