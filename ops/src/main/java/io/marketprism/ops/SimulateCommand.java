/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.VenueNames;
import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.VenueSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code simulate}: serves one venue's WebSocket protocol on loopback and replays a recording to every client that
 * subscribes, until the process is stopped (or the command's thread is interrupted).
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
        "Serve a venue's WebSocket protocol on 127.0.0.1 and replay a recording to each client after it subscribes;",
        "print the URL it listens on, then run until stopped (Ctrl-C)." })
public final class SimulateCommand implements Callable<Integer>
{
    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--venue", required = true, description = "binance-spot, binance-usdm, binance-coinm, okx, " +
        "bybit, deribit, kraken (a v1 recording, served as v2), kraken-futures or coinbase (an Exchange-feed " +
        "recording, served as Advanced Trade)")
    private String venue;

    @Option(names = "--recording", required = true, description = "capture file (gzip or plain); repeat for more")
    private List<Path> recording;

    @Option(names = "--format", defaultValue = VenueSimulator.Context.RECORDING_FORMAT_DEFAULT,
        description = "capture format: cryptofeed (default), hftbacktest or lines")
    private String format;

    @Option(names = "--port", defaultValue = "0", description = "port to listen on (default 0: chosen, printed)")
    private int port;

    @Option(names = "--tls", description = "serve wss:// with a self-signed certificate made at start")
    private boolean tls;

    @Option(names = "--rate", defaultValue = VenueSimulator.Context.RATE_DEFAULT,
        description = "original (recorded pace, default), max, or frames per second")
    private String rate;

    @Option(names = "--fault", description = "a fault to inject, repeatable, e.g. drop:at=200,match=@depth, " +
        "disconnect:every=500, stall:at=N,for=2s, refuse:times=2, rest:status=429,retry-after=1s, rest:timeout " +
        "(see FaultPlan)")
    private List<String> faults = List.of();

    @Option(names = "--live", description = "one timeline for all clients: a reconnecting client continues where " +
        "the venue is instead of getting the recording from its start")
    private boolean live;

    @Override
    public Integer call() throws Exception
    {
        final VenueSimulator.Context context = new VenueSimulator.Context()
            .venue(VenueNames.parse(venue))
            .recording(recording)
            .recordingFormat(format)
            .port(port)
            .tls(tls)
            .rate(rate)
            .live(live)
            .faults(FaultPlan.parse(faults));
        final CountDownLatch stopped = new CountDownLatch(1);
        final VenueSimulator simulator = VenueSimulator.start(context);
        final Thread hook = new Thread(() ->
        {
            simulator.close();
            stopped.countDown();
        }, "marketprism-simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        final PrintStream out = new PrintStream(parent.stdout(), true, StandardCharsets.UTF_8);
        out.println(simulator.url());
        parent.stderr().println("simulate: " + venue + " on " + simulator.url() + (tls ?
            " (self-signed certificate for localhost: clients must trust it)" : "") + ", rate " + rate +
            ", recording " + recording);
        try
        {
            stopped.await();
        }
        catch (final InterruptedException ex)
        {
            // stopped from inside the process (tests): close here, the hook is no longer needed
            Runtime.getRuntime().removeShutdownHook(hook);
            simulator.close();
        }
        return 0;
    }
}
