/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.bitrich.xchangestream.binance.dto.BinanceWebsocketTransaction;
import info.bitrich.xchangestream.binance.dto.market.BinanceRawTrade;
import info.bitrich.xchangestream.binance.dto.market.DepthBinanceWebSocketTransaction;
import info.bitrich.xchangestream.binance.dto.market.TradeBinanceWebsocketTransaction;
import info.bitrich.xchangestream.service.netty.StreamingObjectMapperHelper;
import io.marketprism.bench.peer.BinanceDepthEvent;
import io.marketprism.bench.peer.BinanceStreamEnvelope;
import io.marketprism.bench.peer.BinanceTradeEvent;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Our Binance decoder against the Java peers, in one run, on the same recorded frames (see {@link PeerFrames}):
 * {@code ours} decodes a frame with {@code BinanceDecoder} into SBE in a null sink; {@code jackson} binds it with
 * Jackson databind ({@code ObjectMapper.readValue(bytes, offset, length, type)}) into DTOs with {@code BigDecimal}
 * prices and quantities ({@code io.marketprism.bench.peer}); {@code xchange} decodes it the way XChange-stream 5.2.4
 * does, with its own mapper and DTOs ({@code BinanceWebsocketTransaction} of {@code DepthBinanceWebSocketTransaction}
 * or {@code TradeBinanceWebsocketTransaction}): the frame is read into a {@code JsonNode} tree first (as its netty
 * streaming service does), then bound from the tree ({@code readValue(treeAsTokens(node), type)}). One frame per
 * operation, cycling through every frame of the kind in recorded order.
 * <p>
 * Every operation reduces what it decoded to a check value (depth: last update id and the level count of each
 * side; trade: trade id, taker side and the scale of price and quantity), read from the SBE message or the DTO.
 * After every iteration the sum over the iteration's operations must equal the sum set-up computed from our decoder's
 * output for the same frames, so a peer that decoded something else fails the run. Run with {@code -prof gc} for
 * bytes per operation; at the end each benchmark prints {@code CHECK .. PASS} and the bytes its thread allocated in
 * each iteration ({@code THREAD_ALLOC}). {@code bin/marketprism bench jmh} prints the scores side by side with the
 * ratios ({@link PeerDecodeSummary}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true" })
public class PeerDecodeBenchmark
{
    /** A check value that no frame yields: our decoder committed something other than a trade or book update. */
    static final long NOT_MARKET_DATA = Long.MIN_VALUE;

    @Param({ PeerFrames.DEPTH, PeerFrames.TRADE })
    String kind;

    private PeerFrames frames;
    private byte[] bytes;
    private int frameCount;
    private boolean depth;
    private long[] prefixChecks;

    private FrameDecoder decoder;
    private UnsafeBuffer frameBuffer;
    private NullSink sink;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final TradeDecoder trade = new TradeDecoder();

    private ObjectMapper jackson;
    private JavaType jacksonType;
    private ObjectMapper xchange;
    private JavaType xchangeType;

    private int next;
    private long operations;
    private long checksum;
    private String label = "";
    private com.sun.management.ThreadMXBean threads;
    private final long[] iterationBytes = new long[1024];
    private int iterations;
    private long iterationStart;

    /**
     * Loads the frames, sets up the three decoders and computes every frame's check value from our decoder.
     *
     * @param params the benchmark being run, to name it in messages.
     * @throws Exception when the recording cannot be read or a frame does not decode.
     */
    @Setup(Level.Trial)
    public void setup(final BenchmarkParams params) throws Exception
    {
        if (params != null)
        {
            final String benchmark = params.getBenchmark();
            label = benchmark.substring(benchmark.lastIndexOf('.') + 1) + " kind=" + kind;
        }
        frames = PeerFrames.load(PipelineBenchmark.defaultRecordings(), kind);
        bytes = frames.bytes();
        frameCount = frames.size();
        depth = PeerFrames.DEPTH.equals(kind);
        decoder = frames.newDecoder();
        frameBuffer = new UnsafeBuffer(bytes);
        sink = new NullSink();

        jackson = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        jacksonType = jackson.getTypeFactory().constructParametricType(BinanceStreamEnvelope.class,
            depth ? BinanceDepthEvent.class : BinanceTradeEvent.class);
        xchange = StreamingObjectMapperHelper.getObjectMapper();
        xchangeType = xchange.getTypeFactory().constructParametricType(BinanceWebsocketTransaction.class,
            depth ? DepthBinanceWebSocketTransaction.class : TradeBinanceWebsocketTransaction.class);

        prefixChecks = new long[frameCount + 1];
        long levels = 0;
        for (int i = 0; i < frameCount; i++)
        {
            final long check = decodeOurs(i);
            if (check == NOT_MARKET_DATA)
            {
                throw new IllegalStateException(kind + " frame " + i + " did not decode into market data: " +
                    frames.text(i));
            }
            prefixChecks[i + 1] = prefixChecks[i] + check;
            levels += depth ? levelCount() : 0;
        }
        System.out.println();
        System.out.printf("FRAMES kind=%s frames=%d bytes_per_frame=%.0f%s%n", kind, frameCount,
            (double)bytes.length / frameCount, depth ? String.format(" levels_per_frame=%.1f",
            (double)levels / frameCount) : "");

        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean &&
            ((com.sun.management.ThreadMXBean)bean).isThreadAllocatedMemorySupported())
        {
            threads = (com.sun.management.ThreadMXBean)bean;
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /**
     * Starts an iteration at the first frame, with the check sum at zero, and notes the bytes this thread has
     * allocated so far.
     */
    @Setup(Level.Iteration)
    public void startIteration()
    {
        next = 0;
        operations = 0;
        checksum = 0;
        iterationStart = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
    }

    /**
     * Our decoder: frame bytes to SBE in a null sink.
     *
     * @return the frame's check value, consumed by JMH.
     */
    @Benchmark
    public long ours()
    {
        final long check = decodeOurs(advance());
        checksum += check;
        return check;
    }

    /**
     * Jackson databind into our {@code BigDecimal} DTOs, straight from the bytes.
     *
     * @return the frame's check value, consumed by JMH.
     * @throws IOException when Jackson fails (the run fails).
     */
    @Benchmark
    public long jackson() throws IOException
    {
        final long check = checkOf(decodeJackson(advance()));
        checksum += check;
        return check;
    }

    /**
     * XChange-stream's way: a {@code JsonNode} tree, then its DTOs bound from the tree.
     *
     * @return the frame's check value, consumed by JMH.
     * @throws IOException when Jackson fails (the run fails).
     */
    @Benchmark
    public long xchange() throws IOException
    {
        final long check = checkOf(decodeXchange(advance()));
        checksum += check;
        return check;
    }

    /**
     * Checks, after every iteration, that the check values of its operations add up to what set-up computed for the
     * same frames. Allocates nothing unless it fails (JMH's GC profiler counts a tear-down's allocation).
     */
    @TearDown(Level.Iteration)
    public void check()
    {
        if (threads != null && iterations < iterationBytes.length)
        {
            iterationBytes[iterations++] = threads.getCurrentThreadAllocatedBytes() - iterationStart;
        }
        final long expected = (operations / frameCount) * prefixChecks[frameCount] +
            prefixChecks[(int)(operations % frameCount)];
        if (operations == 0 || checksum != expected)
        {
            throw new IllegalStateException(label + ": check sum " + checksum + " over " + operations +
                " operations where set-up computed " + expected + " from our decoder");
        }
    }

    /**
     * Prints that the checks passed and the bytes the benchmark thread allocated in each iteration, warm-up ones
     * first ({@code ThreadMXBean}: the decoder's own allocation, without JMH's other threads that
     * {@code gc.alloc.rate.norm} also counts).
     */
    @TearDown(Level.Trial)
    public void report()
    {
        System.out.println();
        System.out.println("CHECK " + label + " frames=" + frameCount + " PASS");
        final StringBuilder line = new StringBuilder("THREAD_ALLOC ").append(label).append(" bytes per iteration:");
        for (int i = 0; i < iterations; i++)
        {
            line.append(' ').append(iterationBytes[i]);
        }
        System.out.println(line);
    }

    /**
     * @return the frames set-up loaded.
     */
    PeerFrames frames()
    {
        return frames;
    }

    /**
     * Decodes a frame with our decoder.
     *
     * @param frame index.
     * @return the check value of the message it committed, {@link #NOT_MARKET_DATA} if none or not a trade or book
     * update.
     */
    long decodeOurs(final int frame)
    {
        final int committed = decoder.decode(frameBuffer, frames.offset(frame), frames.length(frame),
            frames.recvTsNs(frame), sink);
        return committed == 1 ? checkOfSbe() : NOT_MARKET_DATA;
    }

    /**
     * @return the buffer holding the SBE message {@link #decodeOurs(int)} committed last, at offset 0.
     */
    DirectBuffer oursOutput()
    {
        return sink.buffer();
    }

    /**
     * Binds a frame with Jackson into our DTOs.
     *
     * @param frame index.
     * @return a {@code BinanceStreamEnvelope} of {@code BinanceDepthEvent} or {@code BinanceTradeEvent}.
     * @throws IOException when Jackson fails.
     */
    BinanceStreamEnvelope<?> decodeJackson(final int frame) throws IOException
    {
        return jackson.readValue(bytes, frames.offset(frame), frames.length(frame), jacksonType);
    }

    /**
     * Decodes a frame as XChange-stream does: a tree, then XChange's DTOs bound from it.
     *
     * @param frame index.
     * @return a {@code BinanceWebsocketTransaction} of {@code DepthBinanceWebSocketTransaction} or
     * {@code TradeBinanceWebsocketTransaction}.
     * @throws IOException when Jackson fails.
     */
    BinanceWebsocketTransaction<?> decodeXchange(final int frame) throws IOException
    {
        final JsonNode node = xchange.readTree(bytes, frames.offset(frame), frames.length(frame));
        return xchange.readValue(xchange.treeAsTokens(node), xchangeType);
    }

    /**
     * The check value of a depth update.
     *
     * @param lastUpdateId Binance {@code u}.
     * @param bidLevels    bid levels in the frame.
     * @param askLevels    ask levels in the frame.
     * @return the check value.
     */
    static long depthCheck(final long lastUpdateId, final int bidLevels, final int askLevels)
    {
        return lastUpdateId * 4099 + bidLevels * 67L + askLevels;
    }

    /**
     * The check value of a trade.
     *
     * @param tradeId    Binance {@code t}.
     * @param takerSold  the taker sold (Binance {@code m}: the buyer was the maker).
     * @param priceScale digits after the point of the price.
     * @param qtyScale   digits after the point of the quantity.
     * @return the check value.
     */
    static long tradeCheck(final long tradeId, final boolean takerSold, final int priceScale, final int qtyScale)
    {
        return tradeId * 64 + (takerSold ? 32 : 0) + priceScale + qtyScale;
    }

    private int advance()
    {
        final int i = next;
        next = i + 1 == frameCount ? 0 : i + 1;
        operations++;
        return i;
    }

    private long checkOfSbe()
    {
        final DirectBuffer out = sink.buffer();
        header.wrap(out, 0);
        final int template = header.templateId();
        if (template == BookUpdateDecoder.TEMPLATE_ID)
        {
            book.wrap(out, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            final long seq = book.seq();
            return depthCheck(seq, skipBids(), book.asks().count());
        }
        if (template == TradeDecoder.TEMPLATE_ID)
        {
            trade.wrap(out, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            return tradeCheck(trade.tradeId(), trade.sideRaw() == Side.SELL.value(), -trade.price().exponent(),
                -trade.qty().exponent());
        }
        return NOT_MARKET_DATA;
    }

    private int levelCount()
    {
        header.wrap(sink.buffer(), 0);
        book.wrap(sink.buffer(), MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        return skipBids() + book.asks().count();
    }

    /**
     * Moves the wrapped book update past its bids, so that its asks can be read: the asks group starts where the bids'
     * entries end, {@code count} entries of the group's block length after its header (what stepping through every
     * entry with {@code next()} arrives at, without the steps; a Jackson DTO's list size costs nothing either).
     *
     * @return the number of bid levels.
     */
    private int skipBids()
    {
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        final int bidLevels = bids.count();
        book.limit(book.limit() + bidLevels * bids.actingBlockLength());
        return bidLevels;
    }

    private static long checkOf(final BinanceStreamEnvelope<?> envelope)
    {
        final Object data = envelope.data();
        if (data instanceof BinanceDepthEvent)
        {
            final BinanceDepthEvent event = (BinanceDepthEvent)data;
            return depthCheck(event.lastUpdateId(), event.bids().size(), event.asks().size());
        }
        final BinanceTradeEvent event = (BinanceTradeEvent)data;
        return tradeCheck(event.tradeId(), event.buyerMaker(), event.price().scale(), event.qty().scale());
    }

    private static long checkOf(final BinanceWebsocketTransaction<?> transaction)
    {
        final Object data = transaction.getData();
        if (data instanceof DepthBinanceWebSocketTransaction)
        {
            final DepthBinanceWebSocketTransaction event = (DepthBinanceWebSocketTransaction)data;
            return depthCheck(event.getLastUpdateId(), event.getOrderBook().bids.size(),
                event.getOrderBook().asks.size());
        }
        final BinanceRawTrade event = ((TradeBinanceWebsocketTransaction)data).getRawTrade();
        return tradeCheck(event.getTradeId(), event.isBuyerMarketMaker(), event.getPrice().scale(),
            event.getQuantity().scale());
    }
}
