/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.feeds.binance.BinanceRestEndpoint;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.Venue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads the configuration in layers, later ones winning key by key: the shipped {@code marketprism-default.conf},
 * the profile's group of defaults ({@code marketprism-profile-<profile>.conf}, the profile being
 * {@code marketprism.threading.profile} as set by any layer), a {@code --config} file, {@code MARKETPRISM_*}
 * environment variables, {@code -Dmarketprism.*} system properties, and the command's own options. Then validates
 * all of it and reports every problem at once, each with where the value was set.
 */
public final class ConfigurationLoader
{
    /** The shipped defaults, a class path resource. */
    public static final String DEFAULTS_RESOURCE = "marketprism-default.conf";
    /** Prefix of every key. */
    public static final String ROOT = "marketprism";
    /** Prefix of environment variables that set keys. */
    public static final String ENV_PREFIX = "MARKETPRISM_";

    private static final String VENUES = ROOT + ".venues";
    private static final List<String> VENUE_FIELDS = List.of(
        "enabled", "instruments", "dataTypes", "websocketUrl", "restUrl", "trustStore", "trustStorePassword",
        "restPolls", "restPollIntervalMs", "restWeightPerMinute");
    private static final Set<String> LIST_FIELDS = Set.of("instruments", "dataTypes", "restPolls");
    private static final Set<String> INTEGER_FIELDS = Set.of("restPollIntervalMs", "restWeightPerMinute");
    private static final List<String> PROFILES = List.of("dev", "low-latency");
    /** System properties under the prefix that belong to the launcher and tests, not to the configuration. */
    private static final Set<String> NOT_CONFIGURATION = Set.of("marketprism.recordings", "marketprism.home");

    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigurationLoader()
    {
    }

    /**
     * Loads with this process's environment and system properties.
     *
     * @param configFile a file overriding the defaults, or null.
     * @param options    the command's own settings (full keys), applied last.
     * @return the validated configuration.
     * @throws InvalidConfigurationException listing every problem.
     */
    public static LoadedConfiguration load(final Path configFile, final Map<String, String> options)
    {
        return load(configFile, options, System.getenv(), System.getProperties());
    }

    /**
     * @param configFile  a file overriding the defaults, or null.
     * @param options     the command's own settings (full keys), applied last.
     * @param environment environment variables; {@code MARKETPRISM_*} ones set keys.
     * @param properties  system properties; {@code marketprism.*} ones set keys.
     * @return the validated configuration.
     * @throws InvalidConfigurationException listing every problem.
     */
    public static LoadedConfiguration load(
        final Path configFile,
        final Map<String, String> options,
        final Map<String, String> environment,
        final Properties properties)
    {
        return new ConfigurationLoader().run(configFile, options, environment, properties);
    }

    /**
     * @return every key of the configuration: the engine's and each venue's.
     */
    public static Set<String> knownKeys()
    {
        final Set<String> keys = new TreeSet<>(EngineConfiguration.keys());
        for (final Venue venue : VenueNames.venues())
        {
            for (final String field : VENUE_FIELDS)
            {
                keys.add(venueKey(VenueNames.name(venue), field));
            }
        }
        return keys;
    }

