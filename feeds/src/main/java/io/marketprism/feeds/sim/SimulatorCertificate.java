/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for the simulator's TLS endpoint, made at start by the JDK's {@code keytool} (an EC P-256
 * key, valid for 7 days, for the DNS name {@code localhost} only): Netty's own generator needs BouncyCastle, which the
 * project does not ship. Clients that should trust it take {@link #trustStore()}; a client on the JDK's default roots
 * refuses it, as it would refuse any self-signed certificate.
 */
public final class SimulatorCertificate
{
    /** The only host name the certificate is valid for. */
    public static final String HOST_NAME = "localhost";

    private static final String ALIAS = "simulator";
    private static final long KEYTOOL_TIMEOUT_S = 60;

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;

    private SimulatorCertificate(final KeyStore keyStore, final char[] password) throws GeneralSecurityException
    {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = (X509Certificate)keyStore.getCertificate(ALIAS);
    }

    /**
     * Generates a key pair and certificate with the running JDK's keytool, in a temporary directory that is deleted
     * before returning. Cold path (about a second).
     *
     * @return the certificate.
     * @throws IOException when keytool cannot run or fails.
     */
    public static SimulatorCertificate generate() throws IOException
    {
        final byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        final char[] password = Base64.getEncoder().encodeToString(secret).toCharArray();
        final Path dir = Files.createTempDirectory("marketprism-sim-tls");
        final Path file = dir.resolve("simulator.p12");
        final Path log = dir.resolve("keytool.log");
        try
        {
            final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            final ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair",
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7",
                "-dname", "CN=" + HOST_NAME, "-ext", "SAN=dns:" + HOST_NAME,
                "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass:env", "MARKETPRISM_SIM_STOREPASS")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            // the password goes through the environment, not the command line other users can read
            builder.environment().put("MARKETPRISM_SIM_STOREPASS", new String(password));
            final Process process = builder.start();
            if (!process.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_S + " s");
            }
            if (process.exitValue() != 0)
            {
                throw new IOException("keytool failed (exit " + process.exitValue() + "): " +
                    Files.readString(log, StandardCharsets.UTF_8).trim());
            }
            final KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file))
            {
                store.load(in, password);
            }
            return new SimulatorCertificate(store, password);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the simulator's certificate", ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("cannot read the simulator's generated key store: " + ex.getMessage(), ex);
        }
        finally
        {
            Files.deleteIfExists(file);
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * @return the certificate.
     */
    public X509Certificate certificate()
    {
        return certificate;
    }

    /**
     * @return a key manager factory over the key and certificate, for the server's TLS context.
     * @throws GeneralSecurityException when the JDK refuses the key.
     */
    public KeyManagerFactory keyManagerFactory() throws GeneralSecurityException
    {
        final KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore, password);
        return factory;
    }

    /**
     * @return a trust store holding only this certificate, for clients that are to trust the simulator.
     */
    public KeyStore trustStore()
    {
        try
        {
            final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry(ALIAS, certificate);
            return store;
        }
        catch (final GeneralSecurityException | IOException ex)
        {
            throw new IllegalStateException("cannot build an in-memory trust store: " + ex.getMessage(), ex);
        }
    }
}
