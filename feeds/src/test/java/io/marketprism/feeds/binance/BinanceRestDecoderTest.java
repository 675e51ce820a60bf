/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.FrameReplay;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.RatioDecoder;
import io.marketprism.sbe.RatioKind;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST bodies of the polled data types, from gocryptotrader's recorded Binance responses: every recorded response
 * of every endpoint decodes to one message per element, each field equal to the JSON's exact decimal; the endpoint is
 * what the caller says; bad bodies give exactly one status and no message; nothing allocates.
 */
final class BinanceRestDecoderTest
{
    private static final long RECV_TS_NS = 1_700_000_000_123_456_789L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final String[] ROUTES = {
        "/fapi/v1/premiumIndex", "/dapi/v1/premiumIndex", "/fapi/v1/fundingRate", "/dapi/v1/fundingRate",
        "/fapi/v1/openInterest", "/dapi/v1/openInterest", "/futures/data/openInterestHist",
        "/futures/data/globalLongShortAccountRatio", "/futures/data/topLongShortAccountRatio",
        "/futures/data/topLongShortPositionRatio", "/futures/data/takerlongshortRatio" };

    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldFindTheEndpointOfARequestUrl()
    {
        assertEquals(BinanceRestEndpoint.PREMIUM_INDEX,
            BinanceRestEndpoint.ofUrl("https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT"));
        assertEquals(BinanceRestEndpoint.PREMIUM_INDEX,
            BinanceRestEndpoint.ofUrl("https://dapi.binance.com/dapi/v1/premiumIndex"));
        assertEquals(BinanceRestEndpoint.OPEN_INTEREST, BinanceRestEndpoint.ofUrl("/fapi/v1/openInterest?symbol=X"));
        assertEquals(BinanceRestEndpoint.TAKER_LONG_SHORT_RATIO,
            BinanceRestEndpoint.ofUrl("https://fapi.binance.com/futures/data/takerlongshortRatio?symbol=BTCUSDT"));
        assertEquals(RatioKind.TOP_TRADER_POSITIONS, BinanceRestEndpoint.ofUrl(
            "https://dapi.binance.com/futures/data/topLongShortPositionRatio?pair=BTCUSD").ratioKind());
        assertNull(BinanceRestEndpoint.ofUrl("https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000"));
        assertNull(BinanceRestEndpoint.ofUrl("https://fapi.binance.com/fapi/v1/openInterestX"));
        assertNull(BinanceRestEndpoint.ofUrl("https://fapi.binance.com"));
        assertNull(BinanceRestEndpoint.ofUrl(null));
        assertNull(BinanceRestEndpoint.PREMIUM_INDEX.ratioKind());
    }

    @Test
    void shouldDecodeRecordedPremiumIndexOfOneSymbolAsFunding()
    {
        final GocryptotraderRecording.Response response = only("/fapi/v1/premiumIndex", "symbol=BTCUSDT");
        final BinanceRestDecoder decoder = decoder(Venue.BINANCE_USDM, BinanceRestEndpoint.PREMIUM_INDEX);

        assertEquals(1, decode(decoder, response.body()));
        final RecordingSink.Message message = sink.only();
        final FundingDecoder funding = view.funding(sink.buffer(), message);
        assertEquals("BTCUSDT", message.symbol());
        assertEquals(Venue.BINANCE_USDM, funding.venue());
        assertDecimal("26780.82240476", funding.markPrice(), "markPrice");
        assertDecimal("26798.25197802", funding.indexPrice(), "indexPrice");
        assertDecimal("0.00001226", funding.fundingRate(), "lastFundingRate");
        assertEquals(1687248000000L * NS_PER_MS, funding.nextFundingTsNs(), "nextFundingTime");
        assertEquals(1687244112000L * NS_PER_MS, funding.exchTsNs(), "time");
        assertEquals(RECV_TS_NS, funding.recvTsNs());
    }

    @Test
    void shouldLeaveDeliveryContractsFundingRateAndNextFundingTimeAbsent()
    {
        final GocryptotraderRecording.Response response = only("/dapi/v1/premiumIndex", "pair=BTCUSD");
        final BinanceRestDecoder decoder = decoder(Venue.BINANCE_COINM, BinanceRestEndpoint.PREMIUM_INDEX);

        assertEquals(4, decode(decoder, response.body()));
        // first element: a quarterly contract, "lastFundingRate":"" and "nextFundingTime":0
        final FundingDecoder funding = view.funding(sink.buffer(), sink.messages().get(0));
        assertTrue(response.body().contains("\"lastFundingRate\": \"\""), response.body());
        assertEquals(Long.MIN_VALUE, funding.fundingRate().mantissa(), "lastFundingRate \"\" is absent");
        assertEquals(Long.MIN_VALUE, funding.nextFundingTsNs(), "nextFundingTime 0 is absent");
        assertDecimal("11761.50067917", funding.markPrice(), "markPrice");
        assertDecimal("11353.95875000", funding.indexPrice(), "indexPrice");
    }

