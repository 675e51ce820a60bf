/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.GroupSizeEncodingDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.RatioDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import io.marketprism.sbe.VolatilityIndexDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every venue decoder's fuzz test checks on every input. The input's bytes are one frame; it is decoded
 * <ol>
 *   <li>at offset 0 of a buffer exactly its size (a decoder reading past the frame gets an
 *       {@code IndexOutOfBoundsException}), and by a second decoder of the same kind inside a larger buffer, at a
 *       non-zero offset, between bytes of JSON-like junk: both must commit byte-identical messages (no dependence on
 *       where the frame sits, nor on bytes outside it; status details are offsets into the frame);</li>
 *   <li>again, both ways, on sinks that refuse claims over {@value #TIGHT_CLAIM} bytes, so that the path of a
 *       message too large for the sink is exercised (every book snapshot takes it, with its headroom);</li>
 *   <li>by the venue's other variants (other Binance markets, other Bybit categories, and a decoder per REST
 *       endpoint, reading the input as that endpoint's body), at offset 0.</li>
 * </ol>
 * Every decode must return without throwing, leave no claim open and return the number of messages it committed;
 * the sink checks the protocol as it is called ({@link FuzzSink}). Every committed message must read back as a
 * message of this schema (id, version, a known template with its block length, group entry sizes) whose encoded
 * length is exactly the committed length, stamped with the decoder's venue and the receive time, with valid enum
 * values, a symbol for market data and none for a status. At most one status per frame, and it is the last message;
 * a refused claim must end the frame with a {@code FRAME_TOO_LARGE} status; a {@code FRAME_TOO_LARGE} status after
 * other messages only follows a refused claim. Where the decoder promises a frame is all or nothing, any other status
 * is the frame's only message: never a book (or any) message of a frame that turned out bad.
 * <p>
 * The decoders are kept from input to input, as on a connection: the two of a pair always see the same frames in
 * the same order, so their outputs still compare.
 */
final class DecoderFuzzHarness
{
    /** Seconds one input may take before the fuzzer reports a hang (and JUnit fails a replayed input). */
    static final long TIMEOUT_SECONDS = 10;

    /** Longest claim the tight sinks grant. */
    static final int TIGHT_CLAIM = 512;

    /** Receive time passed with every frame, checked on every message. */
    static final long RECV_TS_NS = 1_700_000_000_123_456_789L;

    private static final int PAD = 61;
    private static final byte[] JUNK = "9\"]}],\"s\":\"BTCUSDT\",\"b\":[[\"1.5\",\"2\"]],{\"a\":[".getBytes(
        StandardCharsets.US_ASCII);
    private static final int SINK_CAPACITY = 16 * 1024 * 1024;

    private final Venue venue;
    private final boolean allOrNothing;
    private final FrameDecoder exactDecoder;
    private final FrameDecoder shiftedDecoder;
    private final List<FrameDecoder> variants = new ArrayList<>();
    private final List<Venue> variantVenues = new ArrayList<>();
    private final FuzzSink exactSink = new FuzzSink(SINK_CAPACITY, Integer.MAX_VALUE);
    private final FuzzSink shiftedSink = new FuzzSink(SINK_CAPACITY, Integer.MAX_VALUE);
    private final FuzzSink exactTightSink = new FuzzSink(SINK_CAPACITY, TIGHT_CLAIM);
    private final FuzzSink shiftedTightSink = new FuzzSink(SINK_CAPACITY, TIGHT_CLAIM);
    private final FuzzSink variantSink = new FuzzSink(SINK_CAPACITY, Integer.MAX_VALUE);

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final BboDecoder bbo = new BboDecoder();
    private final FundingDecoder funding = new FundingDecoder();
    private final OpenInterestDecoder openInterest = new OpenInterestDecoder();
    private final LiquidationDecoder liquidation = new LiquidationDecoder();
    private final RatioDecoder ratio = new RatioDecoder();
    private final VolatilityIndexDecoder volatilityIndex = new VolatilityIndexDecoder();
    private final StatusDecoder status = new StatusDecoder();

    private String what;
    private FuzzSink checking;

    /**
     * @param venue        the venue the decoders stamp on their messages.
     * @param allOrNothing true when the decoder promises that a bad frame yields its status and nothing else.
     * @param factory      makes a decoder; called twice (the pair that must agree).
     */
    DecoderFuzzHarness(final Venue venue, final boolean allOrNothing, final Supplier<FrameDecoder> factory)
    {
        this.venue = venue;
        this.allOrNothing = allOrNothing;
        this.exactDecoder = factory.get();
        this.shiftedDecoder = factory.get();
    }

    /**
     * Adds a decoder that also decodes every frame (at offset 0), with the same checks except the comparison.
     *
     * @param variantVenue the venue it stamps.
     * @param decoder      the decoder.
     * @return this.
     */
    DecoderFuzzHarness variant(final Venue variantVenue, final FrameDecoder decoder)
    {
        variants.add(decoder);
        variantVenues.add(variantVenue);
        return this;
    }

    /**
     * Adds one variant per REST endpoint: a decoder told by {@link FrameDecoder#contextUrl(String)} that the frames
     * are bodies answering that URL, so that every input is also decoded as each endpoint's body.
     *
     * @param variantVenue  the venue the decoders stamp.
     * @param factory       makes a decoder.
     * @param contextSymbol the symbol of bodies that name none (the one the request asked for).
     * @param urls          the request URLs.
     * @return this.
     */
    DecoderFuzzHarness restVariants(
        final Venue variantVenue, final Supplier<FrameDecoder> factory, final String contextSymbol,
        final String... urls)
    {
        for (final String url : urls)
        {
            final FrameDecoder decoder = factory.get();
            decoder.contextSymbol(contextSymbol);
            decoder.contextUrl(url);
            variant(variantVenue, decoder);
        }
        return this;
    }

    /**
     * Decodes one frame every way and checks everything listed in the class comment.
     *
     * @param frame the fuzzer's bytes.
     */
    void decode(final byte[] frame)
    {
        final UnsafeBuffer exact = new UnsafeBuffer(frame);
        final byte[] padded = new byte[PAD + frame.length + PAD];
        for (int i = 0; i < padded.length; i++)
        {
            padded[i] = JUNK[i % JUNK.length];
        }
        System.arraycopy(frame, 0, padded, PAD, frame.length);
        final UnsafeBuffer shifted = new UnsafeBuffer(padded);

        run("offset 0", exactDecoder, exact, 0, frame.length, exactSink, venue);
        run("offset " + PAD, shiftedDecoder, shifted, PAD, frame.length, shiftedSink, venue);
        compare(exactSink, shiftedSink);

        run("offset 0, tight sink", exactDecoder, exact, 0, frame.length, exactTightSink, venue);
        run("offset " + PAD + ", tight sink", shiftedDecoder, shifted, PAD, frame.length, shiftedTightSink, venue);
        compare(exactTightSink, shiftedTightSink);

        for (int i = 0; i < variants.size(); i++)
        {
            run("variant " + variantVenues.get(i), variants.get(i), exact, 0, frame.length, variantSink,
                variantVenues.get(i));
        }
    }

    private void run(
        final String how,
        final FrameDecoder decoder,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final FuzzSink sink,
        final Venue expectedVenue)
    {
        what = how;
        checking = sink;
        sink.reset();
        final int returned = decoder.decode(buffer, offset, length, RECV_TS_NS, sink);
        require(!sink.claimOpen(), "decode returned with a claim open");
        require(returned == sink.count(), "decode returned " + returned + " but committed " + sink.count());

        int statusAt = -1;
        int reason = -1;
        for (int i = 0; i < sink.count(); i++)
        {
            if (checkMessage(sink, i, expectedVenue) == StatusDecoder.TEMPLATE_ID)
            {
                require(statusAt < 0, "a second status in one frame, message " + i);
                statusAt = i;
                reason = status.reasonRaw();
            }
        }
        if (statusAt >= 0)
        {
            require(statusAt == sink.count() - 1, "status " + statusAt + " is not the frame's last message");
        }
        final boolean tooLargeStatus = reason == StatusReason.FRAME_TOO_LARGE.value();
        if (sink.tooLarge() > 0)
        {
            require(tooLargeStatus, "the sink refused " + sink.tooLarge() + " claim(s) but no FRAME_TOO_LARGE status");
        }
        if (tooLargeStatus && sink.count() > 1)
        {
            require(sink.tooLarge() > 0, "FRAME_TOO_LARGE after other messages though the sink refused no claim");
        }
        if (allOrNothing && statusAt >= 0 && !tooLargeStatus)
        {
            require(sink.count() == 1, "a malformed status after " + statusAt + " message(s) of the same frame");
        }
    }

    private void compare(final FuzzSink atZero, final FuzzSink atOffset)
    {
        what = "comparison";
        checking = atZero;
        require(atZero.sameMessagesAs(atOffset), "the frame at offset " + PAD + " of a larger buffer gave other " +
            "messages than at offset 0 of its own buffer; there:\n" + atOffset.describe());
    }

    /**
     * @return the template id of message {@code i}; for a status, {@link #status} is left wrapped on it.
     */
    private int checkMessage(final FuzzSink sink, final int i, final Venue expectedVenue)
    {
        final DirectBuffer buffer = sink.buffer();
        final int offset = sink.offset(i);
        final int length = sink.length(i);
        require(length >= MessageHeaderDecoder.ENCODED_LENGTH, "message " + i + " shorter than its header");
        header.wrap(buffer, offset);
        require(header.schemaId() == MessageHeaderDecoder.SCHEMA_ID, "message " + i + " schema id");
        require(header.version() == MessageHeaderDecoder.SCHEMA_VERSION, "message " + i + " schema version");
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final boolean hasSymbol = sink.symbolLength(i) > 0;
        final int decoded;
        switch (templateId)
        {
            case TradeDecoder.TEMPLATE_ID:
                require(blockLength == TradeDecoder.BLOCK_LENGTH, "trade " + i + " block length");
                trade.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(trade.instrumentId() == 0 && trade.venueRaw() == expectedVenue.value() &&
                    trade.recvTsNs() == RECV_TS_NS, "trade " + i + " instrument, venue or receive time");
                require(trade.sideRaw() == Side.BUY.value() || trade.sideRaw() == Side.SELL.value(),
                    "trade " + i + " side " + trade.sideRaw());
                require(hasSymbol, "trade " + i + " without a symbol");
                decoded = trade.sbeDecodedLength();
                break;

            case BookUpdateDecoder.TEMPLATE_ID:
                require(blockLength == BookUpdateDecoder.BLOCK_LENGTH, "book " + i + " block length");
                book.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(book.instrumentId() == 0 && book.venueRaw() == expectedVenue.value() &&
                    book.recvTsNs() == RECV_TS_NS, "book " + i + " instrument, venue or receive time");
                require(book.snapshotRaw() == 0 || book.snapshotRaw() == 1, "book " + i + " snapshot flag");
                require(book.healthRaw() == BookHealth.UNKNOWN.value(), "book " + i + " health set by a decoder");
                require(hasSymbol, "book " + i + " without a symbol");
                decoded = checkBookGroups(buffer, offset, length, body, i);
                break;

            case BboDecoder.TEMPLATE_ID:
                require(blockLength == BboDecoder.BLOCK_LENGTH, "bbo " + i + " block length");
                bbo.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(bbo.instrumentId() == 0 && bbo.venueRaw() == expectedVenue.value() &&
                    bbo.recvTsNs() == RECV_TS_NS, "bbo " + i + " instrument, venue or receive time");
                require(hasSymbol, "bbo " + i + " without a symbol");
                decoded = bbo.sbeDecodedLength();
                break;

            case FundingDecoder.TEMPLATE_ID:
                require(blockLength == FundingDecoder.BLOCK_LENGTH, "funding " + i + " block length");
                funding.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(funding.instrumentId() == 0 && funding.venueRaw() == expectedVenue.value() &&
                    funding.recvTsNs() == RECV_TS_NS, "funding " + i + " instrument, venue or receive time");
                require(hasSymbol, "funding " + i + " without a symbol");
                decoded = funding.sbeDecodedLength();
                break;

            case StatusDecoder.TEMPLATE_ID:
                require(blockLength == StatusDecoder.BLOCK_LENGTH, "status " + i + " block length");
                status.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(status.instrumentId() == 0 && status.venueRaw() == expectedVenue.value() &&
                    status.recvTsNs() == RECV_TS_NS, "status " + i + " instrument, venue or receive time");
                require(status.eventTypeRaw() == StatusEvent.MALFORMED.value(),
                    "status " + i + " event " + status.eventTypeRaw() + " from a decoder");
                require(isReason(status.reasonRaw()), "status " + i + " reason " + status.reasonRaw());
                require(!hasSymbol, "status " + i + " with a symbol");
                decoded = status.sbeDecodedLength();
                break;

            case OpenInterestDecoder.TEMPLATE_ID:
                require(blockLength == OpenInterestDecoder.BLOCK_LENGTH, "open interest " + i + " block length");
                openInterest.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(openInterest.instrumentId() == 0 && openInterest.venueRaw() == expectedVenue.value() &&
                    openInterest.recvTsNs() == RECV_TS_NS, "open interest " + i + " instrument, venue or time");
                require(hasSymbol, "open interest " + i + " without a symbol");
                decoded = openInterest.sbeDecodedLength();
                break;

            case LiquidationDecoder.TEMPLATE_ID:
                require(blockLength == LiquidationDecoder.BLOCK_LENGTH, "liquidation " + i + " block length");
                liquidation.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(liquidation.instrumentId() == 0 && liquidation.venueRaw() == expectedVenue.value() &&
                    liquidation.recvTsNs() == RECV_TS_NS, "liquidation " + i + " instrument, venue or time");
                require(liquidation.sideRaw() == Side.BUY.value() || liquidation.sideRaw() == Side.SELL.value(),
                    "liquidation " + i + " side " + liquidation.sideRaw());
                require(hasSymbol, "liquidation " + i + " without a symbol");
                decoded = liquidation.sbeDecodedLength();
                break;

            case RatioDecoder.TEMPLATE_ID:
                require(blockLength == RatioDecoder.BLOCK_LENGTH, "ratio " + i + " block length");
                ratio.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(ratio.instrumentId() == 0 && ratio.venueRaw() == expectedVenue.value() &&
                    ratio.recvTsNs() == RECV_TS_NS, "ratio " + i + " instrument, venue or time");
                require(ratio.kindRaw() >= 1 && ratio.kindRaw() <= 4, "ratio " + i + " kind " + ratio.kindRaw());
                require(hasSymbol, "ratio " + i + " without a symbol");
                decoded = ratio.sbeDecodedLength();
                break;

            case VolatilityIndexDecoder.TEMPLATE_ID:
                require(blockLength == VolatilityIndexDecoder.BLOCK_LENGTH, "dvol " + i + " block length");
                volatilityIndex.wrap(buffer, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                require(volatilityIndex.instrumentId() == 0 && volatilityIndex.venueRaw() == expectedVenue.value() &&
                    volatilityIndex.recvTsNs() == RECV_TS_NS, "dvol " + i + " instrument, venue or time");
                require(hasSymbol, "dvol " + i + " without a symbol");
                decoded = volatilityIndex.sbeDecodedLength();
                break;

            default:
                throw fail("message " + i + " has template id " + templateId);
        }
        require(MessageHeaderDecoder.ENCODED_LENGTH + decoded == length,
            "message " + i + " encodes " + (MessageHeaderDecoder.ENCODED_LENGTH + decoded) + " bytes, committed " +
            length);
        return templateId;
    }

    /**
     * Checks the two level groups of a book message lie inside its committed bytes with the schema's entry size.
     *
     * @return the body's decoded length.
     */
    private int checkBookGroups(
        final DirectBuffer buffer, final int offset, final int length, final int body, final int i)
    {
        final int end = offset + length;
        final int bidsHeader = body + BookUpdateDecoder.BLOCK_LENGTH;
        require(bidsHeader + GroupSizeEncodingDecoder.ENCODED_LENGTH <= end, "book " + i + " cut before its bids");
        require(buffer.getShort(bidsHeader, ByteOrder.LITTLE_ENDIAN) ==
            BookUpdateDecoder.BidsDecoder.sbeBlockLength(), "book " + i + " bid entry size");
        final int bids = buffer.getShort(bidsHeader + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int asksHeader = bidsHeader + GroupSizeEncodingDecoder.ENCODED_LENGTH +
            bids * BookUpdateDecoder.BidsDecoder.sbeBlockLength();
        require(asksHeader + GroupSizeEncodingDecoder.ENCODED_LENGTH <= end, "book " + i + " cut before its asks");
        require(buffer.getShort(asksHeader, ByteOrder.LITTLE_ENDIAN) ==
            BookUpdateDecoder.AsksDecoder.sbeBlockLength(), "book " + i + " ask entry size");
        return book.sbeDecodedLength();
    }

    private static boolean isReason(final int raw)
    {
        for (final StatusReason reason : StatusReason.values())
        {
            if (reason != StatusReason.NULL_VAL && reason != StatusReason.NONE && reason.value() == raw)
            {
                return true;
            }
        }
        return false;
    }

    private void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw fail(message);
        }
    }

    private AssertionError fail(final String message)
    {
        return new AssertionError(venue + " decoder, " + what + ": " + message + "\nmessages:\n" +
            (checking == null ? "" : checking.describe()));
    }
}
