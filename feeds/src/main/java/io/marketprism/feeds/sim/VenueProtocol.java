/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.netty.buffer.ByteBuf;

import java.io.IOException;

/**
 * One venue's WebSocket protocol as the {@link VenueSimulator} speaks it: which paths are endpoints, whether the URL
 * itself subscribes, and the venue's answer to each text frame a client sends. One instance serves one client
 * connection, so it may keep that connection's subscriptions. Cold path: runs once per client request.
 */
public interface VenueProtocol
{
    /**
     * @return the path clients connect to by default, e.g. {@code /stream}.
     */
    String defaultPath();

    /**
     * @param path the request path, without the query.
     * @return true when the venue serves WebSocket connections there.
     */
    boolean isEndpoint(String path);

    /**
     * @param path  the request path.
     * @param query the raw query string, or null.
     * @return true when the URL names streams, so the replay starts as soon as the upgrade is done.
     */
    boolean subscribesOnConnect(String path, String query);

    /**
     * @param text a text frame from the client.
     * @return the venue's answer.
     */
    Reply onClientText(String text);

    /**
     * A text frame as this connection sends it, for a venue that numbers a connection's messages (Coinbase's
     * {@code sequence_num}); by default the frame unchanged. Called on the connection's event loop for every text
     * frame sent to it, in send order: the protocol's answers, the books of a late subscription and the replay.
     *
     * @param frame          the frame's text; owned by the callee, which releases it when it returns another.
     * @param replayPosition for a replayed frame, its place in this connection's replay (0 for the first frame the
     *                       connection was sent, a repeated frame the same again, a lost one leaving its place
     *                       unused); for any other frame, the place of the next replayed frame.
     * @param replayed       true for a frame of the replay.
     * @return the frame to send.
     */
    default ByteBuf outbound(final ByteBuf frame, final long replayPosition, final boolean replayed)
    {
        return frame;
    }

    /**
     * @param mapper reads JSON.
     * @param text   a client's frame.
     * @return the frame as JSON, or a missing node when it is not JSON at all.
     */
    static JsonNode parse(final ObjectMapper mapper, final String text)
    {
        try
        {
            final JsonNode node = mapper.readTree(text);
            return node != null ? node : MissingNode.getInstance();
        }
        catch (final IOException ex)
        {
            return MissingNode.getInstance();
        }
    }

    /**
     * The venue's answer to a client frame.
     */
    final class Reply
    {
        private static final Reply NONE = new Reply(null, false);

        private final String text;
        private final String[] more;
        private final boolean subscribed;

        private Reply(final String text, final boolean subscribed, final String... more)
        {
            this.text = text;
            this.subscribed = subscribed;
            this.more = more;
        }

        /**
         * @return no answer, no change.
         */
        public static Reply none()
        {
            return NONE;
        }

        /**
         * @param text the answer, e.g. an error or an unsubscribe acknowledgement.
         * @return an answer that starts nothing.
         */
        public static Reply answer(final String text)
        {
            return new Reply(text, false);
        }

        /**
         * @param text the acknowledgement of the subscription.
         * @return an answer after which the replay runs.
         */
        public static Reply subscribed(final String text)
        {
            return new Reply(text, true);
        }

        /**
         * @param texts answers, one text frame each.
         * @return answers that start nothing.
         */
        public static Reply answers(final java.util.List<String> texts)
        {
            return new Reply(texts.get(0), false, texts.subList(1, texts.size()).toArray(new String[0]));
        }

        /**
         * @param texts the acknowledgements, one text frame each (OKX acknowledges each channel of a request).
         * @return an answer after which the replay runs.
         */
        public static Reply subscribed(final java.util.List<String> texts)
        {
            return new Reply(texts.get(0), true, texts.subList(1, texts.size()).toArray(new String[0]));
        }

        /**
         * @return text frames to send after {@link #text()}, in order; usually none.
         */
        public String[] more()
        {
            return more;
        }

        /**
         * @return the text frame to send back, or null.
         */
        public String text()
        {
            return text;
        }

        /**
         * @return true when the frame subscribed to streams, so the replay is to run.
         */
        public boolean isSubscribed()
        {
            return subscribed;
        }
    }
}
