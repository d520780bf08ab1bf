/**
 * CyberDB for CDI applications (Helidon MP, or any CDI 4 container): a portable extension that
 * injects {@code @CyberTable} tables, a request-scoped {@code CyberProxy} and an application-scoped
 * {@code CyberClient}, configured through MicroProfile Config.
 */
module cyberdb.cdi {
    requires cyberdb.api;
    requires static cyberdb.net;
    requires jakarta.cdi;
    requires jakarta.inject;
    requires microprofile.config.api;
    requires static microprofile.health.api;

    exports cyberdb.cdi;
    // CDI containers create and proxy the extension's beans reflectively.
    opens cyberdb.cdi.extension;

    provides jakarta.enterprise.inject.spi.Extension with cyberdb.cdi.extension.CyberExtension;
}
