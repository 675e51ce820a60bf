/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.feeds.Venues;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each venue's documented replies to the frames the builders write, fed to that venue's decoder (as
 * {@code marketprism decode} makes it): an acknowledgement is a control frame, 0 messages and no status; an error
 * reply is one {@code VENUE_ERROR} status.
 */
final class SubscriptionRepliesTest
{
    private static final long RECV_TS_NS = 1_700_000_000_000_000_000L;

    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldTakeBinanceAcknowledgementsAsControlFramesAndErrorsAsVenueErrors()
    {
        for (final Venue venue : new Venue[]{ Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM })
        {
            assertControl(venue, "{\"result\":null,\"id\":1}");
            assertControl(venue, "{\"result\":null,\"id\":312}");
            assertControl(venue, "{\"result\":[\"btcusdt@aggTrade\"],\"id\":3}");
            assertVenueError(venue, "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variable\"},\"id\":1}");
            assertVenueError(venue, "{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned integer\"}");
            assertVenueError(venue, "{\"code\": 0, \"msg\": \"Unknown property\",\"id\": 1}");
        }
    }

    @Test
    void shouldTakeOkxEventsAsControlFramesAndErrorsAsVenueErrors()
    {
        assertControl(Venue.OKX, "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}," +
            "\"connId\":\"accb8e21\"}");
        assertControl(Venue.OKX, "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"liquidation-orders\"," +
            "\"instType\":\"SWAP\"},\"connId\":\"a4d3ae55\"}");
        assertControl(Venue.OKX, "{\"event\":\"unsubscribe\",\"arg\":{\"channel\":\"tickers\"," +
            "\"instId\":\"BTC-USDT\"},\"connId\":\"d0b44253\"}");
        final StatusDecoder status = assertVenueError(Venue.OKX, "{\"event\":\"error\",\"code\":\"60012\"," +
            "\"msg\":\"Invalid request: {\\\"op\\\": \\\"subscribe\\\", \\\"argss\\\":[{ \\\"channel\\\" : " +
            "\\\"tickers\\\", \\\"instId\\\" : \\\"BTC-USDT\\\"}]}\",\"connId\":\"a4d3ae55\"}");
        assertEquals(60012, status.detail(), "OKX's code as the detail");
    }

    @Test
    void shouldTakeBybitSuccessRepliesAsControlFramesAndFailuresAsVenueErrors()
    {
        assertControl(Venue.BYBIT, "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"2324d924-aa4d-45b0-a858-" +
            "7b8be29ab52b\",\"req_id\":\"1\",\"op\":\"subscribe\"}");
        assertControl(Venue.BYBIT, "{\"success\":true,\"ret_msg\":\"subscribe\",\"conn_id\":\"cfm6\"," +
            "\"req_id\":\"1\",\"op\":\"subscribe\"}");
        assertControl(Venue.BYBIT, "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"0970e817-426e-429a-a679-" +
            "ff7f55e0b16a\",\"op\":\"ping\"}");
        assertVenueError(Venue.BYBIT, "{\"success\":false,\"ret_msg\":\"error:handler not found,topic:" +
            "orderbook.5.BTCUSDT\",\"conn_id\":\"2324d924\",\"req_id\":\"1\",\"op\":\"subscribe\"}");
    }

    @Test
    void shouldTakeDeribitResultsAsControlFramesAndErrorsAsVenueErrors()
    {
        assertControl(Venue.DERIBIT, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"ok\"}");
        assertControl(Venue.DERIBIT, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":[\"book.BTC-PERPETUAL.100ms\"]," +
            "\"usIn\":1535043730126248,\"usOut\":1535043730126250,\"usDiff\":2,\"testnet\":false}");
        assertControl(Venue.DERIBIT, "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":" +
            "\"test_request\"}}");
        assertVenueError(Venue.DERIBIT, "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"message\":\"Invalid params\"," +
            "\"data\":{\"reason\":\"wrong format\",\"param\":\"channels\"},\"code\":-32602},\"testnet\":false}");
    }

