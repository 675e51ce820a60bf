/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code decode --instruments} with the metadata each recorded session fetched (Deribit {@code get_instruments},
 * Kraken {@code AssetPairs}, Kraken Futures {@code instruments}, Coinbase {@code products}): the instrument lines
 * carry the venue's sizes, expiry and strike, and every instrument keeps the canonical symbol the venue's name
 * conventions give it without metadata, so books and symbols do not change when metadata is added.
 */
final class InstrumentMetadataDecodeTest
{
    @Test
    void shouldTakeDeribitInstrumentsFromGetInstruments(@TempDir final Path tmp)
    {
        final Decoded decoded = decodeWithAndWithout(tmp, "deribit", "cryptofeed/DERIBIT.ws.1.0",
            "cryptofeed/DERIBIT.0.gz");
        assertEquals(10, decoded.instruments.size(), "ten options in the session");

        final JsonNode put = decoded.instruments.get("BTC-24SEP21-8000-P");
        assertEquals("BTC-USD-20210924-8000-P", put.get("symbol").asText());
        assertEquals("USD", put.get("quote").asText(), "quote_currency BTC, struck in USD: " + put);
        assertEquals("option", put.get("kind").asText());
        assertEquals("0.0005", put.get("tickSize").asText(), "tick_size 0.0005: " + put);
        assertEquals("0.1", put.get("lotSize").asText(), "min_trade_amount 0.1: " + put);
        assertEquals("1", put.get("contractSize").asText(), "contract_size 1.0: " + put);
        assertEquals(1632470400_000_000_000L, put.get("expiryTs").asLong(), "expiration_timestamp: " + put);
        assertEquals("8000", put.get("strike").asText(), "strike 8000.0: " + put);
        assertEquals("put", put.get("optionType").asText());

        final JsonNode call = decoded.instruments.get("ETH-23JUL21-2300-C");
        assertEquals("ETH-USD-20210723-2300-C", call.get("symbol").asText());
        assertEquals("1", call.get("lotSize").asText(), "min_trade_amount 1: " + call);
        assertEquals("call", call.get("optionType").asText());
        assertEquals("300000", decoded.instruments.get("BTC-31DEC21-300000-C").get("strike").asText());
    }

    @Test
    void shouldTakeKrakenPairsFromAssetPairs(@TempDir final Path tmp)
    {
        final Decoded decoded = decodeWithAndWithout(tmp, "kraken", "cryptofeed/KRAKEN.ws.50.0",
            "cryptofeed/KRAKEN.0.gz");
        assertTrue(decoded.withMetadata.stderr.contains("checksums verified 4269, checksum mismatches 0"),
            decoded.withMetadata::toString);
        assertEquals(10, decoded.instruments.size(), "ten pairs in the session");

        final JsonNode chf = decoded.instruments.get("XBT/CHF");
        assertEquals("BTC-CHF", chf.get("symbol").asText());
        assertEquals("spot", chf.get("kind").asText());
        assertEquals("0.1", chf.get("tickSize").asText(), "pair_decimals 1 (the book sends 5 decimals): " + chf);
        assertEquals("0.00000001", chf.get("lotSize").asText(), "lot_decimals 8: " + chf);
        assertFalse(chf.has("contractSize"), chf::toString);
        assertEquals("0.00000001", decoded.instruments.get("ADA/XBT").get("tickSize").asText(), "pair_decimals 8");
    }

    @Test
    void shouldTakeKrakenFuturesContractsFromInstruments(@TempDir final Path tmp)
    {
        final Decoded decoded = decodeWithAndWithout(tmp, "kraken-futures", "cryptofeed/KRAKEN_FUTURES.ws.1.0.gz",
            "cryptofeed/KRAKEN_FUTURES.0.gz");
        assertEquals(10, decoded.instruments.size(), "ten products in the session");

        final JsonNode future = decoded.instruments.get("FI_XBTUSD_210924");
        assertEquals("BTC-USD-20210924", future.get("symbol").asText());
        assertEquals("future", future.get("kind").asText());
        assertEquals("0.5", future.get("tickSize").asText(), "tickSize 0.5: " + future);
        assertEquals("1", future.get("contractSize").asText(), "contractSize 1: " + future);
        assertEquals(1632495600_000_000_000L, future.get("expiryTs").asLong(), "lastTradingTime 15:00Z: " + future);
        final JsonNode perpetual = decoded.instruments.get("PI_XRPUSD");
        assertEquals("XRP-USD-PERP", perpetual.get("symbol").asText());
        assertEquals("0.0001", perpetual.get("tickSize").asText(), "tickSize 0.0001: " + perpetual);
        assertFalse(perpetual.has("expiryTs"), perpetual::toString);
    }