    @Test
    void shouldDecodeEveryRecordedResponseOfEveryEndpointFieldByField()
    {
        int responses = 0;
        int messages = 0;
        for (final String route : ROUTES)
        {
            final BinanceRestEndpoint endpoint = BinanceRestEndpoint.ofUrl(route);
            for (final GocryptotraderRecording.Response response : GocryptotraderRecording.responses(route))
            {
                final BinanceRestDecoder decoder = new BinanceRestDecoder(
                    route.startsWith("/dapi") ? Venue.BINANCE_COINM : Venue.BINANCE_USDM);
                decoder.contextUrl(response.url());
                decoder.contextSymbol(response.symbolParameter());
                assertEquals(endpoint, decoder.expected());
                final List<String> elements = GocryptotraderRecording.elements(response.body());

                assertEquals(elements.size(), decode(decoder, response.body()), route + "?" + response.queryString());
                for (int i = 0; i < elements.size(); i++)
                {
                    assertElement(endpoint, response, MiniJson.members(elements.get(i)), sink.messages().get(i));
                }
                responses++;
                messages += elements.size();
            }
        }
        assertEquals(39, responses, "recorded responses with a body");
        assertEquals(391, messages, "elements in them");
    }

    private void assertElement(
        final BinanceRestEndpoint endpoint,
        final GocryptotraderRecording.Response response,
        final Map<String, String> json,
        final RecordingSink.Message message)
    {
        final String where = response.route() + "?" + response.queryString() + " " + json;
        final String symbol = json.containsKey("symbol") ? MiniJson.unquote(json.get("symbol")) :
            json.containsKey("pair") ? MiniJson.unquote(json.get("pair")) : response.symbolParameter();
        assertEquals(symbol, message.symbol(), where);
        switch (endpoint)
        {
            case PREMIUM_INDEX:
            {
                final FundingDecoder funding = view.funding(sink.buffer(), message);
                assertDecimal(json.get("markPrice"), funding.markPrice(), where);
                assertDecimal(json.get("indexPrice"), funding.indexPrice(), where);
                assertDecimal(json.get("lastFundingRate"), funding.fundingRate(), where);
                assertTime(json.get("nextFundingTime"), funding.nextFundingTsNs(), where);
                assertTime(json.get("time"), funding.exchTsNs(), where);
                break;
            }
            case FUNDING_RATE:
            {
                final FundingDecoder funding = view.funding(sink.buffer(), message);
                assertDecimal(json.get("fundingRate"), funding.fundingRate(), where);
                assertDecimal(json.get("markPrice"), funding.markPrice(), where);
                assertDecimal(null, funding.indexPrice(), where);
                assertTime(json.get("fundingTime"), funding.exchTsNs(), where);
                assertEquals(Long.MIN_VALUE, funding.nextFundingTsNs(), where);
                break;
            }
            case OPEN_INTEREST:
            {
                final OpenInterestDecoder openInterest = view.openInterest(sink.buffer(), message);
                assertDecimal(json.get("openInterest"), openInterest.openInterest(), where);
                assertDecimal(null, openInterest.openInterestValue(), where);
                assertTime(json.get("time"), openInterest.exchTsNs(), where);
                break;
            }
            case OPEN_INTEREST_HIST:
            {
                final OpenInterestDecoder openInterest = view.openInterest(sink.buffer(), message);
                assertDecimal(json.get("sumOpenInterest"), openInterest.openInterest(), where);
                assertDecimal(json.get("sumOpenInterestValue"), openInterest.openInterestValue(), where);
                assertTime(json.get("timestamp"), openInterest.exchTsNs(), where);
                break;
            }
            case TAKER_LONG_SHORT_RATIO:
            {
                final RatioDecoder ratio = view.ratio(sink.buffer(), message);
                assertEquals(RatioKind.TAKER_BUY_SELL_VOLUME, ratio.kind(), where);
                assertDecimal(json.get("buySellRatio"), ratio.longShortRatio(), where);
                assertDecimal(json.get("buyVol"), ratio.longAccount(), where);
                assertDecimal(json.get("sellVol"), ratio.shortAccount(), where);
                assertTime(json.get("timestamp"), ratio.exchTsNs(), where);
                break;
            }
            default:
            {
                final RatioDecoder ratio = view.ratio(sink.buffer(), message);
                assertEquals(endpoint.ratioKind(), ratio.kind(), where);
                assertDecimal(json.get("longShortRatio"), ratio.longShortRatio(), where);
                assertDecimal(json.getOrDefault("longAccount", json.get("longPosition")), ratio.longAccount(), where);
                assertDecimal(json.getOrDefault("shortAccount", json.get("shortPosition")), ratio.shortAccount(),
                    where);
                assertTime(json.get("timestamp"), ratio.exchTsNs(), where);
                break;
            }
        }
    }

