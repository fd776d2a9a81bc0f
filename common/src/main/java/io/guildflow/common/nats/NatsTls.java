package io.guildflow.common.nats;

import io.guildflow.common.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to NATS with the server's certificate checked against the CA (NATS_CA_FILE, else the JVM's
 * trust store) and against the host name in NATS_URL. jnats checks only the chain, so every socket
 * it opens through this context gets HTTPS-style endpoint identification.
 */
final class NatsTls {
    private NatsTls() {
    }

    static SSLContext clientContext(Optional<Path> caFile) {
        try {
            SSLContext base = SSLContext.getInstance("TLS");
            base.init(null, caFile.map(NatsTls::trustManagers).orElse(null), null);
            return new HostnameVerifying(base);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ConfigException("NATS_CA_FILE=" + caFile + " holds no certificate: expected PEM (-----BEGIN CERTIFICATE-----)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new ConfigException("NATS_CA_FILE=" + caFile + " cannot be read: " + e.getClass().getSimpleName());
        } catch (GeneralSecurityException e) {
            throw new ConfigException("NATS_CA_FILE=" + caFile + " is not valid: expected PEM CA certificates ("
                    + e.getMessage() + ")");
        }
    }

    private static final class HostnameVerifying extends SSLContext {
        HostnameVerifying(SSLContext delegate) {
            super(new Spi(delegate), delegate.getProvider(), delegate.getProtocol());
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;

        Spi(SSLContext delegate) {
            this.delegate = delegate;
        }

        @Override
        protected void engineInit(javax.net.ssl.KeyManager[] km, TrustManager[] tm, java.security.SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new VerifyingSocketFactory(delegate.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return delegate.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine engine = delegate.createSSLEngine(host, port);
            engine.setSSLParameters(identifying(engine.getSSLParameters()));
            return engine;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }
    }

    private static SSLParameters identifying(SSLParameters parameters) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private static final class VerifyingSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        VerifyingSocketFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket verifying(Socket socket) {
            SSLSocket tls = (SSLSocket) socket;
            tls.setSSLParameters(identifying(tls.getSSLParameters()));
            return tls;
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return verifying(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket() throws IOException {
            return verifying(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return verifying(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return verifying(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return verifying(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return verifying(delegate.createSocket(address, port, localAddress, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
