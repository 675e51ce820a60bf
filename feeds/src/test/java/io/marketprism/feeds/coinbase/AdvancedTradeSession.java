/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import java.util.ArrayList;
import java.util.List;

/**
 * A made-up Advanced Trade session in the real message shapes: the NautilusTrader samples (from Coinbase's
 * documentation) with their {@code sequence_num}, product and first price level rewritten, interleaved over two
 * products and four channels as one connection delivers them, numbered 0, 1, 2 ...
 */
final class AdvancedTradeSession
{
    /**
     * One message of the session.
     *
     * @param text     the frame.
     * @param sequence its {@code sequence_num}.
     * @param channel  its channel.
     * @param product  its product, or "" for heartbeats.
     * @param snapshot true for an {@code l2_data} snapshot.
     */
    record Message(String text, long sequence, String channel, String product, boolean snapshot)
    {
        boolean isBook()
        {
            return "l2_data".equals(channel);
        }
    }

    static final String BTC = "BTC-USD";
    static final String ETH = "ETH-USD";

    private AdvancedTradeSession()
    {
    }

    /**
     * @param updates rounds of traffic after the two snapshots; each round has an update for each product, a ticker,
     *                trades and a heartbeat.
     * @return the session.
     */
    static List<Message> build(final int updates)
    {
        final List<Message> messages = new ArrayList<>();
        add(messages, "l2_data", BTC, true, 0);
        add(messages, "l2_data", ETH, true, 0);
        for (int round = 1; round <= updates; round++)
        {
            add(messages, "l2_data", BTC, false, round);
            add(messages, "ticker", BTC, false, round);
            add(messages, "l2_data", ETH, false, round);
            add(messages, "market_trades", ETH, false, round);
            add(messages, "heartbeats", "", false, round);
        }
        return messages;
    }

    /**
     * @return a snapshot of a product with the next sequence number after the session's last message, as Coinbase
     * sends on re-subscribing.
     */
    static Message resubscribeSnapshot(final List<Message> session, final String product)
    {
        final List<Message> copy = new ArrayList<>(session);
        add(copy, "l2_data", product, true, 0);
        return copy.get(copy.size() - 1);
    }

    private static void add(
        final List<Message> messages, final String channel, final String product, final boolean snapshot,
        final int round)
    {
        final long sequence = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).sequence() + 1;
        final String text;
        switch (channel)
        {
            case "l2_data":
                text = CoinbaseSamples.nautilusCompact(
                    snapshot ? CoinbaseSamples.L2_SNAPSHOT : CoinbaseSamples.L2_UPDATE)
                    .replace("\"68900.00\",\"new_quantity\":\"2.00000000\"",
                        "\"68900.00\",\"new_quantity\":\"" + (2 + round) + ".00000000\"");
                break;
            case "ticker":
                text = CoinbaseSamples.nautilusCompact(CoinbaseSamples.TICKER);
                break;
            case "market_trades":
                text = CoinbaseSamples.nautilusCompact(CoinbaseSamples.MARKET_TRADES)
                    .replace("995098700", Long.toString(995098700L + 2 * round))
                    .replace("995098701", Long.toString(995098701L + 2 * round));
                break;
            default:
                text = "{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":\"2026-04-07T14:30:03.5Z\"," +
                    "\"sequence_num\":0,\"events\":[{\"current_time\":\"2026-04-07 14:30:03.5 +0000 UTC\"," +
                    "\"heartbeat_counter\":\"" + round + "\"}]}";
                break;
        }
        final String numbered = text.replaceFirst("\"sequence_num\":\\d+", "\"sequence_num\":" + sequence)
            .replace("\"BTC-USD\"", "\"" + (product.isEmpty() ? BTC : product) + "\"");
        messages.add(new Message(numbered, sequence, channel, product, snapshot));
    }
}