    @Test
    void shouldTakeTheTakerRatiosSymbolFromTheRequestAndCoinMarginedPairStatisticsFromTheirPair()
    {
        final GocryptotraderRecording.Response taker = GocryptotraderRecording.responses(
            "/futures/data/takerlongshortRatio").get(0);
        final BinanceRestDecoder decoder = decoder(Venue.BINANCE_USDM, BinanceRestEndpoint.TAKER_LONG_SHORT_RATIO);
        decoder.contextSymbol("BTCUSDT");
        assertEquals(10, decode(decoder, taker.body()));
        final RatioDecoder first = view.ratio(sink.buffer(), sink.messages().get(0));
        assertEquals("BTCUSDT", sink.messages().get(0).symbol());
        assertEquals(RatioKind.TAKER_BUY_SELL_VOLUME, first.kind());
        assertDecimal("1.2946", first.longShortRatio(), "buySellRatio");
        assertDecimal("280.8630", first.longAccount(), "buyVol");
        assertDecimal("216.9500", first.shortAccount(), "sellVol");
        assertEquals(1605575400000L * NS_PER_MS, first.exchTsNs(), "timestamp");

        decoder.contextSymbol(null);
        assertEquals(1, decode(decoder, taker.body()));
        assertEquals(StatusReason.MISSING_FIELD, status().reason(), "no symbol anywhere");

        final GocryptotraderRecording.Response positions = only("/futures/data/topLongShortPositionRatio",
            "pair=BTCUSD&period=5m");
        decoder.expect(BinanceRestEndpoint.TOP_LONG_SHORT_POSITION_RATIO);
        assertEquals(5, decode(decoder, positions.body()));
        final RatioDecoder coinm = view.ratio(sink.buffer(), sink.messages().get(0));
        assertEquals("BTCUSD", sink.messages().get(0).symbol());
        assertEquals(RatioKind.TOP_TRADER_POSITIONS, coinm.kind());
        assertDecimal("0.9353", coinm.longShortRatio(), "longShortRatio");
        assertDecimal("0.4833", coinm.longAccount(), "longPosition");
        assertDecimal("0.5167", coinm.shortAccount(), "shortPosition");
    }

    @Test
    void shouldGiveTheSameBodyTheRatioKindOfTheEndpointTheCallerNames()
    {
        final String body =
            GocryptotraderRecording.responses("/futures/data/globalLongShortAccountRatio").get(0).body();
        final BinanceRestDecoder decoder = new BinanceRestDecoder(Venue.BINANCE_USDM);
        final RatioKind[] kinds = new RatioKind[3];
        final BinanceRestEndpoint[] endpoints = {
            BinanceRestEndpoint.GLOBAL_LONG_SHORT_ACCOUNT_RATIO, BinanceRestEndpoint.TOP_LONG_SHORT_ACCOUNT_RATIO,
            BinanceRestEndpoint.TOP_LONG_SHORT_POSITION_RATIO };
        for (int i = 0; i < endpoints.length; i++)
        {
            decoder.expect(endpoints[i]);
            assertEquals(30, decode(decoder, body));
            kinds[i] = view.ratio(sink.buffer(), sink.messages().get(29)).kind();
        }
        assertEquals(List.of(RatioKind.GLOBAL_ACCOUNTS, RatioKind.TOP_TRADER_ACCOUNTS, RatioKind.TOP_TRADER_POSITIONS),
            List.of(kinds));

        decoder.expect(null);
        assertEquals(1, decode(decoder, body));
        assertEquals(StatusReason.UNKNOWN_EVENT_TYPE, status().reason(), "no endpoint named");
        decoder.contextUrl("https://fapi.binance.com/fapi/v1/klines?symbol=BTCUSDT");
        assertNull(decoder.expected());
    }

