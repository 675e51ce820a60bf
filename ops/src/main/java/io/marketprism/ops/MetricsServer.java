/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.StageLatency;
import io.marketprism.engine.book.BookSnapshots;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /metrics} (Prometheus text 0.0.4), {@code /health} (freshness per venue and data type, 503 when stale),
 * {@code /ready} and {@code /book/{venue}/{symbol}} ({@link BookEndpoint}) over the JDK's HTTP server, on one thread
 * of its own. Every answer is built from counters, the latency sampler's snapshot and the book slots, never from the
 * pipeline itself, so the endpoints answer while the pipeline is saturated or wedged (a book then comes as last
 * written, at most {@link BookEndpoint#ROUND_WAIT_MS} later).
 * <p>
 * {@link #bind} takes the port before the engine starts (a port in use stops the command before anything runs);
 * {@link #start} serves once the counters exist.
 */
public final class MetricsServer implements AutoCloseable
{
    private final HttpServer server;
    private final ExecutorService executor;
    private final EngineConfiguration.Context context;
    private final byte[] expectedAuthorization;
    private LatencySampler sampler;
    private boolean ownsSampler;
    private volatile ErrorHandler errorHandler;
    private volatile boolean ready;

    private MetricsServer(final HttpServer server, final EngineConfiguration.Context context)
    {
        this.server = server;
        this.context = context;
        this.expectedAuthorization = context.httpBearerToken().isEmpty() ? null :
            ("Bearer " + context.httpBearerToken()).getBytes(StandardCharsets.UTF_8);
        this.executor = Executors.newSingleThreadExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "marketprism-http");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Binds the configured address and port; serves nothing yet.
     *
     * @param context concluded settings with HTTP enabled.
     * @return the bound server.
     * @throws EngineConfiguration.ConfigurationException when the port is in use or the address is not local.
     */
    public static MetricsServer bind(final EngineConfiguration.Context context)
    {
        final InetSocketAddress address = new InetSocketAddress(context.httpInetAddress(), context.httpPort());
        // without TCP_NODELAY a response's last segment waits for the client's delayed ACK: ~40 ms per scrape.
        // The JDK's server reads this property once, when its first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null)
        {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try
        {
            return new MetricsServer(HttpServer.create(address, 16), context);
        }
        catch (final BindException ex)
        {
            throw new EngineConfiguration.ConfigurationException(EngineConfiguration.HTTP_PORT_PROP_NAME,
                String.valueOf(context.httpPort()), "a free port: cannot listen on " +
                context.httpInetAddress().getHostAddress() + ":" + context.httpPort() + " (" + ex.getMessage() + ")");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot listen on " + address + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Starts serving, with a latency sampler of its own (closed with this server).
     *
     * @param counters the engine's counters.
     * @param latency  the pipeline's stage latency, or null.
     */
    public void start(final CountersReader counters, final StageLatency latency)
    {
        start(counters, latency, null);
    }

    /**
     * Starts serving, with a latency sampler of its own (closed with this server), and the current books.
     *
     * @param counters the engine's counters.
     * @param latency  the pipeline's stage latency, or null.
     * @param books    the pipeline's book slots ({@code /book}), or null when snapshots are off.
     */
    public void start(final CountersReader counters, final StageLatency latency, final BookSnapshots books)
    {
        startWith(counters, latency == null ? null : new LatencySampler(latency, 1000), books);
        ownsSampler = sampler != null;
    }

    /**
     * Starts serving the snapshots of a sampler the caller owns (and closes).
     *
     * @param counters the engine's counters.
     * @param sampler  the pipeline's latency sampler, or null.
     * @param books    the pipeline's book slots ({@code /book}), or null when snapshots are off.
     */
    void startWith(final CountersReader counters, final LatencySampler sampler, final BookSnapshots books)
    {
        this.sampler = sampler;
        final HealthReport health = new HealthReport(
            counters, context.healthFreshnessLimitMs(), context.healthStartupGraceMs());
        final PrometheusExporter exporter = new PrometheusExporter(counters, sampler, health);
        server.createContext("/metrics", guarded((exchange) ->
        {
            if (authorized(exchange))
            {
                respond(exchange, 200, PrometheusExporter.CONTENT_TYPE, exporter.scrape());
            }
        }));
        server.createContext("/health", guarded((exchange) ->
        {
            if (authorized(exchange))
            {
                final StringBuilder json = new StringBuilder();
                final boolean healthy = health.render(System.currentTimeMillis() * 1_000_000L, json);
                respond(exchange, healthy ? 200 : 503, "application/json", json.toString());
            }
        }));
        server.createContext("/ready", guarded((exchange) ->
        {
            if (authorized(exchange))
            {
                final boolean isReady = ready;
                respond(exchange, isReady ? 200 : 503, "application/json",
                    "{\"ready\":" + isReady + "}\n");
            }
        }));
        final BookEndpoint book = new BookEndpoint(books);
        server.createContext(BookEndpoint.PATH, guarded((exchange) ->
        {
            if (authorized(exchange))
            {
                final BookEndpoint.Answer answer = book.answer(
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery());
                answer.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                respond(exchange, answer.status, answer.contentType, answer.body);
            }
        }));
        server.createContext("/", guarded((exchange) ->
        {
            if (authorized(exchange))
            {
                respond(exchange, 404, "text/plain; charset=utf-8",
                    "not found; try /metrics, /health, /ready, /book/{venue}/{symbol}?depth=N\n");
            }
        }));
        server.setExecutor(executor);
        server.start();
    }

    /**
     * @param handler told of an exception thrown while answering a request (the request gets a 500); null: none.
     */
    public void errorHandler(final ErrorHandler handler)
    {
        this.errorHandler = handler;
    }

    /**
     * @param isReady what {@code /ready} reports from now on.
     */
    public void ready(final boolean isReady)
    {
        this.ready = isReady;
    }

    /**
     * @return the bound address (the actual port when 0 was configured).
     */
    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    /**
     * @return base URL, e.g. {@code http://127.0.0.1:9180}.
     */
    public String url()
    {
        final InetSocketAddress address = address();
        final String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * An unexpected exception in a handler goes to the error handler and the client gets a 500, instead of the JDK
     * server's silent close of the connection.
     */
    private HttpHandler guarded(final HttpHandler handler)
    {
        return (exchange) ->
        {
            try
            {
                handler.handle(exchange);
            }
            catch (final IOException | RuntimeException ex)
            {
                final ErrorHandler handlerOfErrors = errorHandler;
                if (handlerOfErrors != null)
                {
                    handlerOfErrors.onError(ex);
                }
                try
                {
                    respond(exchange, 500, "text/plain; charset=utf-8", "internal error: " + ex + "\n");
                }
                catch (final IOException | RuntimeException ignored)
                {
                    exchange.close();
                }
            }
        };
    }

    private boolean authorized(final HttpExchange exchange) throws IOException
    {
        if (expectedAuthorization == null)
        {
            return true;
        }
        final String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null &&
            MessageDigest.isEqual(expectedAuthorization, header.trim().getBytes(StandardCharsets.UTF_8)))
        {
            return true;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        respond(exchange, 401, "text/plain; charset=utf-8", "unauthorized\n");
        return false;
    }

    private static void respond(final HttpExchange exchange, final int status, final String contentType,
        final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            if (!head)
            {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close()
    {
        ready = false;
        server.stop(0);
        executor.shutdownNow();
        if (ownsSampler)
        {
            sampler.close();
        }
    }
}