    /**
     * The environment variable that sets a key: the key without {@code marketprism.}, each dot or dash an
     * underscore, each camelCase word boundary an underscore, upper case, after {@code MARKETPRISM_}.
     *
     * @param key a full key, e.g. {@code marketprism.ring.logCapacityBytes}.
     * @return e.g. {@code MARKETPRISM_RING_LOG_CAPACITY_BYTES}.
     */
    public static String environmentName(final String key)
    {
        final String path = key.substring(ROOT.length() + 1);
        final StringBuilder name = new StringBuilder(ENV_PREFIX);
        for (int i = 0; i < path.length(); i++)
        {
            final char c = path.charAt(i);
            if (c == '.' || c == '-')
            {
                name.append('_');
            }
            else if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(path.charAt(i - 1)))
            {
                name.append('_').append(c);
            }
            else
            {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }

    private LoadedConfiguration run(
        final Path configFile,
        final Map<String, String> options,
        final Map<String, String> environment,
        final Properties properties)
    {
        final Config defaults = ConfigFactory.parseResources(ConfigurationLoader.class, "/" + DEFAULTS_RESOURCE,
            ConfigParseOptions.defaults().setAllowMissing(false));
        final Config file = configFile != null ? parseFile(configFile) : ConfigFactory.empty();
        final Config env = environmentLayer(environment);
        final Config system = systemPropertyLayer(properties);
        final Config command = layer(options, "command-line option");

        final Config above = command.withFallback(system).withFallback(env).withFallback(file);
        final Config profile = profileLayer(above.withFallback(defaults));
        Config merged = above.withFallback(profile).withFallback(defaults);
        try
        {
            merged = merged.resolve();
        }
        catch (final ConfigException ex)
        {
            problems.add(new ConfigProblem(origin(ex.origin()), null, null, ex.getMessage()));
            throw new InvalidConfigurationException(problems);
        }

        final Map<String, ConfigValue> leaves = new TreeMap<>();
        for (final Map.Entry<String, ConfigValue> entry : merged.entrySet())
        {
            leaves.put(entry.getKey(), entry.getValue());
        }
        checkKeys(leaves);
        final EngineConfiguration.Context engine = engine(merged);
        final VenuesConfiguration venues = venues(merged);
        if (!problems.isEmpty())
        {
            throw new InvalidConfigurationException(problems);
        }

        final Map<String, String[]> effective = new LinkedHashMap<>();
        for (final Map.Entry<String, ConfigValue> entry : leaves.entrySet())
        {
            effective.put(entry.getKey(), new String[]{
                entry.getValue().render(ConfigRenderOptions.concise()), origin(entry.getValue().origin()) });
        }
        return new LoadedConfiguration(engine, venues, effective);
    }

    private Config parseFile(final Path file)
    {
        if (!Files.exists(file))
        {
            throw unreadable(file, "no such file");
        }
        if (Files.isDirectory(file))
        {
            throw unreadable(file, "it is a directory");
        }
        if (!Files.isReadable(file))
        {
            throw unreadable(file, "permission denied");
        }
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        final ConfigSyntax syntax = name.endsWith(".properties") ? ConfigSyntax.PROPERTIES :
            name.endsWith(".json") ? ConfigSyntax.JSON : ConfigSyntax.CONF;
        try
        {
            return ConfigFactory.parseFile(file.toFile(),
                ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(syntax));
        }
        catch (final ConfigException.Parse ex)
        {
            throw new InvalidConfigurationException(List.of(new ConfigProblem(origin(ex.origin()), null, null,
                "malformed " + syntax.name().toLowerCase(Locale.ROOT).replace("conf", "HOCON") + ": " +
                stripOrigin(ex))));
        }
        catch (final ConfigException ex)
        {
            throw unreadable(file, stripOrigin(ex));
        }
    }

    private static InvalidConfigurationException unreadable(final Path file, final String why)
    {
        return new InvalidConfigurationException(List.of(new ConfigProblem(String.valueOf(file), null, null,
            "cannot read config file: " + why)));
    }

    private static String stripOrigin(final ConfigException ex)
    {
        final String message = ex.getMessage();
        final String origin = ex.origin() != null ? ex.origin().description() + ": " : "";
        return message.startsWith(origin) ? message.substring(origin.length()) : message;
    }

    private Config environmentLayer(final Map<String, String> environment)
    {
        final Map<String, String> byName = new TreeMap<>();
        for (final String key : knownKeys())
        {
            byName.put(environmentName(key), key);
        }
        Config layer = ConfigFactory.empty();
        for (final Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet())
        {
            final String name = entry.getKey();
            if (!name.startsWith(ENV_PREFIX))
            {
                continue;
            }
            final String key = byName.get(name);
            if (key != null)
            {
                layer = at(key, entry.getValue(), "environment variable " + name).withFallback(layer);
                continue;
            }
            // other MARKETPRISM_ variables belong to the launcher (MARKETPRISM_JAVA_OPTS); only near misses are typos
            final String suggestion = KeySuggestion.closest(name, byName.keySet(), 2);
            if (suggestion != null)
            {
                problems.add(new ConfigProblem("environment variable " + name, name, entry.getValue(),
                    "a known variable; did you mean " + suggestion + "?"));
            }
        }
        return layer;
    }

    private Config systemPropertyLayer(final Properties properties)
    {
        final Map<String, String> settings = new TreeMap<>();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(ROOT + ".") && !NOT_CONFIGURATION.contains(name) &&
                !name.startsWith(ROOT + ".cli."))
            {
                settings.put(name, properties.getProperty(name));
            }
        }
        Config layer = ConfigFactory.empty();
        for (final Map.Entry<String, String> entry : settings.entrySet())
        {
            layer = at(entry.getKey(), entry.getValue(), "system property -D" + entry.getKey()).withFallback(layer);
        }
        return layer;
    }

    private Config layer(final Map<String, String> settings, final String description)
    {
        Config layer = ConfigFactory.empty();
        for (final Map.Entry<String, String> entry : new TreeMap<>(settings).entrySet())
        {
            layer = at(entry.getKey(), entry.getValue(), description + " " + entry.getKey()).withFallback(layer);
        }
        return layer;
    }

    private Config at(final String key, final String value, final String origin)
    {
        try
        {
            return ConfigValueFactory.fromAnyRef(value, origin).atPath(key);
        }
        catch (final ConfigException ex)
        {
            problems.add(new ConfigProblem(origin, key, value, "a key made of names separated by dots"));
            return ConfigFactory.empty();
        }
    }

    private static Config profileLayer(final Config withoutProfile)
    {
        final String key = EngineConfiguration.THREADING_PROFILE_PROP_NAME;
        if (!withoutProfile.hasPath(key) || withoutProfile.getValue(key).valueType() != ConfigValueType.STRING)
        {
            return ConfigFactory.empty();
        }
        final String name = withoutProfile.getString(key).trim();
        if (!PROFILES.contains(name))
        {
            return ConfigFactory.empty(); // reported by the engine's validation, naming the allowed profiles
        }
        return ConfigFactory.parseResources(ConfigurationLoader.class, "/marketprism-profile-" + name + ".conf",
            ConfigParseOptions.defaults().setAllowMissing(false));
    }

    private void checkKeys(final Map<String, ConfigValue> leaves)
    {
        final Set<String> engineKeys = EngineConfiguration.keys();
        final Set<String> known = knownKeys();
        final Set<String> reported = new HashSet<>();
        for (final Map.Entry<String, ConfigValue> entry : leaves.entrySet())
        {
            final String key = entry.getKey();
            final ConfigValue value = entry.getValue();
            if (known.contains(key))
            {
                continue;
            }
            final List<String> path = ConfigUtil.splitPath(key);
            if (path.size() > 2 && key.startsWith(VENUES + "."))
            {
                final String venue = path.get(2);
                if (!isVenue(venue))
                {
                    if (reported.add(VENUES + "." + venue))
                    {
                        final String suggestion = KeySuggestion.closest(venue, venueNames(), 3);
                        problems.add(new ConfigProblem(origin(value.origin()), VENUES + "." + venue, null,
                            "a known venue: " + String.join(", ", venueNames()) +
                            (suggestion != null ? "; did you mean " + suggestion + "?" : "")));
                    }
                    continue;
                }
            }
            final String scalarParent = parentIn(path, known);
            if (scalarParent != null)
            {
                if (reported.add(scalarParent))
                {
                    problems.add(new ConfigProblem(origin(value.origin()), scalarParent, null,
                        describe(scalarParent) + ", not an object"));
                }
                continue;
            }
            if (isSectionOf(key, known))
            {
                problems.add(new ConfigProblem(origin(value.origin()), key, render(value),
                    "an object (a section of keys such as " + firstUnder(key, known) + "), not a value"));
                continue;
            }
            final String last = path.get(path.size() - 1);
            String suggestion = KeySuggestion.closest(key, known, Math.max(2, last.length() / 3));
            if (suggestion == null && !key.startsWith(ROOT + ".") && known.contains(ROOT + "." + key))
            {
                suggestion = ROOT + "." + key;
            }
            problems.add(new ConfigProblem(origin(value.origin()), key, render(value),
                "a known key" + (suggestion != null ? "; did you mean " + suggestion + "?" :
                engineKeys.contains(key) ? "" : ", see " + DEFAULTS_RESOURCE)));
        }
    }

    private static String parentIn(final List<String> path, final Set<String> known)
    {
        for (int i = path.size() - 1; i > 0; i--)
        {
            final String parent = ConfigUtil.joinPath(path.subList(0, i));
            if (known.contains(parent))
            {
                return parent;
            }
        }
        return null;
    }

    private static boolean isSectionOf(final String key, final Set<String> known)
    {
        return firstUnder(key, known) != null;
    }

    private static String firstUnder(final String key, final Set<String> known)
    {
        for (final String candidate : known)
        {
            if (candidate.startsWith(key + "."))
            {
                return candidate;
            }
        }
        return null;
    }

    private static String describe(final String key)
    {
        final String field = key.substring(key.lastIndexOf('.') + 1);
        if (key.startsWith(VENUES + "."))
        {
            return LIST_FIELDS.contains(field) ? "a list of strings" : "enabled".equals(field) ? "true or false" :
                INTEGER_FIELDS.contains(field) ? "an integer" : "a string";
        }
        try
        {
            new EngineConfiguration.Context().set(key, "\u0000");
            return "a string";
        }
        catch (final EngineConfiguration.ConfigurationException ex)
        {
            final String message = ex.getMessage();
            return message.substring(message.indexOf("(expected ") + 10, message.length() - 1);
        }
    }

    private EngineConfiguration.Context engine(final Config merged)
    {
        final EngineConfiguration.Context context = new EngineConfiguration.Context();
        final Set<String> failed = new HashSet<>();
        for (final String key : EngineConfiguration.keys())
        {
            if (!merged.hasPath(key))
            {
                continue;
            }
            final ConfigValue value = merged.getValue(key);
            if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.OBJECT)
            {
                failed.add(key);
                if (value.valueType() == ConfigValueType.LIST)
                {
                    problems.add(new ConfigProblem(origin(value.origin()), key, render(value),
                        describe(key) + ", not a list"));
                }
                continue; // an object was reported by checkKeys through its leaves
            }
            try
            {
                context.set(key, String.valueOf(value.unwrapped()));
            }
            catch (final EngineConfiguration.ConfigurationException ex)
            {
                failed.add(key);
                problems.add(problem(value.origin(), ex));
            }
        }
        for (final EngineConfiguration.ConfigurationException ex : context.validate())
        {
            if (!failed.contains(ex.key()))
            {
                problems.add(problem(merged.hasPath(ex.key()) ? merged.getValue(ex.key()).origin() : null, ex));
            }
        }
        return context;
    }

    private static ConfigProblem problem(final ConfigOrigin origin, final EngineConfiguration.ConfigurationException ex)
    {
        final String message = ex.getMessage();
        final int equals = message.indexOf('=', message.indexOf(ex.key()));
        final int expected = message.lastIndexOf(" (expected ");
        return new ConfigProblem(origin(origin), ex.key(), message.substring(equals + 1, expected),
            message.substring(expected + 11, message.length() - 1));
    }

    private VenuesConfiguration venues(final Config merged)
    {
        final Map<Venue, VenueSettings> venues = new EnumMap<>(Venue.class);
        for (final Venue venue : VenueNames.venues())
        {
            final String name = VenueNames.name(venue);
            final int before = problems.size();
            final boolean enabled = bool(merged, venueKey(name, "enabled"));
            final List<String> instruments = strings(merged, venueKey(name, "instruments"));
            final List<DataType> dataTypes = dataTypes(merged, venueKey(name, "dataTypes"));
            final String websocketUrl = url(merged, venueKey(name, "websocketUrl"), "ws", "wss", false);
            final String restUrl = url(merged, venueKey(name, "restUrl"), "http", "https", true);
            final String password = string(merged, venueKey(name, "trustStorePassword"));
            final String trustStoreText = string(merged, venueKey(name, "trustStore"));
            final Path trustStore = trustStoreText == null || trustStoreText.isEmpty() ? null :
                trustStore(merged, venueKey(name, "trustStore"), Path.of(trustStoreText), password);
            if (enabled && instruments != null && instruments.isEmpty())
            {
                add(merged, venueKey(name, "instruments"), "at least one of the venue's symbols when enabled");
            }
            if (enabled && dataTypes != null && dataTypes.isEmpty())
            {
                add(merged, venueKey(name, "dataTypes"), "at least one data type when enabled");
            }
            if (instruments != null && dataTypes != null)
            {
                checkSubscriptions(merged, venue, instruments, dataTypes, websocketUrl);
            }
            final List<String> restPolls = restPolls(merged, venue);
            final long intervalMs = integer(merged, venueKey(name, "restPollIntervalMs"), 100, 86_400_000L);
            final long weightPerMinute = integer(merged, venueKey(name, "restWeightPerMinute"), 1, 1_000_000L);
            if (problems.size() == before)
            {
                venues.put(venue, new VenueSettings(venue, enabled, instruments, dataTypes, websocketUrl, restUrl,
                    trustStore, password, restPolls, intervalMs, (int)weightPerMinute));
            }
        }
        return new VenuesConfiguration(venues);
    }

    /**
     * @return the venue's polled REST endpoints, each one it offers ({@code BinanceFeedVenue#poll}); problems
     *         added for the others.
     */
    private List<String> restPolls(final Config merged, final Venue venue)
    {
        final String key = venueKey(VenueNames.name(venue), "restPolls");
        final List<String> names = strings(merged, key);
        if (names == null)
        {
            return List.of();
        }
        for (final String poll : names)
        {
            final BinanceRestEndpoint endpoint = BinanceRestEndpoint.ofConfigName(poll);
            if (endpoint == null || endpoint.path(venue) == null)
            {
                final List<String> offered = new ArrayList<>();
                for (final BinanceRestEndpoint candidate : BinanceRestEndpoint.values())
                {
                    if (candidate.path(venue) != null)
                    {
                        offered.add(candidate.configName());
                    }
                }
                problems.add(new ConfigProblem(originOf(merged, key), key, poll, offered.isEmpty() ?
                    "nothing: " + VenueNames.name(venue) + " has no polled REST endpoint (binance-usdm and " +
                    "binance-coinm have)" : "one of " + String.join(", ", offered)));
            }
        }
        return names;
    }

    private long integer(final Config merged, final String key, final long min, final long max)
    {
        final String text = string(merged, key);
        if (text == null)
        {
            return min;
        }
        long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            value = min - 1;
        }
        if (value < min || value > max)
        {
            problems.add(new ConfigProblem(originOf(merged, key), key, text, "an integer from " + min + " to " + max));
            return min;
        }
        return value;
    }

    private void checkSubscriptions(
        final Config merged,
        final Venue venue,
        final List<String> instruments,
        final List<DataType> dataTypes,
        final String websocketUrl)
    {
        final String name = VenueNames.name(venue);
        final Map<DataType, Map<String, String>> failures = new EnumMap<>(DataType.class);
        for (final String instrument : instruments)
        {
            final Map<DataType, String> failed = new EnumMap<>(DataType.class);
            for (final DataType type : dataTypes)
            {
                try
                {
                    SubscriptionBuilders.forVenue(venue, websocketUrl)
                        .plan(SubscriptionRequest.subscribe(List.of(instrument), List.of(type)));
                }
                catch (final IllegalArgumentException ex)
                {
                    failed.put(type, ex.getMessage());
                }
            }
            if (!failed.isEmpty() && failed.size() == dataTypes.size() && new HashSet<>(failed.values()).size() == 1)
            {
                // no data type at all: the symbol is not of a shape the venue takes
                final String key = venueKey(name, "instruments");
                problems.add(new ConfigProblem(originOf(merged, key), key, instrument,
                    "a symbol " + name + " takes: " + failed.values().iterator().next()));
                continue;
            }
            for (final Map.Entry<DataType, String> entry : failed.entrySet())
            {
                failures.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>()).put(instrument, entry.getValue());
            }
        }
        for (final Map.Entry<DataType, Map<String, String>> entry : failures.entrySet())
        {
            final String key = venueKey(name, "dataTypes");
            problems.add(new ConfigProblem(originOf(merged, key), key, dataTypeName(entry.getKey()),
                "a data type " + name + " streams for " + String.join(", ", entry.getValue().keySet()) + ": " +
                entry.getValue().values().iterator().next()));
        }
    }

    private boolean bool(final Config merged, final String key)
    {
        final ConfigValue value = value(merged, key, "true or false");
        if (value == null)
        {
            return false;
        }
        final String text = String.valueOf(value.unwrapped());
        if (value.valueType() == ConfigValueType.BOOLEAN || "true".equalsIgnoreCase(text) ||
            "false".equalsIgnoreCase(text))
        {
            return Boolean.parseBoolean(text);
        }
        problems.add(new ConfigProblem(origin(value.origin()), key, render(value), "true or false"));
        return false;
    }

    private String string(final Config merged, final String key)
    {
        final ConfigValue value = value(merged, key, "a string");
        if (value == null)
        {
            return null;
        }
        if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.OBJECT)
        {
            problems.add(new ConfigProblem(origin(value.origin()), key, render(value), "a string"));
            return null;
        }
        return String.valueOf(value.unwrapped()).trim();
    }

    private List<String> strings(final Config merged, final String key)
    {
        final ConfigValue value = value(merged, key, "a list of strings");
        if (value == null)
        {
            return null;
        }
        final List<String> strings = new ArrayList<>();
        if (value.valueType() == ConfigValueType.STRING)
        {
            // from an environment variable, -D or a .properties file: comma-separated
            for (final String part : ((String)value.unwrapped()).split(","))
            {
                if (!part.isBlank())
                {
                    strings.add(part.trim());
                }
            }
            return strings;
        }
        if (value.valueType() != ConfigValueType.LIST)
        {
            problems.add(new ConfigProblem(origin(value.origin()), key, render(value),
                "a list of strings, e.g. [BTCUSDT, ETHUSDT]"));
            return null;
        }
        for (final ConfigValue element : (ConfigList)value)
        {
            if (element.valueType() == ConfigValueType.LIST || element.valueType() == ConfigValueType.OBJECT ||
                element.valueType() == ConfigValueType.NULL)
            {
                problems.add(new ConfigProblem(origin(element.origin()), key, render(value),
                    "a list of strings, e.g. [BTCUSDT, ETHUSDT]"));
                return null;
            }
            strings.add(String.valueOf(element.unwrapped()).trim());
        }
        return strings;
    }

    private List<DataType> dataTypes(final Config merged, final String key)
    {
        final List<String> names = strings(merged, key);
        if (names == null)
        {
            return null;
        }
        final List<DataType> types = new ArrayList<>();
        boolean valid = true;
        for (final String name : names)
        {
            final DataType type = dataType(name);
            if (type == null)
            {
                final StringJoiner allowed = new StringJoiner(", ");
                for (final DataType each : DataType.values())
                {
                    allowed.add(dataTypeName(each));
                }
                problems.add(new ConfigProblem(originOf(merged, key), key, name, "a data type: " + allowed));
                valid = false;
            }
            else if (!types.contains(type))
            {
                types.add(type);
            }
        }
        return valid ? types : null;
    }

    private String url(
        final Config merged,
        final String key,
        final String plainScheme,
        final String tlsScheme,
        final boolean pathAllowed)
    {
        final String text = string(merged, key);
        if (text == null)
        {
            return null;
        }
        final String expected = plainScheme + "://host[:port] or " + tlsScheme + "://host[:port]" +
            (pathAllowed ? "[/path]" : "") + ", without a trailing slash";
        try
        {
            final URI uri = new URI(text);
            final boolean valid = (plainScheme.equals(uri.getScheme()) || tlsScheme.equals(uri.getScheme())) &&
                uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null && !text.endsWith("/") &&
                (pathAllowed || uri.getRawPath() == null || uri.getRawPath().isEmpty());
            if (valid)
            {
                return text;
            }
        }
        catch (final URISyntaxException ex)
        {
            // reported below
        }
        problems.add(new ConfigProblem(originOf(merged, key), key, text, expected));
        return null;
    }

    private Path trustStore(final Config merged, final String key, final Path file, final String password)
    {
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
        {
            problems.add(new ConfigProblem(originOf(merged, key), key, file.toString(),
                "a readable trust store file (PKCS12 or JKS), or empty for the JVM's default trust"));
            return null;
        }
        try
        {
            KeyStore.getInstance(file.toFile(), password == null ? new char[0] : password.toCharArray());
            return file;
        }
        catch (final IOException | GeneralSecurityException | IllegalArgumentException ex)
        {
            problems.add(new ConfigProblem(originOf(merged, key), key, file.toString(),
                "a PKCS12 or JKS trust store that opens with trustStorePassword (" + ex.getMessage() + ")"));
            return null;
        }
    }

    private ConfigValue value(final Config merged, final String key, final String expected)
    {
        if (merged.hasPath(key))
        {
            return merged.getValue(key);
        }
        try
        {
            merged.getValue(key); // null, or a parent that is not an object
        }
        catch (final ConfigException.Null ex)
        {
            problems.add(new ConfigProblem(origin(ex.origin()), key, "null", expected));
            return null;
        }
        catch (final ConfigException ex)
        {
            return null; // a parent set to a value: reported by checkKeys
        }
        problems.add(new ConfigProblem(null, key, null, expected + " (the key is missing)"));
        return null;
    }

    private void add(final Config merged, final String key, final String expected)
    {
        problems.add(new ConfigProblem(originOf(merged, key), key, render(merged.getValue(key)), expected));
    }

    private static String originOf(final Config merged, final String key)
    {
        return merged.hasPath(key) ? origin(merged.getValue(key).origin()) : null;
    }

    private static String venueKey(final String venue, final String field)
    {
        return VENUES + "." + venue + "." + field;
    }

    private static boolean isVenue(final String name)
    {
        return venueNames().contains(name);
    }

    private static List<String> venueNames()
    {
        final List<String> names = new ArrayList<>();
        for (final Venue venue : VenueNames.venues())
        {
            names.add(VenueNames.name(venue));
        }
        return names;
    }

    private static DataType dataType(final String name)
    {
        for (final DataType type : DataType.values())
        {
            if (dataTypeName(type).equals(name.trim().toLowerCase(Locale.ROOT)))
            {
                return type;
            }
        }
        return null;
    }

    /**
     * @param type a data type.
     * @return its name in the configuration, e.g. {@code open_interest}.
     */
    public static String dataTypeName(final DataType type)
    {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static String render(final ConfigValue value)
    {
        return value.valueType() == ConfigValueType.STRING ? (String)value.unwrapped() :
            value.render(ConfigRenderOptions.concise());
    }

    private static String origin(final ConfigOrigin origin)
    {
        if (origin == null)
        {
            return null;
        }
        if (origin.resource() != null)
        {
            return origin.resource() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
        }
        if (origin.filename() != null)
        {
            return origin.filename() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
        }
        return origin.description();
    }
}