    @Test
    void shouldReportRecordedBinanceErrorReplyAsVenueErrorWithItsCode()
    {
        final GocryptotraderRecording.Response error = only("/fapi/v1/ticker/24hr", "symbol=BTCUSD_201225");
        assertEquals("{\n      \"code\": -1121,\n      \"msg\": \"Invalid symbol.\"\n     }", error.body());
        final BinanceRestDecoder decoder = decoder(Venue.BINANCE_USDM, BinanceRestEndpoint.OPEN_INTEREST);

        assertEquals(1, decode(decoder, error.body()));
        final StatusDecoder status = status();
        assertEquals(StatusReason.VENUE_ERROR, status.reason());
        assertEquals(-1121, status.detail(), "Binance's code");
    }

    @Test
    void shouldAnswerAnEmptyArrayWithNothing()
    {
        final BinanceRestDecoder decoder = decoder(Venue.BINANCE_USDM, BinanceRestEndpoint.OPEN_INTEREST_HIST);
        assertEquals(0, decode(decoder, " [ ] "));
        assertEquals(0, sink.commits());
    }

    @Test
    void shouldWriteNothingOfAResponseWithOneBadElement()
    {
        final String body = only("/futures/data/openInterestHist",
            "endTime=1602820343&limit=10&period=1d&startTime=1602802343&symbol=LTCUSDT").body();
        final List<String> elements = GocryptotraderRecording.elements(body);
        assertEquals(10, elements.size());
        final String bad = elements.get(6).replace("\"sumOpenInterest\": \"", "\"sumOpenInterest\": \"x");
        final String mutated = body.replace(elements.get(6), bad);
        final BinanceRestDecoder decoder = decoder(Venue.BINANCE_USDM, BinanceRestEndpoint.OPEN_INTEREST_HIST);

        assertEquals(1, decode(decoder, mutated));
        final StatusDecoder status = status();
        assertEquals(StatusReason.BAD_NUMBER, status.reason());
        final int elementAt = mutated.indexOf(bad);
        assertTrue(status.detail() > elementAt && status.detail() < elementAt + bad.length(),
            "offset " + status.detail() + " inside the seventh element at " + elementAt);
    }

    @Test
    void shouldReportEveryTruncationOfRecordedBodiesAsTruncated()
    {
        int cuts = 0;
        for (final String route : ROUTES)
        {
            final GocryptotraderRecording.Response response = GocryptotraderRecording.responses(route).get(0);
            final BinanceRestDecoder decoder = new BinanceRestDecoder(Venue.BINANCE_USDM);
            decoder.contextUrl(response.url());
            decoder.contextSymbol("BTCUSDT");
            final String body = response.body().length() > 2000 ? response.body().substring(0, 2000) :
                response.body();
            final byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            // the cut body sits inside the whole one, as in a capture line: bytes past the cut are still there
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            for (int length = 0; length < body.trim().length(); length++)
            {
                sink.clear();
                assertEquals(1, decoder.decode(buffer, 0, length, RECV_TS_NS, sink), route + " cut at " + length);
                assertEquals(StatusReason.TRUNCATED, status().reason(), route + " cut at " + length);
                cuts++;
            }
        }
        assertTrue(cuts > 2000, "cuts " + cuts);
    }