    @Test
    void shouldTakeKrakenMethodRepliesAsControlFramesAndFailuresAsVenueErrors()
    {
        assertControl(Venue.KRAKEN, "{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":10," +
            "\"snapshot\":true,\"symbol\":\"BTC/USD\"},\"success\":true,\"time_in\":\"2023-09-25T09:04:31.742599Z\"," +
            "\"time_out\":\"2023-09-25T09:04:31.742648Z\",\"req_id\":1}");
        assertControl(Venue.KRAKEN, "{\"method\":\"unsubscribe\",\"result\":{\"channel\":\"trade\",\"symbol\":" +
            "\"BTC/USD\"},\"success\":true,\"time_in\":\"2023-09-25T09:04:31.742599Z\",\"time_out\":" +
            "\"2023-09-25T09:04:31.742648Z\",\"req_id\":2}");
        assertVenueError(Venue.KRAKEN, "{\"error\":\"Currency pair not supported XYZ/USD\",\"method\":\"subscribe\"," +
            "\"success\":false,\"symbol\":\"XYZ/USD\",\"time_in\":\"2023-09-25T09:04:31.742599Z\",\"time_out\":" +
            "\"2023-09-25T09:04:31.742648Z\",\"req_id\":1}");
    }

    @Test
    void shouldTakeKrakenFuturesSubscribedEventsAsControlFramesAndErrorsAsVenueErrors()
    {
        assertControl(Venue.KRAKEN_FUTURES, "{\"event\":\"info\",\"version\":1}");
        assertControl(Venue.KRAKEN_FUTURES, "{\"event\":\"subscribed\",\"feed\":\"book\",\"product_ids\":" +
            "[\"PI_XBTUSD\"]}");
        assertControl(Venue.KRAKEN_FUTURES, "{\"event\":\"unsubscribed\",\"feed\":\"trade\",\"product_ids\":" +
            "[\"PI_XBTUSD\"]}");
        assertVenueError(Venue.KRAKEN_FUTURES, "{\"event\":\"error\",\"message\":\"Invalid product id\"}");
        assertVenueError(Venue.KRAKEN_FUTURES, "{\"event\":\"subscribed_failed\",\"feed\":\"book\"," +
            "\"product_ids\":[\"PI_XBTUSDX\"]}");
    }

    @Test
    void shouldTakeCoinbaseSubscriptionsAsControlFramesAndErrorsAsVenueErrors()
    {
        final FrameDecoder decoder = Venues.newDecoder(Venue.COINBASE);
        assertControl(decoder, "{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":" +
            "\"2023-02-09T20:32:57.609931463Z\",\"sequence_num\":0,\"events\":[{\"subscriptions\":{\"level2\":" +
            "[\"BTC-USD\"],\"heartbeats\":[\"heartbeats\"]}}]}");
        assertControl(decoder, "{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":" +
            "\"2023-06-23T20:31:26.122969572Z\",\"sequence_num\":1,\"events\":[{\"current_time\":" +
            "\"2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105\",\"heartbeat_counter\":\"3049\"}]}");
        sink.clear();
        final byte[] error = ("{\"type\":\"error\",\"message\":\"Failure to subscribe\",\"reason\":\"level3 is not " +
            "a valid channel\"}").getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, decoder.decode(new UnsafeBuffer(error), 0, error.length, RECV_TS_NS, sink));
        assertStatus(StatusReason.VENUE_ERROR);
    }

    private void assertControl(final Venue venue, final String frame)
    {
        assertControl(Venues.newDecoder(venue), frame);
    }

    private void assertControl(final FrameDecoder decoder, final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        sink.clear();
        assertEquals(0, decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS_NS, sink), frame);
        assertEquals(0, sink.messages().size(), frame);
        assertEquals(0, sink.protocolErrors(), frame);
    }

    private StatusDecoder assertVenueError(final Venue venue, final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        sink.clear();
        assertEquals(1, Venues.newDecoder(venue).decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS_NS, sink),
            frame);
        return assertStatus(StatusReason.VENUE_ERROR);
    }

    private StatusDecoder assertStatus(final StatusReason reason)
    {
        assertEquals(1, sink.messages().size());
        assertEquals(0, sink.protocolErrors());
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusEvent.MALFORMED, status.eventType());
        assertEquals(reason, status.reason());
        assertEquals(RECV_TS_NS, status.recvTsNs());
        return status;
    }
}
