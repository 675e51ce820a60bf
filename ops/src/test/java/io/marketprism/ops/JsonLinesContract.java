/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The printed form of {@code JSONL.md}, as checks: the field set of every type, the JSON type of every field, the
 * allowed values of enumerations, decimals as plain strings. Returns every violation rather than stopping at the
 * first, so a failure says everything that is wrong.
 */
final class JsonLinesContract
{
    private static final Set<String> COMMON = Set.of("type", "venue", "symbol", "venueSymbol", "exchTs", "recvTs");
    private static final Map<String, Set<String>> FIELDS = Map.of(
        "trade", Set.of("price", "qty", "side", "tradeId"),
        "book", Set.of("snapshot", "bids", "asks", "seq", "prevSeq", "firstSeq", "health",
            "bidPrice", "bidQty", "askPrice", "askQty"),
        "bbo", Set.of("bidPrice", "bidQty", "askPrice", "askQty", "seq"),
        "funding", Set.of("markPrice", "indexPrice", "fundingRate", "nextFundingTs"),
        "open_interest", Set.of("openInterest", "openInterestValue"),
        "liquidation", Set.of("price", "qty", "side"),
        "ratio", Set.of("kind", "longShortRatio", "longAccount", "shortAccount"),
        "volatility_index", Set.of("value", "open", "high", "low", "close"),
        "instrument", Set.of("base", "quote", "kind", "tickSize", "lotSize", "contractSize", "expiryTs", "strike",
            "optionType"),
        "status", Set.of("event", "reason"));
    private static final Set<String> DECIMALS = Set.of("price", "qty", "bidPrice", "bidQty", "askPrice", "askQty",
        "markPrice", "indexPrice", "fundingRate", "openInterest", "openInterestValue", "longShortRatio", "longAccount",
        "shortAccount", "value", "open", "high", "low", "close", "tickSize", "lotSize", "contractSize", "strike");
    private static final Set<String> INTEGERS = Set.of("exchTs", "recvTs", "seq", "prevSeq", "firstSeq",
        "nextFundingTs", "expiryTs");
    private static final Set<String> VENUES = Set.of("binance-spot", "binance-usdm", "binance-coinm", "okx", "bybit",
        "deribit", "kraken", "kraken-futures", "coinbase");
    private static final Set<String> HEALTH = Set.of("valid", "resyncing", "stale", "crossed", "unknown");
    private static final Set<String> TOP = Set.of("bidPrice", "bidQty", "askPrice", "askQty");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");
    private static final Pattern SYMBOL = Pattern.compile(
        "[A-Z0-9]+-[A-Z0-9]+(-PERP|-[0-9]{8}(-[0-9]+(\\.[0-9]+)?-[CP])?)?|[A-Z0-9_./:-]+");
    private static final Pattern STATUS_EVENT = Pattern.compile("[a-z_]+");

    private JsonLinesContract()
    {
    }

    static List<String> violations(final List<JsonNode> lines)
    {
        final List<String> violations = new ArrayList<>();
        int lineNumber = 0;
        for (final JsonNode line : lines)
        {
            lineNumber++;
            check(line, "line " + lineNumber + ": ", violations);
            if (violations.size() > 50)
            {
                break;
            }
        }
        return violations;
    }