    @Test
    void shouldReportWrongTypesOverflowDuplicatesAndStrayBytesWithTheirReason()
    {
        final String premium = "{\"symbol\":\"BTCUSDT\",\"markPrice\":\"11793.63104562\",\"indexPrice\":\"11781.8\"," +
            "\"lastFundingRate\":\"0.00038246\",\"nextFundingTime\":1597392000000,\"time\":1597370495002}";
        final BinanceRestDecoder decoder = decoder(Venue.BINANCE_USDM, BinanceRestEndpoint.PREMIUM_INDEX);
        assertEquals(1, decode(decoder, premium));
        view.funding(sink.buffer(), sink.only());

        final Object[][] cases = {
            { premium.replace("\"11793.63104562\"", "true"), StatusReason.BAD_VALUE, "\"markPrice\":" },
            { premium.replace("\"11793.63104562\"", "\"-1\""), StatusReason.BAD_VALUE, "\"markPrice\":" },
            { premium.replace("\"11793.63104562\"", "\"\""), StatusReason.MISSING_FIELD, "\"markPrice\":" },
            { premium.replace("1597370495002", "\"abc\""), StatusReason.BAD_NUMBER, "abc" },
            { premium.replace("1597370495002", "-5"), StatusReason.BAD_VALUE, "\"time\":" },
            { premium.replace("1597370495002", "99999999999999999999"), StatusReason.NUMBER_OVERFLOW,
                "99999999999999999999" },
            { premium.replace("\"0.00038246\"", "[1]"), StatusReason.BAD_VALUE, "\"lastFundingRate\":" },
            { premium.replace("\"BTCUSDT\"", "\"BTC USDT\""), StatusReason.BAD_VALUE, " USDT" },
            { premium.replace("\"BTCUSDT\"", "\"\""), StatusReason.BAD_VALUE, "\"\"," },
            { premium.replace("\"BTCUSDT\"", "\"" + "Q".repeat(200) + "\""), StatusReason.SYMBOL_TOO_LONG,
                "\"QQQ" },
            { premium.replace(",\"time\"", ",\"markPrice\":\"1\",\"time\""), StatusReason.DUPLICATE_FIELD,
                ",\"markPrice\":\"1\"" },
            { premium.replace(",\"time\":1597370495002", ""), StatusReason.MISSING_FIELD, "}" },
            { premium + "x", StatusReason.UNEXPECTED_CHARACTER, "x" },
            { "[" + premium + ",7]", StatusReason.BAD_VALUE, "7" },
            { "[" + premium + " " + premium + "]", StatusReason.UNEXPECTED_CHARACTER, " {" },
            { "null", StatusReason.BAD_VALUE, "null" },
            { "\"premium\"", StatusReason.BAD_VALUE, "\"premium\"" },
        };
        for (final Object[] entry : cases)
        {
            final String body = (String)entry[0];
            assertEquals(1, decode(decoder, body), body);
            final StatusDecoder status = status();
            assertEquals(entry[1], status.reason(), body);
            // a marker ending in ':' names the member whose value is at fault, else the offset lies within it
            final String at = (String)entry[2];
            final int from = at.endsWith(":") ? body.lastIndexOf(at) + at.length() : body.lastIndexOf(at);
            final int to = at.endsWith(":") ? from : from + at.length();
            assertTrue(from >= 0 && status.detail() >= from && status.detail() <= to,
                body + ": offset " + status.detail() + ", expected " + from + ".." + to);
        }
    }

    @Test
    void shouldDecodeRecordedBodiesOfEveryEndpointWithoutAllocating()
    {
        final StringBuilder measured = new StringBuilder();
        for (final String route : ROUTES)
        {
            final List<String> bodies = new ArrayList<>();
            long expected = 0;
            for (final GocryptotraderRecording.Response response : GocryptotraderRecording.responses(route))
            {
                bodies.add(response.body());
                expected += GocryptotraderRecording.elements(response.body()).size();
            }
            final BinanceRestDecoder decoder = new BinanceRestDecoder(Venue.BINANCE_USDM);
            decoder.contextUrl(route);
            decoder.contextSymbol("BTCUSDT");
            measured.append(route).append(": ")
                .append(new FrameReplay(bodies).assertDecodesWithoutAllocating(decoder, expected)).append("; ");
        }
        System.out.println("BinanceRestDecoder bytes allocated per pass: " + measured);
    }

    private static GocryptotraderRecording.Response only(final String route, final String queryString)
    {
        final List<GocryptotraderRecording.Response> matches = GocryptotraderRecording.responses(route).stream()
            .filter(response -> response.queryString().equals(queryString)).toList();
        assertEquals(1, matches.size(), route + "?" + queryString);
        return matches.get(0);
    }

    private static BinanceRestDecoder decoder(final Venue venue, final BinanceRestEndpoint endpoint)
    {
        final BinanceRestDecoder decoder = new BinanceRestDecoder(venue);
        decoder.expect(endpoint);
        return decoder;
    }

    private int decode(final BinanceRestDecoder decoder, final String body)
    {
        sink.clear();
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final int messages = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS_NS, sink);
        assertEquals(messages, sink.commits());
        assertEquals(0, sink.protocolErrors());
        return messages;
    }

    private StatusDecoder status()
    {
        return view.status(sink.buffer(), sink.only());
    }

    static void assertDecimal(final String raw, final Decimal64Decoder decimal, final String where)
    {
        if (raw == null || MiniJson.unquote(raw).isEmpty())
        {
            assertEquals(Long.MIN_VALUE, decimal.mantissa(), where + ": absent");
            assertEquals(0, decimal.exponent(), where + ": absent");
            return;
        }
        assertEquals(new BigDecimal(MiniJson.unquote(raw)), BigDecimal.valueOf(decimal.mantissa(), -decimal.exponent()),
            where);
    }

    private static void assertTime(final String raw, final long ns, final String where)
    {
        final long ms = raw == null ? 0 : Long.parseLong(MiniJson.unquote(raw));
        assertEquals(ms == 0 ? Long.MIN_VALUE : ms * NS_PER_MS, ns, where);
    }
}
