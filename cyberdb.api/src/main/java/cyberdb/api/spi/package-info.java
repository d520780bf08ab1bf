/**
 * Service interfaces that implementation modules provide and {@link cyberdb.api.CyberDB} finds
 * through {@link java.util.ServiceLoader}. Not for application code.
 */
package cyberdb.api.spi;