    private static void check(final JsonNode line, final String where, final List<String> violations)
    {
        if (!line.isObject())
        {
            violations.add(where + "not an object");
            return;
        }
        final String type = line.path("type").asText("");
        final Set<String> typeFields = FIELDS.get(type);
        if (typeFields == null)
        {
            violations.add(where + "unknown type '" + type + "'");
            return;
        }
        if (!VENUES.contains(line.path("venue").asText("")))
        {
            violations.add(where + "venue missing or unknown: " + line.get("venue"));
        }
        if (!line.has("recvTs"))
        {
            violations.add(where + "recvTs missing");
        }
        if (line.has("symbol") != line.has("venueSymbol"))
        {
            violations.add(where + "symbol and venueSymbol must come together");
        }
        if (line.has("symbol") && !SYMBOL.matcher(line.get("symbol").asText()).matches())
        {
            violations.add(where + "symbol not canonical: " + line.get("symbol"));
        }

        for (final Iterator<String> names = line.fieldNames(); names.hasNext();)
        {
            final String name = names.next();
            final JsonNode value = line.get(name);
            if (!COMMON.contains(name) && !typeFields.contains(name))
            {
                violations.add(where + type + " has unexpected field '" + name + "'");
            }
            if (value.isNull())
            {
                violations.add(where + name + " is null (absent fields are omitted)");
            }
            if (DECIMALS.contains(name) && !(value.isTextual() && DECIMAL.matcher(value.asText()).matches()))
            {
                violations.add(where + name + " is not a plain decimal string: " + value);
            }
            if (INTEGERS.contains(name) && !value.isIntegralNumber())
            {
                violations.add(where + name + " is not an integer: " + value);
            }
        }

        switch (type)
        {
            case "trade":
                // tradeId only where the venue gives one: Kraken's v1 trades carry none (JSONL.md: omitted, not null)
                require(line, where, violations, "price", "qty", "side");
                if (!Set.of("buy", "sell").contains(line.path("side").asText()))
                {
                    violations.add(where + "side must be buy or sell: " + line.get("side"));
                }
                if (line.has("tradeId") && !line.get("tradeId").isTextual())
                {
                    violations.add(where + "tradeId must be a string");
                }
                break;

            case "book":
                require(line, where, violations, "snapshot", "bids", "asks", "health");
                if (!line.path("snapshot").isBoolean())
                {
                    violations.add(where + "snapshot must be a boolean");
                }
                final String health = line.path("health").asText();
                if (!HEALTH.contains(health))
                {
                    violations.add(where + "health not allowed: " + health);
                }
                if (!"valid".equals(health))
                {
                    for (final String top : TOP)
                    {
                        if (line.has(top))
                        {
                            violations.add(where + top + " present while health is " + health);
                        }
                    }
                }
                else if (line.has("bidPrice") != line.has("bidQty") || line.has("askPrice") != line.has("askQty"))
                {
                    // a valid book may be empty (a Deribit option nobody quotes): then it has no top to carry
                    violations.add(where + "a valid book carries its top: bid and/or ask, price with quantity");
                }
                levels(line.get("bids"), where + "bids", violations);
                levels(line.get("asks"), where + "asks", violations);
                break;

            case "bbo":
                // quantities only where the venue sends them (Coinbase's legacy ticker has prices alone): JSONL.md
                // omits what the venue does not provide; a quantity without its price is still wrong
                require(line, where, violations, "bidPrice", "askPrice");
                if ((line.has("bidQty") && !line.has("bidPrice")) || (line.has("askQty") && !line.has("askPrice")))
                {
                    violations.add(where + "bbo quantity without its price");
                }
                break;

            case "status":
                require(line, where, violations, "event", "reason");
                if (!STATUS_EVENT.matcher(line.path("event").asText()).matches() ||
                    !line.path("reason").isTextual())
                {
                    violations.add(where + "event/reason malformed: " + line);
                }
                break;

            case "instrument":
                require(line, where, violations, "kind", "symbol", "venueSymbol");
                if (!Set.of("spot", "perpetual", "future", "option").contains(line.path("kind").asText()))
                {
                    violations.add(where + "kind not allowed: " + line.get("kind"));
                }
                break;

            default:
                break;
        }
    }

    private static void levels(final JsonNode levels, final String where, final List<String> violations)
    {
        if (levels == null || !levels.isArray())
        {
            violations.add(where + " must be an array");
            return;
        }
        for (final JsonNode level : levels)
        {
            if (!level.isArray() || level.size() != 2 || !level.get(0).isTextual() || !level.get(1).isTextual() ||
                !DECIMAL.matcher(level.get(0).asText()).matches() || !DECIMAL.matcher(level.get(1).asText()).matches())
            {
                violations.add(where + " level must be [price, qty] decimal strings: " + level);
                return;
            }
        }
    }

    private static void require(
        final JsonNode line, final String where, final List<String> violations, final String... fields)
    {
        for (final String field : fields)
        {
            if (!line.has(field))
            {
                violations.add(where + line.path("type").asText() + " lacks '" + field + "'");
            }
        }
    }
}
