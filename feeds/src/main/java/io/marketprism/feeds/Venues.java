/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.feeds.binance.BinanceDecoder;
import io.marketprism.feeds.binance.BinanceFuturesBookRule;
import io.marketprism.feeds.binance.BinanceInstruments;
import io.marketprism.feeds.binance.BinanceSpotBookRule;
import io.marketprism.feeds.binance.BinanceSymbols;
import io.marketprism.feeds.bybit.BybitBookRule;
import io.marketprism.feeds.bybit.BybitCategory;
import io.marketprism.feeds.bybit.BybitDecoder;
import io.marketprism.feeds.bybit.BybitInstruments;
import io.marketprism.feeds.bybit.BybitSymbols;
import io.marketprism.feeds.coinbase.CoinbaseBookRule;
import io.marketprism.feeds.coinbase.CoinbaseDecoder;
import io.marketprism.feeds.coinbase.CoinbaseInstruments;
import io.marketprism.feeds.coinbase.CoinbaseSymbols;
import io.marketprism.feeds.deribit.DeribitDecoder;
import io.marketprism.feeds.deribit.DeribitInstruments;
import io.marketprism.feeds.deribit.DeribitSymbols;
import io.marketprism.feeds.instrument.InstrumentCatalog;
import io.marketprism.feeds.instrument.MetadataParser;
import io.marketprism.feeds.kraken.KrakenBookChecksum;
import io.marketprism.feeds.kraken.KrakenBookRule;
import io.marketprism.feeds.kraken.KrakenDecoder;
import io.marketprism.feeds.kraken.KrakenInstruments;
import io.marketprism.feeds.kraken.KrakenSymbols;
import io.marketprism.feeds.krakenfutures.KrakenFuturesBookRule;
import io.marketprism.feeds.krakenfutures.KrakenFuturesDecoder;
import io.marketprism.feeds.krakenfutures.KrakenFuturesInstruments;
import io.marketprism.feeds.krakenfutures.KrakenFuturesSymbols;
import io.marketprism.feeds.okx.OkxBookChecksum;
import io.marketprism.feeds.okx.OkxDecoder;
import io.marketprism.feeds.okx.OkxInstruments;
import io.marketprism.feeds.okx.OkxSymbols;
import io.marketprism.sbe.Venue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The venues this build supports: their rules for normalize and their frame decoders. Each venue is wired here, in
 * one line per venue in {@link #rules()} and one in the decoder table.
 */
public final class Venues
{
    private static final Map<Venue, Function<Venue, FrameDecoder>> DECODERS = new EnumMap<>(Venue.class);
    private static final Map<Venue, MetadataParser> METADATA = new EnumMap<>(Venue.class);

    static
    {
        DECODERS.put(Venue.BINANCE_SPOT, BinanceDecoder::new);
        DECODERS.put(Venue.BINANCE_USDM, BinanceDecoder::new);
        DECODERS.put(Venue.BINANCE_COINM, BinanceDecoder::new);
        DECODERS.put(Venue.OKX, venue -> new OkxDecoder());
        DECODERS.put(Venue.COINBASE, CoinbaseDecoder::new);
        DECODERS.put(Venue.KRAKEN, KrakenDecoder::new);
        DECODERS.put(Venue.DERIBIT, DeribitDecoder::new);
        DECODERS.put(Venue.KRAKEN_FUTURES, KrakenFuturesDecoder::new);
        DECODERS.put(Venue.BYBIT, venue -> new BybitDecoder(BybitCategory.LINEAR)); // captures: see BybitDecoder

        METADATA.put(Venue.BINANCE_SPOT, new BinanceInstruments(Venue.BINANCE_SPOT));
        METADATA.put(Venue.BINANCE_USDM, new BinanceInstruments(Venue.BINANCE_USDM));
        METADATA.put(Venue.BINANCE_COINM, new BinanceInstruments(Venue.BINANCE_COINM));
        METADATA.put(Venue.OKX, new OkxInstruments());
        METADATA.put(Venue.DERIBIT, new DeribitInstruments());
        METADATA.put(Venue.KRAKEN, new KrakenInstruments());
        METADATA.put(Venue.KRAKEN_FUTURES, new KrakenFuturesInstruments());
        METADATA.put(Venue.COINBASE, new CoinbaseInstruments());
        METADATA.put(Venue.BYBIT, new BybitInstruments());
    }

    private Venues()
    {
    }

    /**
     * @return rules of every supported venue.
     */
    public static VenueRules rules()
    {
        final BinanceSymbols binanceSymbols = new BinanceSymbols();
        final BinanceFuturesBookRule binanceFuturesRule = new BinanceFuturesBookRule();
        return new VenueRules()
            .register(Venue.BINANCE_SPOT, binanceSymbols, new BinanceSpotBookRule())
            .register(Venue.BINANCE_USDM, binanceSymbols, binanceFuturesRule)
            .register(Venue.BINANCE_COINM, binanceSymbols, binanceFuturesRule)
            .register(Venue.COINBASE, new CoinbaseSymbols(), new CoinbaseBookRule())
            .register(Venue.KRAKEN, new KrakenSymbols(), new KrakenBookRule(), new KrakenBookChecksum())
            .register(Venue.DERIBIT, new DeribitSymbols(), new PreviousIdBookRule(false))
            .register(Venue.KRAKEN_FUTURES, new KrakenFuturesSymbols(), new KrakenFuturesBookRule())
            .register(Venue.BYBIT, new BybitSymbols(), new BybitBookRule())
            .register(Venue.OKX, new OkxSymbols(), new PreviousIdBookRule(true), new OkxBookChecksum());
    }

    /**
     * Rules of every supported venue, with instrument metadata for some: the canonical symbols and sizes of the
     * instruments listed in the files come from them.
     *
     * @param metadata per venue, files of metadata responses in cryptofeed's capture format.
     * @return the rules.
     * @throws IOException when a file cannot be read.
     * @throws IllegalArgumentException for a venue without a metadata parser, or a file that is not its metadata.
     */
    public static VenueRules rules(final Map<Venue, List<Path>> metadata) throws IOException
    {
        final VenueRules rules = rules();
        for (final Map.Entry<Venue, List<Path>> entry : metadata.entrySet())
        {
            final Venue venue = entry.getKey();
            final MetadataParser parser = METADATA.get(venue);
            if (parser == null)
            {
                throw new IllegalArgumentException("no instrument metadata reader for " + VenueNames.name(venue) +
                    " yet; readers: " + names(METADATA.keySet()));
            }
            final short raw = venue.value();
            final InstrumentCatalog catalog = new InstrumentCatalog(venue, rules.canonicalizer(raw));
            for (final Path file : entry.getValue())
            {
                catalog.load(file, parser);
            }
            rules.register(venue, catalog, rules.bookRule(raw), rules.bookChecksum(raw));
        }
        return rules;
    }

    /**
     * @param venue a venue.
     * @return true when this build can decode it.
     */
    public static boolean isSupported(final Venue venue)
    {
        return DECODERS.containsKey(venue);
    }

    /**
     * @param venue a supported venue.
     * @return a new decoder for one connection (or one capture) of that venue.
     * @throws IllegalArgumentException naming the supported venues otherwise.
     */
    public static FrameDecoder newDecoder(final Venue venue)
    {
        final Function<Venue, FrameDecoder> factory = DECODERS.get(venue);
        if (factory == null)
        {
            throw new IllegalArgumentException("venue " + VenueNames.name(venue) +
                " is not supported yet; supported: " + names(DECODERS.keySet()));
        }
        return factory.apply(venue);
    }

    private static String names(final Iterable<Venue> venues)
    {
        final StringJoiner names = new StringJoiner(", ");
        venues.forEach(venue -> names.add(VenueNames.name(venue)));
        return names.toString();
    }
}
