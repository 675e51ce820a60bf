/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.journal.JournalReader;
import io.marketprism.journal.JournalWriter;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole topology with real components: Chronicle Queue on disk and an embedded Aeron media driver over IPC.
 */
final class MarketDataPipelineJournalPublishTest
{
    private static final String CHANNEL = "aeron:ipc";
    private static final int STREAM_ID = 1001;
    private static final int MESSAGES = 3000;
    private static final UnsafeBuffer BTC = new UnsafeBuffer("BTCUSDT".getBytes(StandardCharsets.US_ASCII));
    private static final UnsafeBuffer ETH = new UnsafeBuffer("ETHUSDT".getBytes(StandardCharsets.US_ASCII));


    @TempDir
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = { "dedicated", "per-stage", "shared" })
    void shouldJournalAndPublishEveryCommittedMessage(final String stageThreads) throws Exception
    {
        final Path journalDir = tempDir.resolve("journal");
        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .ringSize(256)
            .logCapacityBytes(1024 * 1024)
            .threadingProfile("dev")
            .stageThreads(stageThreads)
            .journalEnabled(true)
            .journalDir(journalDir)
            .journalBlockSizeBytes(4L * 1024 * 1024)
            .publishEnabled(true)
            .publishChannel(CHANNEL)
            .publishStreamId(STREAM_ID);
        final VenueRules rules = new VenueRules().register(Venue.BINANCE_SPOT,
            (id, venue, venueSymbol) -> InstrumentDefinition.of(
                id, venue, venueSymbol, venueSymbol.replace("USDT", "-USDT"), "", "USDT", InstrumentKind.SPOT),
            null);
        final EngineCounters counters = new EngineCounters();
        final List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        final int expectedMessages = MESSAGES + 2;
        final String aeronDirectory;

        final MarketDataPipeline pipeline = MarketDataPipeline.start(context, rules, counters);
        final AtomicBoolean running = new AtomicBoolean(true);
        Thread poller = null;
        try
        {
            aeronDirectory = pipeline.aeron().aeronDirectoryName();
            assertTrue(new File(aeronDirectory).isDirectory(), aeronDirectory);
            final Subscription subscription = pipeline.aeron().aeron().addSubscription(CHANNEL, STREAM_ID);
            awaitCondition(() -> subscription.isConnected() && pipeline.publication().isConnected(), "connected");

            poller = new Thread(() ->
            {
                final IdleStrategy idle = ThreadingProfile.DEV.newIdleStrategy();
                final FragmentAssembler assembler = new FragmentAssembler(
                    (buffer, offset, length, header) -> received.add(copy(buffer, offset, length)));
                while (running.get())
                {
                    idle.idle(subscription.poll(assembler, 64));
                }
            }, "test-subscriber");
            poller.start();

            final RingProducer producer = pipeline.producer();
            for (long sequence = 0; sequence < MESSAGES; sequence++)
            {
                producer.frameReceived(System.nanoTime());
                if (isTrade(sequence))
                {
                    final int offset = producer.claim(64);
                    final int length = encodeTrade(producer.buffer(), offset, sequence);
                    final UnsafeBuffer symbol = sequence % 20 == 3 ? BTC : ETH;
                    producer.commit(length, symbol, 0, symbol.capacity());
                }
                else
                {
                    final int length = PatternMessages.lengthOf(sequence, 16_000, 60_000);
                    PatternMessages.encode(producer.buffer(), producer.claim(length), sequence, length);
                    producer.commit(length, null, 0, 0);
                }
            }

            assertTrue(pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30)), "drained");
            awaitCondition(() -> received.size() >= expectedMessages, "received " + expectedMessages);
            assertEquals(expectedMessages, counters.journaled.get());
            assertEquals(expectedMessages, counters.published.get());
            assertEquals(0, counters.publishDropped.get());
            assertEquals(0, counters.publishNotConnected.get());
            assertEquals(0, counters.errors.get());
            assertEquals(2, counters.instruments.get());
            // idle now: the journal stage touches the pages its next appends will write
            awaitCondition(() -> counters.journalPagesPretouched.get() >= JournalWriter.PRETOUCH_AHEAD_BYTES / 4096,
                "the journal stage touched a mebibyte ahead while idle");
        }
        finally
        {
            running.set(false);
            if (poller != null)
            {
                poller.join(TimeUnit.SECONDS.toMillis(10));
            }
            pipeline.close();
        }
        pipeline.close();
        assertFalse(new File(aeronDirectory).exists(), "the embedded driver's directory is removed on close");

        assertEquals(expectedMessages, received.size());
        assertStream(received);

        final List<byte[]> journaled = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journalDir))
        {
            int delivered;
            do
            {
                delivered = reader.poll((buffer, offset, length, index) ->
                    journaled.add(copy(buffer, offset, length)), 16);
            }
            while (delivered > 0);
        }
        assertEquals(expectedMessages, journaled.size());
        for (int i = 0; i < expectedMessages; i++)
        {
            assertArrayEquals(received.get(i), journaled.get(i), "message " + i + " journaled as published");
        }
    }

    /**
     * What normalize makes of the input: an instrument definition in front of the first trade of each symbol, trades
     * carrying the engine's id, status messages unchanged.
     */
    private static void assertStream(final List<byte[]> messages)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        int index = 0;
        for (long sequence = 0; sequence < MESSAGES; sequence++)
        {
            final UnsafeBuffer message = new UnsafeBuffer(messages.get(index++));
            header.wrap(message, 0);
            if (sequence == 3 || sequence == 13)
            {
                assertEquals(InstrumentDecoder.TEMPLATE_ID, header.templateId(), "definition before " + sequence);
                final InstrumentDecoder instrument = new InstrumentDecoder().wrap(
                    message, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                assertEquals(sequence == 3 ? 1 : 2, instrument.instrumentId());
                assertEquals(InstrumentKind.SPOT, instrument.kind());
                assertEquals(sequence == 3 ? "BTC-USDT" : "ETH-USDT", instrument.symbol());
                assertEquals(sequence == 3 ? "BTCUSDT" : "ETHUSDT", instrument.venueSymbol());
                message.wrap(messages.get(index++));
                header.wrap(message, 0);
            }
            if (isTrade(sequence))
            {
                assertEquals(TradeDecoder.TEMPLATE_ID, header.templateId(), "trade " + sequence);
                final TradeDecoder trade = new TradeDecoder().wrap(
                    message, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                assertEquals(sequence, trade.tradeId());
                assertEquals(sequence % 20 == 3 ? 1 : 2, trade.instrumentId());
                assertEquals(sequence, trade.price().mantissa());
            }
            else
            {
                assertEquals(StatusDecoder.TEMPLATE_ID, header.templateId(), "status " + sequence);
                assertNull(PatternMessages.check(message, 0, message.capacity(), sequence,
                    PatternMessages.lengthOf(sequence, 16_000, 60_000)));
            }
        }
        assertEquals(messages.size(), index);
    }

    private static boolean isTrade(final long sequence)
    {
        return sequence % 10 == 3;
    }

    private static int encodeTrade(final MutableDirectBuffer buffer, final int offset, final long sequence)
    {
        final TradeEncoder trade = new TradeEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(0)
            .venue(Venue.BINANCE_SPOT)
            .side(Side.BUY)
            .exchTsNs(1_700_000_000_000_000_000L + sequence)
            .recvTsNs(1_700_000_000_000_000_100L + sequence)
            .tradeId(sequence);
        trade.price().mantissa(sequence).exponent((byte)-2);
        trade.qty().mantissa(1).exponent((byte)0);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static void awaitCondition(final BooleanSupplier condition, final String what)
    {
        final IdleStrategy idle = ThreadingProfile.DEV.newIdleStrategy();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting until " + what);
            idle.idle();
        }
    }
}
