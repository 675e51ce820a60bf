/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.feeds.net.CloseReason;
import io.marketprism.feeds.net.WebSocketClient;
import io.marketprism.feeds.net.WebSocketConnection;
import io.marketprism.feeds.net.WebSocketException;
import io.marketprism.feeds.net.WebSocketHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120)
class SimulateCommandTest
{
    private static final String SPOT = TestRecordings.file("cryptofeed/BINANCE.ws.1.0.gz").toString();

    @Test
    void shouldPrintItsUrlAndServeTheRecordingUntilStopped() throws Exception
    {
        final PipedInputStream stdoutIn = new PipedInputStream();
        final PipedOutputStream stdout = new PipedOutputStream(stdoutIn);
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        final Thread command = new Thread(() -> exitCode.set(MarketPrism.execute(
            new String[]{ "simulate", "--venue", "binance-spot", "--recording", SPOT, "--rate", "max" },
            stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8))), "simulate-command");
        command.start();
        final String url = new BufferedReader(new InputStreamReader(stdoutIn, StandardCharsets.UTF_8)).readLine();
        assertTrue(url.matches("ws://127\\.0\\.0\\.1:\\d+/stream"), url);

        final CompletableFuture<Integer> framesAfterAck = new CompletableFuture<>();
        try (WebSocketClient client = new WebSocketClient())
        {
            final int[] frames = new int[1];
            client.connect(new WebSocketConnection.Context().uri(url), new WebSocketHandler()
            {
                @Override
                public void onOpen(final WebSocketConnection connection)
                {
                    final byte[] subscribe = "{\"method\":\"SUBSCRIBE\",\"params\":[\"nknusdt@bookTicker\"],\"id\":7}"
                        .getBytes(StandardCharsets.US_ASCII);
                    connection.sendText(new UnsafeBuffer(subscribe), 0, subscribe.length);
                }

                @Override
                public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long ts)
                {
                    if (++frames[0] == 1)
                    {
                        assertEquals("{\"result\":null,\"id\":7}", buffer.getStringWithoutLengthUtf8(offset, length));
                    }
                    else if (frames[0] == 101)
                    {
                        framesAfterAck.complete(frames[0] - 1);
                    }
                }

                @Override
                public void onClose(final WebSocketConnection connection, final CloseReason reason, final String detail)
                {
                    framesAfterAck.completeExceptionally(new WebSocketException(reason, detail));
                }
            });
            assertEquals(100, framesAfterAck.get(60, TimeUnit.SECONDS));
        }
        command.interrupt();
        command.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(0, exitCode.get(), stderr.toString(StandardCharsets.UTF_8));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("simulate: binance-spot on " + url));
    }

    @Test
    void shouldNameTheVenuesItSpeaks()
    {
        final Cli cli = Cli.run("simulate", "--venue", "bitstamp", "--recording", SPOT);
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode);
        assertTrue(cli.stderr.contains("bitstamp"), cli.stderr);
        assertTrue(cli.stderr.contains("kraken-futures"), "names the venues it takes: " + cli.stderr);
    }

    @Test
    void shouldRejectABadRate()
    {
        final Cli cli = Cli.run("simulate", "--venue", "binance-spot", "--recording", SPOT, "--rate", "fast");
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode);
        assertTrue(cli.stderr.contains("rate must be original, max or frames per second"), cli.stderr);
    }

    @Test
    void shouldRejectAMissingRecording()
    {
        final Cli cli = Cli.run("simulate", "--venue", "binance-spot", "--recording", "no-such-file.gz");
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode);
        assertTrue(cli.stderr.contains("recording not found: no-such-file.gz"), cli.stderr);
    }
}
