/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class CryptofeedReaderTest
{
    private static final Pattern RECEIVED = Pattern.compile("^(\\d+(?:\\.\\d+)?): (.*)$");
    private static final Pattern REST = Pattern.compile("^(https://\\S+) -> (\\d+(?:\\.\\d+)?): (.*)$");

    @TempDir
    Path tempDir;

    @Test
    void shouldReadReceivedMessagesWithExactNanosecondTimes() throws IOException
    {
        final Path file = CaptureFiles.recording("cryptofeed/BINANCE.ws.1.0.gz");
        final List<String> lines = CaptureFiles.gunzipLines(file);

        final CryptofeedReader reader = new CryptofeedReader(file, 2, Captures.MAX_LINE_LENGTH);
        final List<CaptureFiles.Read> frames = CaptureFiles.readAll(reader);

        int expected = 0;
        for (final String line : lines)
        {
            final Matcher received = RECEIVED.matcher(line);
            if (!received.matches())
            {
                continue;
            }
            final CaptureFiles.Read frame = frames.get(expected++);
            assertEquals(nanos(received.group(1)), frame.recvTsNs(), line);
            assertEquals(received.group(2), frame.text());
            assertEquals(CaptureFrame.MESSAGE, frame.kind());
            assertEquals(2, frame.source());
            assertNull(frame.contextSymbol());
        }
        assertEquals(expected, frames.size());
        assertEquals(265, frames.size());
        assertEquals(2, reader.skippedLines(), "the connect line and the blank last line");
        assertEquals(1633998512063356900L, frames.get(0).recvTsNs());
        assertTrue(frames.get(0).text().startsWith("{\"stream\":\"nknusdt@depth@100ms\""));
    }

    @Test
    void shouldReadRestResponsesWithTheSymbolOfTheirUrl() throws IOException
    {
        for (final String name : new String[]{
            "cryptofeed/BINANCE.http.0.0.gz", "cryptofeed/BINANCE_FUTURES.http.0.0.gz",
            "cryptofeed/BINANCE_DELIVERY.http.0.0.gz" })
        {
            final Path file = CaptureFiles.recording(name);
            final List<String> lines = CaptureFiles.gunzipLines(file);
            final List<CaptureFiles.Read> frames =
                CaptureFiles.readAll(new CryptofeedReader(file, 0, Captures.MAX_LINE_LENGTH));

            int expected = 0;
            for (final String line : lines)
            {
                final Matcher rest = REST.matcher(line);
                if (!rest.matches())
                {
                    continue;
                }
                final CaptureFiles.Read frame = frames.get(expected++);
                assertEquals(CaptureFrame.REST_RESPONSE, frame.kind(), line);
                assertEquals(nanos(rest.group(2)), frame.recvTsNs(), line);
                assertEquals(rest.group(3), frame.text());
                final String url = rest.group(1);
                final int symbolAt = url.indexOf("symbol=") + "symbol=".length();
                assertEquals(url.substring(symbolAt, url.indexOf('&', symbolAt)), frame.contextSymbol());
            }
            assertEquals(expected, frames.size(), name);
            assertTrue(expected >= 4, name);
        }
        try (CryptofeedReader reader = new CryptofeedReader(
            CaptureFiles.recording("cryptofeed/BINANCE_FUTURES.http.0.0.gz"), 0, Captures.MAX_LINE_LENGTH))
        {
            final List<String> urls = CaptureFiles.gunzipLines(
                CaptureFiles.recording("cryptofeed/BINANCE_FUTURES.http.0.0.gz")).stream()
                .map(REST::matcher).filter(Matcher::matches).map(rest -> rest.group(1)).toList();
            final CaptureFrame frame = new CaptureFrame();
            for (final String url : urls)
            {
                assertTrue(reader.next(frame));
                assertEquals(url, frame.contextUrl(), "the URL the response answers, query string included");
            }
            assertEquals(4, urls.size());
            assertTrue(urls.get(0).startsWith("https://fapi.binance.com/fapi/v1/depth?symbol="), urls.get(0));
        }
        try (CryptofeedReader reader = new CryptofeedReader(
            CaptureFiles.recording("cryptofeed/BINANCE.ws.1.0.gz"), 0, Captures.MAX_LINE_LENGTH))
        {
            final CaptureFrame frame = new CaptureFrame();
            assertTrue(reader.next(frame));
            assertEquals(CaptureFrame.MESSAGE, frame.kind());
            assertNull(frame.contextUrl(), "a received message answers no request");
        }
        final List<CaptureFiles.Read> spot = CaptureFiles.readAll(new CryptofeedReader(
            CaptureFiles.recording("cryptofeed/BINANCE.http.0.0.gz"), 0, Captures.MAX_LINE_LENGTH));
        assertEquals(List.of("NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR"),
            spot.stream().map(CaptureFiles.Read::contextSymbol).toList());
        assertEquals(1633998512320639000L, spot.get(0).recvTsNs());
    }

    @Test
    void shouldSkipConnectAndSentLinesAndConvertTimesExactly() throws IOException
    {
        final Path file = tempDir.resolve("BINANCE.ws.1.0");
        Files.write(file, String.join("\n",
            "wss://stream.binance.com:9443/stream?streams=btcusdt@trade <-> 1633998511.159679",
            "wss://stream.binance.com:9443/stream?streams=btcusdt@trade <- 1633998511.2: {\"method\":\"SUBSCRIBE\"," +
                "\"params\":[\"a -> b\"],\"id\":1}",
            "1633998512.0633569: {\"a\":1}",
            "1633998512: {\"b\":2}",
            "1.123456789123: {\"c\":3}",
            "1633998512.000000001: {\"d\":4}",
            "1633998512.5 {\"no colon\":0}",
            "1633998512.5:{\"no space\":0}",
            "12345678901234.5: {\"too many digits\":0}",
            "https://api.binance.com/api/v3/depth?limit=1000&symbol=btcusdt -> 1633998512.320639: {\"e\":5}",
            "https://api.binance.com/api/v3/exchangeInfo -> 1633998513.1: {\"f\":6}",
            "https://api.binance.com/api/v3/depth?symbol=ETHBTC&limit=10 <- 1633998513.2: {\"g\":7}",
            "",
            "1633998514.25: {\"h\":8}").getBytes(StandardCharsets.US_ASCII));

        final CryptofeedReader reader = new CryptofeedReader(file, 5, 1 << 20);
        final List<CaptureFiles.Read> frames = CaptureFiles.readAll(reader);

        assertEquals(List.of(
            new CaptureFiles.Read("{\"a\":1}", 1633998512063356900L, CaptureFrame.MESSAGE, 5, null),
            new CaptureFiles.Read("{\"b\":2}", 1633998512000000000L, CaptureFrame.MESSAGE, 5, null),
            new CaptureFiles.Read("{\"c\":3}", 1123456789L, CaptureFrame.MESSAGE, 5, null),
            new CaptureFiles.Read("{\"d\":4}", 1633998512000000001L, CaptureFrame.MESSAGE, 5, null),
            new CaptureFiles.Read("{\"e\":5}", 1633998512320639000L, CaptureFrame.REST_RESPONSE, 5, "BTCUSDT"),
            new CaptureFiles.Read("{\"f\":6}", 1633998513100000000L, CaptureFrame.REST_RESPONSE, 5, null),
            new CaptureFiles.Read("{\"h\":8}", 1633998514250000000L, CaptureFrame.MESSAGE, 5, null)), frames);
        assertEquals(7, reader.skippedLines());
    }

    @Test
    void shouldReadTheSymbolQueryParameter()
    {
        assertEquals("NKNUSDT", CryptofeedReader.symbolParameter("https://api.binance.com/api/v3/depth?symbol=NKNUSDT"));
        assertEquals("BTCUSD_PERP",
            CryptofeedReader.symbolParameter("https://dapi.binance.com/dapi/v1/depth?limit=5&symbol=btcusd_perp"));
        assertNull(CryptofeedReader.symbolParameter("https://api.binance.com/api/v3/depth"));
        assertNull(CryptofeedReader.symbolParameter("https://api.binance.com/api/v3/depth?symbol=&limit=5"));
        assertNull(CryptofeedReader.symbolParameter("https://api.binance.com/api/v3/depth?symbols=X"));
    }

    /**
     * @return decimal seconds as nanoseconds, digits beyond the ninth dropped.
     */
    private static long nanos(final String seconds)
    {
        return new BigDecimal(seconds).movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact();
    }
}
