/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.journal.JournalFormat;
import io.marketprism.journal.JournalReader;
import io.marketprism.journal.JournalWriter;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.InstrumentEncoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal whose cycle files no longer hold its instrument definitions (retention deleted the cycle the engine
 * journaled them in at start) still replays named, from the copy of the definitions beside the cycle files: the same
 * lines as the whole journal gives, and {@code --symbol} still finds the instrument.
 */
final class ReplayRetainedJournalTest
{
    private static final String SPOT = "hftbacktest/spot/btcusdt_20240808.gz";

    @Test
    void shouldNameTheMessagesOfAJournalWhoseDefinitionsWereDeletedWithTheirCycle(@TempDir final Path tmp)
        throws Exception
    {
        final Path whole = wholeJournal(tmp);
        final Path retained = retainedJournal(whole, tmp.resolve("retained"));
        assertFalse(Files.exists(retained.resolve(JournalWriter.DEFINITIONS_FILE)));

        final String expected = Cli.run("replay", "--journal", whole.toString(), "--quiet", "--type",
            "trade,book,bbo,status").stdout;
        assertTrue(expected.lines().count() > 10_000, "lines: " + expected.lines().count());

        // without the copy the lines cannot be named: this is what the copy is for
        final String unnamed = Cli.run("replay", "--journal", retained.toString(), "--quiet").stdout;
        assertEquals(expected.lines().count(), unnamed.lines().count());
        assertFalse(unnamed.lines().findFirst().orElseThrow().contains("\"symbol\":"), unnamed.lines().findFirst()
            .orElseThrow());

        Files.copy(whole.resolve(JournalWriter.DEFINITIONS_FILE), retained.resolve(JournalWriter.DEFINITIONS_FILE));
        final Cli named = Cli.run("replay", "--journal", retained.toString(), "--quiet");
        assertEquals(0, named.exitCode, named.stderr);
        assertEquals(expected, named.stdout, "the same lines as the whole journal, named");
        final Cli bySymbol = Cli.run("replay", "--journal", retained.toString(), "--quiet", "--symbol", "BTC-USDT",
            "--type", "trade");
        assertEquals(0, bySymbol.exitCode, bySymbol.stderr);
        final List<String> trades = bySymbol.stdout.lines().toList();
        assertEquals(expected.lines().filter((line) -> line.startsWith("{\"type\":\"trade\"")).toList(), trades);
        assertFalse(trades.isEmpty());

        // engines restarted on the same journal may give the id to other instruments before and after: the
        // definition in force at the first message names it, not the last one in the file
        final byte[] btc = Files.readAllBytes(whole.resolve(JournalWriter.DEFINITIONS_FILE));
        final long definedAt = JournalFormat.recvTsNs(new UnsafeBuffer(btc), Integer.BYTES);
        final byte[] before = renamed(btc, definedAt - 10_000_000_000L);
        final byte[] after = renamed(btc, definedAt + 3_600_000_000_000L);
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(before);
        file.write(btc);
        file.write(after);
        Files.write(retained.resolve(JournalWriter.DEFINITIONS_FILE), file.toByteArray());
        assertEquals(expected, Cli.run("replay", "--journal", retained.toString(), "--quiet").stdout);

        Files.write(retained.resolve(JournalWriter.DEFINITIONS_FILE), before);
        final String older = Cli.run("replay", "--journal", retained.toString(), "--quiet").stdout;
        assertTrue(older.lines().findFirst().orElseThrow().contains("\"symbol\":\"ETH-USDT\""), "the one in force");
    }

    /**
     * A journal of the spot recording written by {@code decode}, with the copy of its one definition beside it.
     */
    static Path wholeJournal(final Path tmp)
    {
        final Path whole = tmp.resolve("whole");
        final Cli decode = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest",
            "--input", TestRecordings.file(SPOT).toString(), "--journal", whole.toString(), "--output",
            tmp.resolve("decoded.jsonl").toString());
        assertEquals(0, decode.exitCode, decode.stderr);
        assertTrue(Files.exists(whole.resolve(JournalWriter.DEFINITIONS_FILE)), "definitions copied beside it");
        return whole;
    }

    /**
     * What retention leaves of a journal whose definitions were in its first cycle: every normalized message but
     * the definitions, without the copy beside it.
     */
    static Path retainedJournal(final Path whole, final Path retained)
    {
        long definitions = 0;
        try (JournalReader reader = new JournalReader(whole);
            JournalWriter writer = new JournalWriter(retained, "FAST_HOURLY", 64L * 1024 * 1024))
        {
            while (reader.next())
            {
                final int offset = reader.recordOffset();
                final int length = reader.recordLength();
                if (JournalFormat.kind(reader.recordBuffer(), offset, length) != JournalFormat.NORMALIZED)
                {
                    continue;
                }
                if (JournalFormat.templateId(reader.recordBuffer(), offset) == InstrumentDecoder.TEMPLATE_ID)
                {
                    definitions++;
                    continue;
                }
                assertEquals(JournalWriter.APPENDED, writer.append(reader.recordBuffer(), offset, length));
            }
        }
        assertEquals(1, definitions, "the recording's one instrument");
        return retained;
    }

    /**
     * The definition record (length first) for the same id, received at another time, as ETH-USDT.
     */
    private static byte[] renamed(final byte[] record, final long recvTsNs)
    {
        final String text = new String(record, StandardCharsets.ISO_8859_1).replace("BTC-USDT", "ETH-USDT")
            .replace("BTCUSDT", "ETHUSDT");
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        new InstrumentEncoder().wrap(new UnsafeBuffer(bytes), Integer.BYTES + MessageHeaderEncoder.ENCODED_LENGTH)
            .recvTsNs(recvTsNs);
        return bytes;
    }
}
