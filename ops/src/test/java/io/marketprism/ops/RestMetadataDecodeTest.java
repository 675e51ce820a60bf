/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code decode --instruments} with the newer metadata responses: Bybit v5 {@code instruments-info} and Coinbase
 * Advanced Trade's products list. Neither is recorded: each file here holds one response written for this test in
 * the documented shape, trimmed, in cryptofeed's capture format ({@code <url> -> <time>: <body>}), for instruments of
 * the bundled sessions.
 */
final class RestMetadataDecodeTest
{
    @Test
    void shouldTakeTheBybitArchiveInstrumentFromInstrumentsInfo(@TempDir final Path tmp) throws IOException
    {
        final Path metadata = tmp.resolve("BYBIT.0");
        Files.writeString(metadata, "https://api.bybit.com/v5/market/instruments-info?category=linear -> " +
            "1700000000.5: {\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":[" +
            "{\"symbol\":\"XRPUSDT\",\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\"," +
            "\"baseCoin\":\"XRP\",\"quoteCoin\":\"USDT\",\"deliveryTime\":\"0\",\"priceScale\":\"4\"," +
            "\"priceFilter\":{\"minPrice\":\"0.0001\",\"maxPrice\":\"199.9998\",\"tickSize\":\"0.0001\"}," +
            "\"lotSizeFilter\":{\"maxOrderQty\":\"1000000\",\"minOrderQty\":\"1\",\"qtyStep\":\"1\"}," +
            "\"settleCoin\":\"USDT\"}],\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":1700000000500}\n");
        final Map<String, JsonNode> instruments = decode(tmp, "bybit", "lines",
            "nautilus/bybit/xrpusdt-ob500.data.zip", metadata);
        final JsonNode xrp = instruments.get("linear:XRPUSDT");
        assertEquals("XRP-USDT-PERP", xrp.get("symbol").asText(), xrp::toString);
        assertEquals("perpetual", xrp.get("kind").asText());
        assertEquals("0.0001", xrp.get("tickSize").asText(), "priceFilter.tickSize: " + xrp);
        assertEquals("1", xrp.get("lotSize").asText(), "lotSizeFilter.qtyStep: " + xrp);
        assertFalse(xrp.has("expiryTs"), xrp::toString);
    }

    @Test
    void shouldTakeCoinbaseProductsFromTheAdvancedTradeList(@TempDir final Path tmp) throws IOException
    {
        final Path metadata = tmp.resolve("COINBASE.0");
        Files.writeString(metadata, "https://api.coinbase.com/api/v3/brokerage/market/products -> 1618677785.5: " +
            "{\"products\":[" + spot("SKL-USD", "SKL", "USD", "0.1", "0.0001") + "," +
            spot("DASH-BTC", "DASH", "BTC", "0.001", "0.00000001") + "],\"num_products\":2}\n");
        final Map<String, JsonNode> instruments = decode(tmp, "coinbase", "cryptofeed",
            "cryptofeed/COINBASE.ws.28.0.gz", metadata);
        final JsonNode skl = instruments.get("SKL-USD");
        assertEquals("SKL-USD", skl.get("symbol").asText());
        assertEquals("spot", skl.get("kind").asText());
        assertEquals("0.0001", skl.get("tickSize").asText(), "price_increment 0.0001: " + skl);
        assertEquals("0.1", skl.get("lotSize").asText(), "base_increment 0.1: " + skl);
        assertEquals("0.00000001", instruments.get("DASH-BTC").get("tickSize").asText());
        assertFalse(instruments.get("SKL-BTC").has("tickSize"), "a product the list lacks: no sizes");
    }

    private static String spot(
        final String id, final String base, final String quote, final String baseIncrement, final String increment)
    {
        return "{\"product_id\":\"" + id + "\",\"base_increment\":\"" + baseIncrement + "\",\"quote_increment\":\"" +
            increment + "\",\"product_type\":\"SPOT\",\"base_currency_id\":\"" + base + "\"," +
            "\"quote_currency_id\":\"" + quote + "\",\"price_increment\":\"" + increment + "\"," +
            "\"future_product_details\":null}";
    }

    /**
     * @return the instrument lines of the run by venue symbol, after checking the run and the JSON lines contract.
     */
    private static Map<String, JsonNode> decode(
        final Path tmp, final String venue, final String format, final String session, final Path metadata)
    {
        final Path output = tmp.resolve("decoded.jsonl");
        final Cli cli = Cli.run("decode", "--venue", venue, "--format", format,
            "--input", TestRecordings.file(session).toString(), "--instruments", metadata.toString(),
            "--output", output.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        final List<JsonNode> lines = Cli.jsonLines(output);
        assertEquals(List.of(), JsonLinesContract.violations(lines), "JSON lines break JSONL.md");
        final Map<String, JsonNode> instruments = new TreeMap<>();
        for (final JsonNode line : lines)
        {
            if ("instrument".equals(line.get("type").asText()))
            {
                instruments.put(line.get("venueSymbol").asText(), line);
            }
        }
        return instruments;
    }
}
