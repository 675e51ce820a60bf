/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binance's polled REST data and liquidations through the command a user runs: a cryptofeed-format session built
 * from gocryptotrader's recorded REST responses (each under the URL it answered, the body made one line), nautilus's
 * {@code forceOrder} sample as a received message, and a real depth snapshot of the cryptofeed USD-M session.
 * {@code decode} attributes each REST body to the endpoint of its URL: premium index, open interest (present and
 * history), two ratio endpoints, while the message between them and the depth snapshot decode as before.
 */
final class BinanceRestDecodeAcceptanceTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FAPI = "https://fapi.binance.com";

    @Test
    void shouldDecodeRecordedRestResponsesByTheirUrlBetweenStreamMessages(@TempDir final Path tmp) throws IOException
    {
        final JsonNode routes = MAPPER.readTree(new GZIPInputStream(Files.newInputStream(
            TestRecordings.file("gocryptotrader/binance-http.json.gz")))).path("routes");
        final String forceOrder = MAPPER.readTree(
            TestRecordings.file("nautilus/binance/liquidation_stream.json").toFile()).toString();
        final String depth = firstLine("cryptofeed/BINANCE_FUTURES.http.0.0.gz");

        final List<String> capture = new ArrayList<>();
        capture.add(rest(routes, "/fapi/v1/premiumIndex", "symbol=BTCUSDT", "1700000000.1"));
        capture.add("1700000000.2: " + forceOrder);
        capture.add(rest(routes, "/fapi/v1/openInterest", "symbol=BTCUSDT", "1700000000.3"));
        capture.add(rest(routes, "/futures/data/openInterestHist", "limit=1&period=5m&symbol=BTCUSDT",
            "1700000000.4"));
        capture.add(rest(routes, "/futures/data/globalLongShortAccountRatio", "limit=3&period=5m&symbol=BTCUSDT",
            "1700000000.5"));
        capture.add(rest(routes, "/futures/data/takerlongshortRatio",
            "endTime=1580515200000&limit=10&period=5m&startTime=1577836800000&symbol=BTCUSDT", "1700000000.6"));
        capture.add(depth.replaceFirst(" -> [0-9.]+: ", " -> 1700000000.7: "));
        capture.add(FAPI + "/fapi/v1/ticker/bookTicker?symbol=BTCUSDT -> 1700000000.8: " +
            "{\"symbol\":\"BTCUSDT\",\"bidPrice\":\"4.00000000\",\"bidQty\":\"431.00000000\"," +
            "\"askPrice\":\"4.00000200\",\"askQty\":\"9.00000000\",\"time\":1589437530011}");
        final Path session = tmp.resolve("BINANCE_FUTURES.ws.9.0");
        Files.write(session, capture);

        final Path output = tmp.resolve("decoded.jsonl");
        final Cli cli = Cli.run("decode", "--venue", "binance-usdm", "--format", "cryptofeed", "--input",
            session.toString(), "--output", output.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        final List<JsonNode> lines = Cli.jsonLines(output);
        assertEquals(List.of(), JsonLinesContract.violations(lines), "JSON lines break JSONL.md");

        // the data lines, and malformed statuses (not the instrument and book-state events normalize adds)
        final Iterator<JsonNode> data = lines.stream().filter(line -> switch (line.path("type").asText())
        {
            case "instrument" -> false;
            case "status" -> "malformed".equals(line.path("event").asText());
            default -> true;
        }).iterator();
        final JsonNode funding = data.next();
        assertFields(funding, Map.of("type", "funding", "venueSymbol", "BTCUSDT",
            "markPrice", "26780.82240476", "indexPrice", "26798.25197802", "fundingRate", "0.00001226"));
        assertEquals(1687248000000_000000L, funding.path("nextFundingTs").asLong(), "nextFundingTime");
        assertEquals(1687244112000_000000L, funding.path("exchTs").asLong(), "time");
        assertEquals(1700000000_100000000L, funding.path("recvTs").asLong(), "the capture's time");

        assertFields(data.next(), Map.of("type", "liquidation", "venueSymbol", "BTCUSDT", "side", "sell",
            "price", "9910.12345678", "qty", "0.014"));

        final JsonNode openInterest = data.next();
        assertFields(openInterest, Map.of("type", "open_interest", "venueSymbol", "BTCUSDT",
            "openInterest", "83782.317"));
        assertTrue(openInterest.path("openInterestValue").isMissingNode(), "the present open interest has no value");
        assertFields(data.next(), Map.of("type", "open_interest", "openInterest", "36316.877",
            "openInterestValue", "413220015.26744573"));

        final List<JsonNode> global = List.of(data.next(), data.next(), data.next());
        assertFields(global.get(0), Map.of("type", "ratio", "kind", "global_accounts", "venueSymbol", "BTCUSDT",
            "longShortRatio", "1.3804", "longAccount", "0.5799", "shortAccount", "0.4201"));
        assertEquals(1602989400000_000000L, global.get(0).path("exchTs").asLong(), "timestamp");
        for (int i = 0; i < 10; i++)
        {
            final JsonNode taker = data.next();
            assertFields(taker, Map.of("type", "ratio", "kind", "taker_buy_sell_volume", "venueSymbol", "BTCUSDT"));
            if (i == 0)
            {
                assertFields(taker, Map.of("longShortRatio", "1.2946", "longAccount", "280.863",
                    "shortAccount", "216.95"));
            }
        }

        final JsonNode book = data.next();
        assertFields(book, Map.of("type", "book", "snapshot", "true"));
        assertEquals(MAPPER.readTree(depth.substring(depth.indexOf(": ") + 2)).path("lastUpdateId").asLong(),
            book.path("seq").asLong(), "the depth snapshot's lastUpdateId: decoded as a snapshot, not a REST poll");

        final JsonNode unknown = data.next();
        assertFields(unknown, Map.of("type", "status", "event", "malformed"));
        assertTrue(unknown.path("reason").asText().startsWith("unknown_event_type"),
            "a REST body of an endpoint nobody decodes: " + unknown);
        assertTrue(!data.hasNext(), "nothing else");
    }

    private static String rest(final JsonNode routes, final String route, final String query, final String time)
    {
        for (final JsonNode entry : routes.path(route).path("GET"))
        {
            if (entry.path("queryString").asText().equals(query))
            {
                return FAPI + route + "?" + query + " -> " + time + ": " + entry.path("data");
            }
        }
        throw new IllegalArgumentException("no recorded response of " + route + "?" + query);
    }

    private static String firstLine(final String recording) throws IOException
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(TestRecordings.file(recording))), StandardCharsets.UTF_8)))
        {
            return reader.lines().filter(line -> line.startsWith("https://")).findFirst().orElseThrow();
        }
    }

    private static void assertFields(final JsonNode line, final Map<String, String> fields)
    {
        for (final Map.Entry<String, String> field : fields.entrySet())
        {
            final String expected = field.getValue();
            final String actual = line.path(field.getKey()).asText();
            if (expected.matches("-?[0-9]+(\\.[0-9]+)?"))
            {
                // JSONL.md: decimals are exact, trailing zeros may be trimmed
                assertTrue(actual.matches("-?[0-9]+(\\.[0-9]+)?") &&
                    new BigDecimal(expected).compareTo(new BigDecimal(actual)) == 0,
                    field.getKey() + " of " + line + ": expected " + expected);
            }
            else
            {
                assertEquals(expected, actual, field.getKey() + " of " + line);
            }
        }
    }
}