    @Test
    void shouldTakeCoinbaseProductsFromProducts(@TempDir final Path tmp)
    {
        final Decoded decoded = decodeWithAndWithout(tmp, "coinbase", "cryptofeed/COINBASE.ws.28.0.gz",
            "cryptofeed/COINBASE.0.gz");
        assertEquals(10, decoded.instruments.size(), "ten products in the session");

        final JsonNode skl = decoded.instruments.get("SKL-USD");
        assertEquals("SKL-USD", skl.get("symbol").asText());
        assertEquals("0.0001", skl.get("tickSize").asText(), "quote_increment 0.0001: " + skl);
        assertEquals("0.1", skl.get("lotSize").asText(), "base_increment 0.1: " + skl);
        assertEquals("0.00000001", decoded.instruments.get("DASH-BTC").get("tickSize").asText());
        assertEquals("0.001", decoded.instruments.get("DASH-BTC").get("lotSize").asText());
    }

    /**
     * Decodes the session with the metadata and without it; checks the JSON lines contract, that every instrument
     * line has a tick size, that both runs give every venue symbol the same canonical symbol and print the same
     * number of lines of each type.
     */
    private static Decoded decodeWithAndWithout(
        final Path tmp, final String venue, final String session, final String metadata)
    {
        final Path withOutput = tmp.resolve("with.jsonl");
        final Cli with = Cli.run("decode", "--venue", venue, "--format", "cryptofeed",
            "--input", TestRecordings.file(session).toString(),
            "--instruments", TestRecordings.file(metadata).toString(), "--output", withOutput.toString());
        assertEquals(0, with.exitCode, with::toString);
        final Path withoutOutput = tmp.resolve("without.jsonl");
        final Cli without = Cli.run("decode", "--venue", venue, "--format", "cryptofeed",
            "--input", TestRecordings.file(session).toString(), "--output", withoutOutput.toString());
        assertEquals(0, without.exitCode, without::toString);

        final List<JsonNode> lines = Cli.jsonLines(withOutput);
        final List<JsonNode> plain = Cli.jsonLines(withoutOutput);
        assertEquals(List.of(), JsonLinesContract.violations(lines), "JSON lines break JSONL.md");
        assertEquals(types(plain), types(lines), "metadata changes no line but the instrument lines");

        final Map<String, JsonNode> instruments = instruments(lines);
        final Map<String, String> symbols = new TreeMap<>();
        instruments.forEach((venueSymbol, line) -> symbols.put(venueSymbol, line.get("symbol").asText()));
        final Map<String, String> plainSymbols = new TreeMap<>();
        instruments(plain).forEach((venueSymbol, line) -> plainSymbols.put(venueSymbol, line.get("symbol").asText()));
        assertEquals(plainSymbols, symbols, "the names alone give the same canonical symbols");

        final List<String> withoutTick = new ArrayList<>();
        instruments.values().stream().filter(line -> !line.has("tickSize"))
            .forEach(line -> withoutTick.add(line.toString()));
        assertEquals(List.of(), withoutTick, "instrument lines without a tick size");
        instruments(plain).values().forEach(line -> assertFalse(line.has("tickSize"), "no metadata: " + line));
        return new Decoded(with, instruments);
    }

    private static Map<String, JsonNode> instruments(final List<JsonNode> lines)
    {
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

    private static Map<String, Integer> types(final List<JsonNode> lines)
    {
        final Map<String, Integer> types = new TreeMap<>();
        lines.forEach(line -> types.merge(line.get("type").asText(), 1, Integer::sum));
        return types;
    }

    /**
     * A decode run with metadata: what it printed on stderr and its instrument lines by venue symbol.
     */
    private static final class Decoded
    {
        final Cli withMetadata;
        final Map<String, JsonNode> instruments;

        Decoded(final Cli withMetadata, final Map<String, JsonNode> instruments)
        {
            this.withMetadata = withMetadata;
            this.instruments = instruments;
        }
    }
}
